// Monitoring (PFL) audio on the WebSocket: binary frames of PCM for the clients that asked for it with
// a `{type: "monitor", source}` message. Same first two bytes as the previews (preview.ts):
//   byte 0: format version (1)      byte 1: kind (3 = monitor audio)      byte 2: id length N
//   bytes 3..3+N: id (UTF-8): a source id, or "program"
//   u32 sample rate, u8 channels, u32 sequence (little endian) — the sequence counts the blocks made
//   for this id; a gap means blocks were skipped for a slow client
//   one zero byte of padding when 12 + N is odd, so that the PCM starts at an even offset
//   then the PCM: signed 16-bit little endian, interleaved (L R L R …), 20–40 ms per frame.
import { PREVIEW_VERSION } from './preview.js';

export const MONITOR_KIND = 3;
/** The monitor target for the program mix (the first audio track). */
export const PROGRAM_MONITOR = 'program';

export interface MonitorFrame {
  id: string;
  sampleRate: number;
  channels: number;
  sequence: number;
  /** Interleaved s16 samples (frames × channels). */
  pcm: Int16Array;
}

const headerSize = (idBytes: number): number => (idBytes % 2 === 0 ? 12 + idBytes : 13 + idBytes);

export function monitorHeaderSize(id: string): number {
  return headerSize(new TextEncoder().encode(id).length);
}

/** A whole frame: header and samples. */
export function encodeMonitorFrame(
  id: string,
  sampleRate: number,
  channels: number,
  sequence: number,
  pcm: Int16Array,
): Uint8Array {
  const idBytes = new TextEncoder().encode(id);
  if (idBytes.length > 255) throw new RangeError('monitor id too long');
  const header = headerSize(idBytes.length);
  const out = new Uint8Array(header + pcm.length * 2);
  out[0] = PREVIEW_VERSION;
  out[1] = MONITOR_KIND;
  out[2] = idBytes.length;
  out.set(idBytes, 3);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const at = 3 + idBytes.length;
  view.setUint32(at, sampleRate, true);
  view.setUint8(at + 4, channels);
  view.setUint32(at + 5, sequence >>> 0, true);
  for (let i = 0; i < pcm.length; i++) view.setInt16(header + 2 * i, pcm[i] ?? 0, true);
  return out;
}

/** True for a monitor frame (check this before decodePreview, which rejects kind 3). */
export function isMonitorFrame(buf: ArrayBuffer | Uint8Array): boolean {
  const bytes = buf instanceof Uint8Array ? buf : new Uint8Array(buf);
  return bytes.length >= 12 && bytes[0] === PREVIEW_VERSION && bytes[1] === MONITOR_KIND;
}

export function decodeMonitorFrame(buf: ArrayBuffer | Uint8Array): MonitorFrame | null {
  const bytes = buf instanceof Uint8Array ? buf : new Uint8Array(buf);
  if (!isMonitorFrame(bytes)) return null;
  const n = bytes[2] ?? 0;
  const id = new TextDecoder().decode(bytes.subarray(3, 3 + n));
  const header = headerSize(n);
  if (bytes.length < header || (bytes.length - header) % 2 !== 0) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sampleRate = view.getUint32(3 + n, true);
  const channels = view.getUint8(7 + n);
  const sequence = view.getUint32(8 + n, true);
  if (sampleRate === 0 || channels === 0) return null;
  const count = (bytes.length - header) / 2;
  if (count % channels !== 0) return null;
  const pcm = new Int16Array(count);
  for (let i = 0; i < count; i++) pcm[i] = view.getInt16(header + 2 * i, true);
  return { id, sampleRate, channels, sequence, pcm };
}
