// DirectShow (Windows): `ffmpeg -list_devices true -f dshow -i dummy` and
// `ffmpeg -list_options true -f dshow -i video=NAME`.
//
// Old format (≤ 4.3): section headers "DirectShow video devices …" / "DirectShow audio devices",
// then `"Name"` and `Alternative name "@device_…"` lines.
// New format (≥ 4.4): no headers, `"Name" (video)`, `(audio)`, `(video, audio)` or `(none)`.
// Since ffmpeg 7 the prefix may be `[in#0 @ …]` instead of `[dshow @ …]`, mixed in one run.
import type { CaptureDevice, DeviceKind, DeviceMode } from '../../shared/devices.js';
import {
  codecOf,
  makeDeviceId,
  parseRate,
  parseSize,
  splitLines,
  stripLogPrefix,
  uniqueById,
} from './text.js';

// A device line: a quoted name alone on the line, optionally followed by "(types)".
// The name may itself contain quotes and parentheses, so anchor on the line's ends.
const DEVICE_LINE = /^\s*"(.+)"(?:\s+\(([a-z, ]+)\))?\s*$/;
const ALT_NAME = /^\s*Alternative name\s+"(.+)"\s*$/;

// "Stereo Mix", "What U Hear", "Wave Out Mix": loopback inputs that capture the playback.
const LOOPBACK_NAME = /stereo ?mix|what u hear|wave out mix|loopback|立体声混音|stereomix/i;

interface RawEntry {
  name: string;
  kinds: DeviceKind[];
  alternative?: string;
  /** "(none)": DirectShow reports no pin category; a stopped virtual camera does this. */
  untyped: boolean;
}

function kindsFromTypes(types: string): { kinds: DeviceKind[]; untyped: boolean } {
  const parts = types.split(',').map((t) => t.trim());
  const kinds = parts.filter((t): t is DeviceKind => t === 'video' || t === 'audio');
  return { kinds, untyped: kinds.length === 0 };
}

function readEntries(text: unknown): RawEntry[] {
  const entries: RawEntry[] = [];
  let section: DeviceKind | null = null;
  for (const line of splitLines(text)) {
    const { rest } = stripLogPrefix(line);
    if (/DirectShow video devices/i.test(rest)) section = 'video';
    else if (/DirectShow audio devices/i.test(rest)) section = 'audio';
    const alt = ALT_NAME.exec(rest);
    const last = entries.at(-1);
    if (alt?.[1]) {
      if (last && last.alternative === undefined) last.alternative = alt[1];
      continue;
    }
    const dev = DEVICE_LINE.exec(rest);
    if (!dev?.[1]) continue;
    if (dev[2] !== undefined) {
      entries.push({ name: dev[1], ...kindsFromTypes(dev[2]) });
    } else if (section) {
      entries.push({ name: dev[1], kinds: [section], untyped: false });
    }
  }
  return entries;
}

function toDevice(entry: RawEntry, kind: DeviceKind): CaptureDevice {
  // The kind is part of the key: a "(video, audio)" device has one alternative name for both.
  const key = `${kind}:${entry.alternative ?? entry.name}`;
  return {
    id: makeDeviceId('dshow', key),
    name: entry.name,
    backend: 'dshow',
    kind,
    modes: [],
    // ffmpeg accepts the alternative name in place of the friendly one; it survives renames and duplicates.
    input: `${kind}=${entry.alternative ?? entry.name}`,
    ...(kind === 'audio' && LOOPBACK_NAME.test(entry.name) ? { monitor: true } : {}),
    details: {
      friendlyName: entry.name,
      ...(entry.alternative ? { alternativeName: entry.alternative } : {}),
      ...(entry.untyped ? { pinCategory: 'none' } : {}),
    },
  };
}

/** Devices from `-list_devices true -f dshow`; an untyped "(none)" device is offered as video. */
export function parseDshowDevices(text: unknown): CaptureDevice[] {
  const devices: CaptureDevice[] = [];
  for (const entry of readEntries(text)) {
    const kinds: DeviceKind[] = entry.untyped ? ['video'] : entry.kinds;
    for (const kind of kinds) devices.push(toDevice(entry, kind));
  }
  return uniqueById(devices);
}

// "pixel_format=yuyv422  min s=640x480 fps=5 max s=640x480 fps=30 (tv, bt470bg/bt709/unknown, topleft)"
const OPTION_LINE =
  /^\s*(pixel_format|vcodec)=(\S+)\s+min s=(\d+x\d+) fps=([\d.]+)\s+max s=(\d+x\d+) fps=([\d.]+)/;

/**
 * Video modes from `-list_options true`. DirectShow repeats each mode (once per colour-info
 * variant); identical modes are merged. A mode whose min and max sizes differ is listed at its max.
 */
export function parseDshowOptions(text: unknown): DeviceMode[] {
  const modes = new Map<string, DeviceMode>();
  for (const line of splitLines(text)) {
    const m = OPTION_LINE.exec(stripLogPrefix(line).rest);
    if (!m?.[1] || !m[2] || !m[5] || !m[4] || !m[6]) continue;
    const size = parseSize(m[5]);
    const minFps = parseRate(m[4]);
    const maxFps = parseRate(m[6]);
    if (!size || minFps === null || maxFps === null) continue;
    const isCodec = m[1] === 'vcodec';
    const mode: DeviceMode = {
      ...size,
      fps: [],
      minFps: Math.min(minFps, maxFps),
      maxFps: Math.max(minFps, maxFps),
      ...(isCodec ? { codec: codecOf(m[2]) } : { codec: 'raw' as const, pixelFormat: m[2] }),
    };
    const key = `${m[1]}=${m[2]}:${size.width}x${size.height}:${mode.minFps}-${mode.maxFps}`;
    if (!modes.has(key)) modes.set(key, mode);
  }
  return [...modes.values()];
}
