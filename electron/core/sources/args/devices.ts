// Capture devices: one or two inputs from device ids ("backend:key", see electron/core/devices/).
//
// A device source may take video from one device and audio from another (a camera on HDMI capture
// and a USB audio interface): two inputs. A dshow or avfoundation pair opens as one input (one
// clock), and a DeckLink whose audio id is its own video id gives its embedded audio.
import { DeviceBackendSchema, type CaptureDevice, type DeviceBackend } from '../../../shared/devices.js';
import type { Source } from '../../../shared/show.js';
import { pickBestMode, type ModePick } from '../../devices/mode-picker.js';
import { rateOf } from './filters.js';
import { silenceInput } from './generated.js';
import { gdigrabInput, x11grabInput } from './screen.js';
import type { InputPlan, ProgramFormat, SourceArgsOptions } from './types.js';

type DeviceSource = Extract<Source, { kind: 'device' }>;
type Kind = 'video' | 'audio';

const AUDIO_ONLY: ReadonlySet<DeviceBackend> = new Set(['pulse', 'alsa', 'jack']);
const VIDEO_ONLY: ReadonlySet<DeviceBackend> = new Set(['v4l2', 'x11grab', 'gdigrab']);

/** Low-latency capture: 20 ms of 48 kHz stereo s16. */
export const PULSE_FRAGMENT_BYTES = 48_000 * 2 * 2 * 0.02;

export interface ResolvedDevice {
  id: string;
  backend: DeviceBackend;
  /** The id without its backend prefix. */
  key: string;
  /** The enumerated device, when the id is in the last listing. */
  device: CaptureDevice | undefined;
}

/** Splits "backend:key", rejecting unknown backends with a message that lists the known ones. */
export function parseDeviceId(id: string): { backend: DeviceBackend; key: string } {
  const colon = id.indexOf(':');
  if (colon <= 0 || colon === id.length - 1)
    throw new Error(`device id "${id}" is not of the form backend:key`);
  const name = id.slice(0, colon);
  const backend = DeviceBackendSchema.safeParse(name);
  if (!backend.success) {
    throw new Error(
      `unknown capture backend "${name}" in device id "${id}" (known: ${DeviceBackendSchema.options.join(', ')})`,
    );
  }
  return { backend: backend.data, key: id.slice(colon + 1) };
}

function resolve(id: string, kind: Kind, opts: SourceArgsOptions): ResolvedDevice {
  const { backend, key } = parseDeviceId(id);
  if (kind === 'video' && AUDIO_ONLY.has(backend)) throw new Error(`${backend} device "${id}" has no video`);
  if (kind === 'audio' && VIDEO_ONLY.has(backend)) throw new Error(`${backend} device "${id}" has no audio`);
  return { id, backend, key, device: opts.devices?.find((d) => d.id === id) };
}

function modeOf(r: ResolvedDevice, p: ProgramFormat, opts: SourceArgsOptions): ModePick | null {
  const chosen = opts.deviceModes?.[r.id];
  if (chosen) return chosen;
  const modes = r.device?.modes ?? [];
  return modes.length > 0 ? pickBestMode(modes, p, { backend: r.backend }) : null;
}

/** The key without the "video:"/"audio:" prefix that dshow and avfoundation ids carry. */
function nameOf(r: ResolvedDevice, kind: Kind): string {
  return r.key.startsWith(`${kind}:`) ? r.key.slice(kind.length + 1) : r.key;
}

/**
 * dshow reads `video=NAME:audio=NAME` with strtok: a colon cannot be escaped. The alternative name
 * ("@device_pnp_…", which the ids use when the listing gave one) has none. Quotes need no escaping:
 * the arguments are an array, never a shell string, and ffmpeg compares the name as given.
 */
export function dshowName(r: ResolvedDevice, kind: Kind): string {
  const name = nameOf(r, kind);
  if (!name.includes(':')) return name;
  const alt = r.device?.details?.alternativeName;
  if (typeof alt === 'string' && !alt.includes(':')) return alt;
  throw new Error(`dshow cannot open "${name}": the name contains ":" and no alternative name is known`);
}

/**
 * avfoundation splits "VIDEO:AUDIO" on colons too, and reads a name that starts with a number as an
 * index ("4K Cam" would open device 4): such names are opened by their listing index.
 */
export function avfoundationName(r: ResolvedDevice, kind: Kind): string {
  const name = nameOf(r, kind);
  if (!name.includes(':') && !/^\s*[+-]?\d/.test(name)) return name;
  const index = r.device?.details?.index;
  if (typeof index === 'number') return String(index);
  throw new Error(
    `avfoundation cannot open "${name}" by name (a colon or a leading number); list the devices to open it by index`,
  );
}

function v4l2Input(r: ResolvedDevice, pick: ModePick | null, p: ProgramFormat): string[] {
  const node = r.device?.input ?? (r.key.startsWith('/dev/') ? r.key : undefined);
  if (node === undefined) throw new Error(`v4l2 device "${r.id}" is not connected (not in the device list)`);
  // Without a listed mode, ask for the program's: the driver answers with its nearest and ffmpeg follows.
  const mode = pick?.inputOptions ?? ['-video_size', `${p.width}x${p.height}`, '-framerate', rateOf(p)];
  return ['-f', 'v4l2', '-thread_queue_size', '32', ...mode, '-i', node];
}

function dshowInput(
  video: ResolvedDevice | undefined,
  audio: ResolvedDevice | undefined,
  pick: ModePick | null,
): string[] {
  const target = [
    ...(video ? [`video=${dshowName(video, 'video')}`] : []),
    ...(audio ? [`audio=${dshowName(audio, 'audio')}`] : []),
  ].join(':');
  return [
    '-f',
    'dshow',
    '-rtbufsize',
    '256M',
    '-thread_queue_size',
    '64',
    ...(video && pick ? pick.inputOptions : []),
    // The default audio buffer is about 500 ms.
    ...(audio ? ['-audio_buffer_size', '50'] : []),
    '-i',
    target,
  ];
}

function avfoundationInput(
  video: ResolvedDevice | undefined,
  audio: ResolvedDevice | undefined,
  pick: ModePick | null,
  p: ProgramFormat | null,
): string[] {
  // "VIDEO" alone opens no audio; ":AUDIO" (leading colon) opens no video.
  const target = `${video ? avfoundationName(video, 'video') : ''}${audio ? `:${avfoundationName(audio, 'audio')}` : ''}`;
  // avfoundation rejects a rate the device does not offer, and its default is 29.97.
  const mode = video && p ? (pick?.inputOptions ?? ['-framerate', rateOf(p)]) : [];
  return ['-f', 'avfoundation', '-thread_queue_size', '64', ...mode, '-i', target];
}

function decklinkInput(r: ResolvedDevice, pick: ModePick | null, embeddedAudio: boolean): string[] {
  // ffmpeg opens a DeckLink by display name or by its persistent id (the key of "-sources" ids).
  const name = r.device?.input ?? r.key;
  return [
    '-f',
    'decklink',
    '-thread_queue_size',
    '32',
    ...(pick?.inputOptions ?? []),
    ...(embeddedAudio ? ['-channels', '2'] : []),
    '-i',
    `${name}${pick?.inputSuffix ?? ''}`,
  ];
}

function audioInput(r: ResolvedDevice): string[] {
  switch (r.backend) {
    case 'pulse':
      return [
        '-f',
        'pulse',
        '-thread_queue_size',
        '256',
        '-sample_rate',
        '48000',
        '-channels',
        '2',
        '-fragment_size',
        String(PULSE_FRAGMENT_BYTES),
        '-i',
        r.device?.input ?? r.key,
      ];
    case 'alsa':
      // plughw converts rate and channel count; hw refuses 48 kHz stereo on a 4-channel interface.
      return [
        '-f',
        'alsa',
        '-thread_queue_size',
        '256',
        '-sample_rate',
        '48000',
        '-channels',
        '2',
        '-i',
        (r.device?.input ?? r.key).replace(/^hw:/, 'plughw:'),
      ];
    case 'jack':
      // JACK names the client; its ports are connected with the JACK tools.
      return ['-f', 'jack', '-thread_queue_size', '256', '-channels', '2', '-i', r.device?.input ?? r.key];
    case 'dshow':
      return dshowInput(undefined, r, null);
    case 'avfoundation':
      return avfoundationInput(undefined, r, null, null);
    case 'decklink':
      return decklinkInput(r, null, true);
    case 'v4l2':
    case 'x11grab':
    case 'gdigrab':
      throw new Error(`${r.backend} device "${r.id}" has no audio`);
  }
}

/** The input of an audio device attached to another source (`audioDevice`). */
export function audioDeviceInput(id: string, opts: SourceArgsOptions): string[] {
  return audioInput(resolve(id, 'audio', opts));
}

function videoInput(
  r: ResolvedDevice,
  pick: ModePick | null,
  p: ProgramFormat,
  opts: SourceArgsOptions,
): string[] {
  switch (r.backend) {
    case 'v4l2':
      return v4l2Input(r, pick, p);
    case 'dshow':
      return dshowInput(r, undefined, pick);
    case 'avfoundation':
      return avfoundationInput(r, undefined, pick, p);
    case 'decklink':
      return decklinkInput(r, pick, false);
    case 'x11grab':
      return x11grabInput(r.device?.input ?? r.key, p, opts.screenSize);
    case 'gdigrab':
      return gdigrabInput(r.device?.input ?? r.key, p, opts.screenSize);
    case 'pulse':
    case 'alsa':
    case 'jack':
      throw new Error(`${r.backend} device "${r.id}" has no video`);
  }
}

/** Deinterlace an interlaced mode; at a program rate above the field rate's half, one frame per field. */
function deinterlace(pick: ModePick | null, p: ProgramFormat): string[] {
  if (!pick?.mode.interlaced) return [];
  return [`bwdif=mode=${p.fps > pick.fps * 1.2 ? 'send_field' : 'send_frame'}:deint=interlaced`];
}

export function devicePlan(s: DeviceSource, p: ProgramFormat, opts: SourceArgsOptions): InputPlan {
  const video = s.video === undefined ? undefined : resolve(s.video, 'video', opts);
  const audio = s.audio === undefined ? undefined : resolve(s.audio, 'audio', opts);
  const pick = video ? modeOf(video, p, opts) : null;
  const videoPre = deinterlace(pick, p);

  if (!video) {
    if (!audio) throw new Error(`device source "${s.id}" names no video or audio device`);
    // The black picture is made from the audio, so that it stops when the audio stops.
    return { inputs: [audioInput(audio)], video: null, audio: '[0:a:0]', captureAudio: true };
  }
  if (!audio) {
    return {
      inputs: [videoInput(video, pick, p, opts), silenceInput()],
      video: '[0:v:0]',
      audio: '[1:a:0]',
      videoPre,
    };
  }

  const together =
    (video.backend === 'dshow' && audio.backend === 'dshow') ||
    (video.backend === 'avfoundation' && audio.backend === 'avfoundation') ||
    (video.backend === 'decklink' && audio.id === video.id);
  if (together) {
    const input =
      video.backend === 'dshow'
        ? dshowInput(video, audio, pick)
        : video.backend === 'avfoundation'
          ? avfoundationInput(video, audio, pick, p)
          : decklinkInput(video, pick, true);
    return { inputs: [input], video: '[0:v:0]', audio: '[0:a:0]', videoPre, captureAudio: true };
  }
  return {
    inputs: [videoInput(video, pick, p, opts), audioInput(audio)],
    video: '[0:v:0]',
    audio: '[1:a:0]',
    videoPre,
    captureAudio: true,
    liveInputs: true,
  };
}
