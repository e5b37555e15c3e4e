// Capture devices: every backend's input, pairs of devices, mode options from the listing, and errors.
import { describe, expect, it } from 'vitest';
import {
  parseAvfoundationDevices,
  parseDecklinkFormats,
  parseDshowDevices,
  parseDshowOptions,
  parseFfmpegSources,
  parseV4l2CtlFormats,
  pickBestMode,
} from '../../../electron/core/devices/index.js';
import { inputArgs, parseDeviceId, sourceArgs } from '../../../electron/core/sources/args.js';
import { DeviceIdSchema, type CaptureDevice } from '../../../electron/shared/devices.js';
import { SourceSchema, type Source } from '../../../electron/shared/show.js';
import { fixture } from '../devices/fixture.js';
import { OUTPUTS, SILENCE } from './expected.js';

const P = { width: 1920, height: 1080, fps: 25 };
const CAPTURE_AUDIO = 'aresample,aformat=sample_fmts=s16:sample_rates=48000:channel_layouts=stereo';

function device(video?: string, audio?: string): Source {
  return SourceSchema.parse({ id: 'cam', name: 'Cam', kind: 'device', video, audio });
}
function graphOf(args: string[]): string {
  return args[args.indexOf('-filter_complex') + 1] ?? '';
}

const dshowDevices = parseDshowDevices(fixture('dshow/synthetic-new-format-crlf-nonascii-quotes.txt'));
const camLink = dshowDevices.find((d) => d.name === 'Cam Link 4K')!;
const realtekMic = dshowDevices.find((d) => d.name === 'Mikrofon (Realtek® Audio)')!;
const quotedMic = dshowDevices.find((d) => d.name === 'Mic "Stage Left" (USB)')!;

describe('device ids', () => {
  it('splits backend and key; the key may hold colons', () => {
    expect(parseDeviceId('decklink:59:00000000:003bc300')).toEqual({
      backend: 'decklink',
      key: '59:00000000:003bc300',
    });
  });

  it('rejects an unknown backend with a clear message', () => {
    expect(() => parseDeviceId('ndi:Studio (Cam 1)')).toThrow(
      'unknown capture backend "ndi" in device id "ndi:Studio (Cam 1)" (known: v4l2, decklink, avfoundation, dshow, pulse, alsa, jack, x11grab, gdigrab)',
    );
    expect(() => sourceArgs(device('vfw:0'), P)).toThrow(/unknown capture backend "vfw"/);
    expect(() => parseDeviceId('nocolon')).toThrow('device id "nocolon" is not of the form backend:key');
  });

  it('rejects a device used for what it cannot give', () => {
    expect(() => sourceArgs(device('pulse:mic'), P)).toThrow('pulse device "pulse:mic" has no video');
    expect(() => sourceArgs(device(undefined, 'v4l2:/dev/video0'), P)).toThrow(
      'v4l2 device "v4l2:/dev/video0" has no audio',
    );
    expect(() => sourceArgs(device(), P)).toThrow('device source "cam" names no video or audio device');
  });
});

describe('v4l2', () => {
  const modes = parseV4l2CtlFormats(fixture('v4l2/v4l2ctl-cam-link-4k-1080p25.txt'));
  const listed: CaptureDevice = {
    id: DeviceIdSchema.parse('v4l2:/sys/devices/pci0000:00/0000:00:14.0/usb2/2-1/2-1:1.0'),
    name: 'Cam Link 4K',
    backend: 'v4l2',
    kind: 'video',
    modes,
    input: '/dev/video5',
  };

  it('opens the listed node with the best mode; silence for audio: the full argv', () => {
    expect(sourceArgs(device(listed.id), P, { devices: [listed] })).toEqual([
      '-hide_banner',
      '-loglevel',
      'warning',
      '-nostats',
      '-f',
      'v4l2',
      '-thread_queue_size',
      '32',
      '-input_format',
      'yuv420p',
      '-video_size',
      '1920x1080',
      '-framerate',
      '25',
      '-i',
      '/dev/video5',
      ...SILENCE,
      '-filter_complex',
      '[0:v:0]scale=1920:1080:force_original_aspect_ratio=decrease:force_divisible_by=2:flags=bicubic:in_color_matrix=bt709:out_color_matrix=bt709:out_range=tv,' +
        'format=yuv420p,pad=1920:1080:(ow-iw)/2:(oh-ih)/2:color=black,setsar=1,fps=25[v];' +
        '[1:a:0]aresample=async=1000:first_pts=0,aformat=sample_fmts=s16:sample_rates=48000:channel_layouts=stereo[a]',
      ...OUTPUTS,
    ]);
  });

  it('takes a chosen mode (operator override) over its own pick', () => {
    const yuyv = pickBestMode(modes, P, {
      backend: 'v4l2',
      override: { width: 1920, height: 1080, fps: 25, pixelFormat: 'yuyv422' },
    })!;
    expect(
      inputArgs(device(listed.id), P, { devices: [listed], deviceModes: { [listed.id]: yuyv } }).slice(4, 6),
    ).toEqual(['-input_format', 'yuyv422']);
  });

  it('without a listing, opens a /dev node at the program mode (the driver answers with its nearest)', () => {
    expect(inputArgs(device('v4l2:/dev/video0'), P).slice(0, 10)).toEqual([
      '-f',
      'v4l2',
      '-thread_queue_size',
      '32',
      '-video_size',
      '1920x1080',
      '-framerate',
      '25',
      '-i',
      '/dev/video0',
    ]);
  });

  it('a bus-path id that is not in the listing is a device that is not connected', () => {
    expect(() => inputArgs(device(listed.id), P)).toThrow(
      `v4l2 device "${listed.id}" is not connected (not in the device list)`,
    );
  });
});

describe('dshow', () => {
  const brio = { ...camLink, modes: parseDshowOptions(fixture('dshow/list-options-logitech-brio.txt')) };

  it('one input for video and audio, by alternative name, with mode and latency options', () => {
    const args = inputArgs(
      device(brio.id, realtekMic.id),
      { width: 1280, height: 720, fps: 30 },
      { devices: [brio, realtekMic] },
    );
    expect(args).toEqual([
      '-f',
      'dshow',
      '-rtbufsize',
      '256M',
      '-thread_queue_size',
      '64',
      ...pickBestMode(brio.modes, { width: 1280, height: 720, fps: 30 }, { backend: 'dshow' })!.inputOptions,
      '-audio_buffer_size',
      '50',
      '-i',
      'video=@device_pnp_\\\\?\\usb#vid_0fd9&pid_0066&mi_00#7&1a2b3c4d&0&0000#{65e8773d-8f56-11d0-a3b9-00a0c9223196}\\global' +
        ':audio=@device_cm_{33D9A762-90C8-11D0-BD43-00A0C911CE86}\\wave_{11111111-2222-3333-4444-555555555555}',
    ]);
    expect(args).toContain('-video_size');
    expect(graphOf(sourceArgs(device(brio.id, realtekMic.id), P, { devices: [brio, realtekMic] }))).toContain(
      `[0:a:0]${CAPTURE_AUDIO}[a]`,
    );
  });

  it('passes quotes as they are (an argv array, no shell), with no mode options when none are listed', () => {
    expect(inputArgs(device(undefined, quotedMic.id), P)).toEqual([
      '-f',
      'dshow',
      '-rtbufsize',
      '256M',
      '-thread_queue_size',
      '64',
      '-audio_buffer_size',
      '50',
      '-i',
      'audio=Mic "Stage Left" (USB)',
    ]);
  });

  it('a friendly name with a colon is opened by its alternative name, else refused', () => {
    const colon: CaptureDevice = {
      ...realtekMic,
      id: DeviceIdSchema.parse('dshow:audio:Line In: Rear (Realtek)'),
      details: { friendlyName: 'Line In: Rear (Realtek)', alternativeName: '@device_cm_{X}\\wave_{Y}' },
    };
    expect(inputArgs(device(undefined, colon.id), P, { devices: [colon] }).at(-1)).toBe(
      'audio=@device_cm_{X}\\wave_{Y}',
    );
    expect(() => inputArgs(device(undefined, colon.id), P)).toThrow(
      'dshow cannot open "Line In: Rear (Realtek)": the name contains ":" and no alternative name is known',
    );
  });
});

describe('avfoundation', () => {
  const avf = parseAvfoundationDevices(fixture('avfoundation/list-devices-cam-link-4k-audio.txt'));
  const facetime = avf.find((d) => d.kind === 'video')!;
  const camLinkAudio = avf.find((d) => d.name === 'Cam Link 4K')!;

  it('"VIDEO:AUDIO" in one input, at the program rate when no mode is listed', () => {
    expect(inputArgs(device(facetime.id, camLinkAudio.id), P, { devices: avf })).toEqual([
      '-f',
      'avfoundation',
      '-thread_queue_size',
      '64',
      '-framerate',
      '25',
      '-i',
      'FaceTime HD Camera (Built-in):Cam Link 4K',
    ]);
  });

  it('video alone is the bare name; audio alone has a leading colon and black made from it', () => {
    expect(inputArgs(device(facetime.id), P).slice(0, 8)).toEqual([
      '-f',
      'avfoundation',
      '-thread_queue_size',
      '64',
      '-framerate',
      '25',
      '-i',
      'FaceTime HD Camera (Built-in)',
    ]);
    const args = sourceArgs(device(undefined, camLinkAudio.id), P);
    expect(args.slice(4, 10)).toEqual([
      '-f',
      'avfoundation',
      '-thread_queue_size',
      '64',
      '-i',
      ':Cam Link 4K',
    ]);
    expect(graphOf(args)).toMatch(
      /^\[0:a:0\]asplit=2\[a0\]\[a1\];\[a1\]showwaves=s=16x16:rate=25:mode=point:colors=black,scale=/,
    );
  });

  it('a name with a colon, or one that starts with a number, is opened by its listing index', () => {
    const odd: CaptureDevice = {
      ...facetime,
      id: DeviceIdSchema.parse('avfoundation:video:Desk: Cam'),
      details: { index: 3 },
    };
    const fourK: CaptureDevice = {
      ...facetime,
      id: DeviceIdSchema.parse('avfoundation:video:4K Webcam'),
      details: { index: 1 },
    };
    expect(inputArgs(device(odd.id), P, { devices: [odd] }).slice(6, 8)).toEqual(['-i', '3']);
    expect(
      inputArgs(device(fourK.id, camLinkAudio.id), P, { devices: [fourK, camLinkAudio] }).slice(6, 8),
    ).toEqual(['-i', '1:Cam Link 4K']);
    expect(() => inputArgs(device(odd.id), P)).toThrow(/avfoundation cannot open "Desk: Cam" by name/);
  });
});

describe('decklink', () => {
  const [express] = parseFfmpegSources(fixture('decklink/sources-ultrastudio-express.txt'), 'decklink');
  const withModes: CaptureDevice = {
    ...express!,
    modes: parseDecklinkFormats(fixture('decklink/list-formats-mini-recorder-4k.txt')),
  };

  it('embedded audio when the audio id is the video id; the format code from the listing', () => {
    const args = sourceArgs(device(withModes.id, withModes.id), P, { devices: [withModes] });
    expect(args.slice(4, 14)).toEqual([
      '-f',
      'decklink',
      '-thread_queue_size',
      '32',
      '-format_code',
      'Hp25',
      '-channels',
      '2',
      '-i',
      'UltraStudio Express',
    ]);
    expect(graphOf(args)).toContain(`[0:a:0]${CAPTURE_AUDIO}[a]`);
  });

  it('deinterlaces an interlaced mode: a frame per field when the program rate needs it', () => {
    const hi50 = pickBestMode(withModes.modes, P, {
      backend: 'decklink',
      override: { width: 1920, height: 1080, fps: 25, formatCode: 'Hi50' },
    })!;
    const at = (fps: number) =>
      graphOf(
        sourceArgs(
          device(withModes.id),
          { ...P, fps },
          { devices: [withModes], deviceModes: { [withModes.id]: hi50 } },
        ),
      );
    expect(at(25)).toMatch(/^\[0:v:0\]bwdif=mode=send_frame:deint=interlaced,scale=/);
    expect(at(50)).toMatch(/^\[0:v:0\]bwdif=mode=send_field:deint=interlaced,scale=/);
  });

  it('unlisted: opened by the id key, no mode options (the card detects the signal)', () => {
    expect(inputArgs(device('decklink:DeckLink Mini Recorder'), P).slice(0, 6)).toEqual([
      '-f',
      'decklink',
      '-thread_queue_size',
      '32',
      '-i',
      'DeckLink Mini Recorder',
    ]);
  });

  it('video from a DeckLink and audio from a USB interface: two inputs', () => {
    const args = sourceArgs(device(withModes.id, 'alsa:hw:CARD=Gen,DEV=0'), P, { devices: [withModes] });
    // two live inputs on one clock (stamped as read, timestamps kept): see liveInputArgs
    expect(args.slice(4, 27)).toEqual([
      '-copyts',
      '-f',
      'decklink',
      '-thread_queue_size',
      '32',
      '-format_code',
      'Hp25',
      '-use_wallclock_as_timestamps',
      '1',
      '-i',
      'UltraStudio Express',
      '-f',
      'alsa',
      '-thread_queue_size',
      '256',
      '-sample_rate',
      '48000',
      '-channels',
      '2',
      '-use_wallclock_as_timestamps',
      '1',
      '-i',
      'plughw:CARD=Gen,DEV=0',
    ]);
    expect(graphOf(args)).toMatch(/^\[0:v:0\]scale=.*\[v\];\[1:a:0\]aresample,aformat=/);
  });
});

describe('audio-only backends', () => {
  it('pulse: 48 kHz stereo in 20 ms fragments; the picture is black made from the audio', () => {
    const args = sourceArgs(
      device(undefined, 'pulse:alsa_input.usb-Focusrite_Scarlett_2i2-00.analog-stereo'),
      P,
    );
    expect(args.slice(4, 18)).toEqual([
      '-f',
      'pulse',
      '-thread_queue_size',
      '256',
      '-sample_rate',
      '48000',
      '-channels',
      '2',
      '-fragment_size',
      '3840',
      '-i',
      'alsa_input.usb-Focusrite_Scarlett_2i2-00.analog-stereo',
      '-filter_complex',
      '[0:a:0]asplit=2[a0][a1];[a1]showwaves=s=16x16:rate=25:mode=point:colors=black,' +
        'scale=1920:1080:force_original_aspect_ratio=decrease:force_divisible_by=2:flags=bicubic:in_color_matrix=bt709:out_color_matrix=bt709:out_range=tv,' +
        `format=yuv420p,pad=1920:1080:(ow-iw)/2:(oh-ih)/2:color=black,setsar=1,fps=25[v];[a0]${CAPTURE_AUDIO}[a]`,
    ]);
  });

  it('alsa: plughw converts rate and channels; jack: the client name', () => {
    expect(inputArgs(device(undefined, 'alsa:hw:CARD=U192k,DEV=0'), P)).toEqual([
      '-f',
      'alsa',
      '-thread_queue_size',
      '256',
      '-sample_rate',
      '48000',
      '-channels',
      '2',
      '-i',
      'plughw:CARD=U192k,DEV=0',
    ]);
    expect(inputArgs(device(undefined, 'alsa:default'), P).at(-1)).toBe('default');
    expect(inputArgs(device(undefined, 'jack:regie'), P)).toEqual([
      '-f',
      'jack',
      '-thread_queue_size',
      '256',
      '-channels',
      '2',
      '-i',
      'regie',
    ]);
  });

  it('a camera with a pulse microphone: two inputs, both mapped', () => {
    const args = sourceArgs(device('v4l2:/dev/video0', 'pulse:mic'), P);
    expect(args.filter((a) => a === '-i')).toHaveLength(2);
    expect(args.filter((a) => a === '-use_wallclock_as_timestamps')).toHaveLength(2);
    expect(args.filter((a) => a === '-copyts')).toHaveLength(1);
    expect(graphOf(args)).toMatch(/^\[0:v:0\]scale=.*\[v\];\[1:a:0\]aresample,aformat=/);
  });
});

describe('screen grabbers as devices', () => {
  it('x11grab and gdigrab ids open like screen sources', () => {
    expect(inputArgs(device('x11grab::0.0+1920,0'), P).slice(0, 10)).toEqual([
      '-f',
      'x11grab',
      '-thread_queue_size',
      '32',
      '-draw_mouse',
      '1',
      '-framerate',
      '25',
      '-i',
      ':0.0+1920,0',
    ]);
    expect(inputArgs(device('gdigrab:desktop'), P)[9]).toBe('desktop');
  });
});
