// Small pure helpers shared by the device-listing parsers: line splitting, ffmpeg log prefixes,
// sizes, rates, ids. None of them throws, whatever the input.
import {
  DeviceIdSchema,
  type CaptureDevice,
  type DeviceBackend,
  type DeviceCodec,
  type DeviceId,
} from '../../shared/devices.js';

/** Splits on LF, CRLF or lone CR; never returns the trailing empty line. */
export function splitLines(text: unknown): string[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

// "[dshow @ 000001a2b3]", "[AVFoundation indev @ 0x7f…]", "[in#0 @ 0x…]", "[video4linux2,v4l2 @ 0x…]".
const LOG_PREFIX = /^\s*\[[^\]\n]*? @ (?:0x)?[0-9a-fA-F]+\]/;

/**
 * Removes every leading ffmpeg log-context prefix and returns what follows, keeping its own
 * indentation (dshow indents alternative names). `prefixed` tells whether one was present.
 */
export function stripLogPrefix(line: string): { rest: string; prefixed: boolean } {
  let rest = line;
  let prefixed = false;
  for (let m = LOG_PREFIX.exec(rest); m; m = LOG_PREFIX.exec(rest)) {
    rest = rest.slice(m[0].length);
    prefixed = true;
  }
  return { rest: prefixed ? rest.replace(/^ /, '') : rest, prefixed };
}

/** "1920x1080" → {width, height}; null for anything else (including 0x0). */
export function parseSize(token: string): { width: number; height: number } | null {
  const m = /^(\d{1,5})x(\d{1,5})$/.exec(token.trim());
  if (!m?.[1] || !m[2]) return null;
  const width = Number(m[1]);
  const height = Number(m[2]);
  return width > 0 && height > 0 ? { width, height } : null;
}

/** "30000/1001" → 29.97…, "30" → 30; null when not a positive finite rate. */
export function parseRate(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)(?:\/(\d+(?:\.\d+)?))?$/.exec(text.trim());
  if (!m?.[1]) return null;
  const value = Number(m[1]) / (m[2] ? Number(m[2]) : 1);
  return Number.isFinite(value) && value > 0 ? value : null;
}

/** Rounds a rate for display and comparison (3 decimals). */
export function roundRate(fps: number): number {
  return Math.round(fps * 1000) / 1000;
}

/** Maps a listing's pixel/codec name to how the device sends it. */
export function codecOf(format: string): DeviceCodec {
  const f = format.toLowerCase();
  if (f === 'mjpeg' || f === 'mjpg' || f === 'jpeg' || f === 'motion-jpeg') return 'mjpeg';
  if (f === 'h264' || f === 'h.264') return 'h264';
  if (f === 'hevc' || f === 'h265' || f === 'h.265') return 'hevc';
  if (f === 'unsupported' || f === 'unknown' || f === '') return 'other';
  return 'raw';
}

export function makeDeviceId(backend: DeviceBackend, key: string): DeviceId {
  return DeviceIdSchema.parse(`${backend}:${key}`);
}

/** Keeps the first device of each id, in order (listings repeat devices, pastes repeat runs). */
export function uniqueById(devices: readonly CaptureDevice[]): CaptureDevice[] {
  const seen = new Set<string>();
  return devices.filter((d) => (seen.has(d.id) ? false : (seen.add(d.id), true)));
}
