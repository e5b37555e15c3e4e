// Which capture backends this ffmpeg has, and why one is unusable, in words for the operator.
// Sources: `ffmpeg -hide_banner -devices` (the D column lists input devices), and the error
// text ffmpeg prints when a listing fails ("Unknown input format: 'decklink'").
import type { BackendStatus, DeviceBackend } from '../../shared/devices.js';
import { DeviceBackendSchema } from '../../shared/devices.js';
import { splitLines, stripLogPrefix } from './text.js';

const LABEL: Readonly<Record<DeviceBackend, string>> = {
  v4l2: 'Video4Linux2',
  decklink: 'DeckLink',
  avfoundation: 'AVFoundation',
  dshow: 'DirectShow',
  pulse: 'PulseAudio',
  alsa: 'ALSA',
  jack: 'JACK',
  x11grab: 'X11 screen capture',
  gdigrab: 'GDI screen capture',
};

/** ffmpeg's demuxer name(s) for each backend. */
const DEMUXERS: Readonly<Record<DeviceBackend, readonly string[]>> = {
  v4l2: ['video4linux2', 'v4l2'],
  decklink: ['decklink'],
  avfoundation: ['avfoundation'],
  dshow: ['dshow'],
  pulse: ['pulse'],
  alsa: ['alsa'],
  jack: ['jack'],
  x11grab: ['x11grab'],
  gdigrab: ['gdigrab'],
};

/** The operator's name for a backend ("DeckLink", "PulseAudio"). */
export function backendLabel(backend: DeviceBackend): string {
  return LABEL[backend];
}

/** Whether one of the backend's demuxer names is among this ffmpeg's input devices. */
export function backendInFfmpeg(backend: DeviceBackend, inputDevices: ReadonlySet<string>): boolean {
  return DEMUXERS[backend].some((d) => inputDevices.has(d));
}

/** Why a backend is missing from this ffmpeg, with what to do about it. */
export function missingBackendReason(backend: DeviceBackend): string {
  const label = LABEL[backend];
  switch (backend) {
    case 'decklink':
      return 'DeckLink: this ffmpeg was built without DeckLink support; choose a DeckLink-enabled ffmpeg in settings';
    case 'dshow':
    case 'gdigrab':
      return `${label}: only available in a Windows build of ffmpeg`;
    case 'avfoundation':
      return `${label}: only available in a macOS build of ffmpeg`;
    case 'v4l2':
    case 'alsa':
    case 'pulse':
    case 'jack':
    case 'x11grab':
      return `${label}: this ffmpeg was built without ${label} support; choose another ffmpeg in settings`;
  }
}

/** Input-device names from `ffmpeg -devices` (rows whose first flag is D). */
export function parseFfmpegInputDevices(text: unknown): Set<string> {
  const names = new Set<string>();
  let inTable = false;
  for (const line of splitLines(text)) {
    if (/^\s*--\s*$/.test(line)) {
      inTable = true;
      continue;
    }
    const m = inTable ? /^\s([D ])([E ])\s+(\S+)/.exec(line) : null;
    if (m?.[1] !== 'D' || !m[3]) continue;
    for (const name of m[3].split(',')) names.add(name);
  }
  return names;
}

/** A status for every backend, from the `-devices` table. An empty/garbled table says nothing is known. */
export function backendStatusesFromDevices(text: unknown): BackendStatus[] {
  const names = parseFfmpegInputDevices(text);
  return DeviceBackendSchema.options.map((backend) => {
    const available = DEMUXERS[backend].some((d) => names.has(d));
    if (available) return { backend, available };
    const reason =
      names.size === 0
        ? `${LABEL[backend]}: could not read this ffmpeg's device list (ffmpeg -devices)`
        : missingBackendReason(backend);
    return { backend, available, reason };
  });
}

/**
 * Reads a failed listing's output for the cause. Returns null when the text shows no known
 * failure (the listing may simply be empty: no device plugged in is not an error).
 */
export function backendStatusFromError(backend: DeviceBackend, text: unknown): BackendStatus | null {
  const label = LABEL[backend];
  for (const line of splitLines(text)) {
    const { rest } = stripLogPrefix(line);
    const unknown = /Unknown input format:? '([^']+)'/.exec(rest);
    if (unknown?.[1] && DEMUXERS[backend].includes(unknown[1])) {
      return { backend, available: false, reason: missingBackendReason(backend) };
    }
    if (backend === 'decklink' && /Could not create DeckLink iterator/i.test(rest)) {
      return {
        backend,
        available: false,
        reason: 'DeckLink: the Blackmagic Desktop Video driver is not installed or not loaded',
      };
    }
    const cannot = /^Cannot list sources[.:]?\s*(.*)$/.exec(rest);
    if (cannot) {
      const detail = cannot[1]?.trim() ?? '';
      const why =
        backend === 'pulse'
          ? 'no PulseAudio/PipeWire sound server could be reached'
          : 'ffmpeg could not enumerate the devices';
      return { backend, available: false, reason: `${label}: ${why}${detail ? ` (${detail})` : ''}` };
    }
  }
  return null;
}
