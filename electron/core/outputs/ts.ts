// Pure MPEG-TS helpers: 188-byte packets out of arbitrary chunks, PAT/PMT parsing, keyframe detection and
// PES timestamps. The GOP splitter built on them is in ts-gop.ts.
export const TS_PACKET = 188;
export const SYNC_BYTE = 0x47;
export const PAT_PID = 0;

/** Stream types of video elementary streams (ISO 13818-1 table 2-34 + H.264/HEVC). */
const VIDEO_STREAM_TYPES = new Set([0x01, 0x02, 0x10, 0x1b, 0x24, 0x42, 0xd1, 0xea]);

const at = (p: Uint8Array, i: number): number => p[i] ?? 0;

export function packetPid(p: Uint8Array): number {
  return ((at(p, 1) & 0x1f) << 8) | at(p, 2);
}

/** payload_unit_start_indicator: a PES packet or a PSI section starts in this packet. */
export function isPayloadStart(p: Uint8Array): boolean {
  return (at(p, 1) & 0x40) !== 0;
}

/** Offset of the payload in the packet, or -1 when the packet carries none. */
export function payloadOffset(p: Uint8Array): number {
  const afc = (at(p, 3) >> 4) & 0x03;
  if (afc === 0 || afc === 2) return -1;
  const off = afc === 3 ? 5 + at(p, 4) : 4;
  return off < TS_PACKET ? off : -1;
}

/** Adaptation field with random_access_indicator set (ffmpeg's mpegts muxer sets it on keyframes). */
export function hasRandomAccess(p: Uint8Array): boolean {
  const afc = (at(p, 3) >> 4) & 0x03;
  return (afc & 0x02) !== 0 && at(p, 4) > 0 && (at(p, 5) & 0x40) !== 0;
}

/** A packet that starts a video keyframe: PUSI + RAI on the video PID. */
export function isKeyframeStart(p: Uint8Array, videoPid: number): boolean {
  return packetPid(p) === videoPid && isPayloadStart(p) && hasRandomAccess(p);
}

/** Start of the section in a PSI packet (after the pointer field), or -1. */
function sectionStart(p: Uint8Array): number {
  if (!isPayloadStart(p)) return -1;
  const off = payloadOffset(p);
  if (off < 0) return -1;
  const s = off + 1 + at(p, off);
  return s + 3 <= TS_PACKET ? s : -1;
}

function sectionLength(p: Uint8Array, s: number): number {
  return ((at(p, s + 1) & 0x0f) << 8) | at(p, s + 2);
}

/** PMT PIDs listed in a PAT packet (program 0, the NIT, is left out). Sections longer than a packet: []. */
export function parsePat(p: Uint8Array): number[] {
  const s = sectionStart(p);
  if (s < 0 || at(p, s) !== 0x00) return [];
  const end = s + 3 + sectionLength(p, s) - 4; // before the CRC
  if (end > TS_PACKET) return [];
  const pids: number[] = [];
  for (let i = s + 8; i + 4 <= end; i += 4) {
    const program = (at(p, i) << 8) | at(p, i + 1);
    if (program !== 0) pids.push(((at(p, i + 2) & 0x1f) << 8) | at(p, i + 3));
  }
  return pids;
}

export interface PmtStream {
  type: number;
  pid: number;
}

/** Elementary streams of a PMT packet, or null when this is not a (single-packet) PMT section. */
export function parsePmt(p: Uint8Array): { pcrPid: number; streams: PmtStream[] } | null {
  const s = sectionStart(p);
  if (s < 0 || at(p, s) !== 0x02) return null;
  const end = s + 3 + sectionLength(p, s) - 4;
  if (end > TS_PACKET || s + 12 > end) return null;
  const pcrPid = ((at(p, s + 8) & 0x1f) << 8) | at(p, s + 9);
  const programInfo = ((at(p, s + 10) & 0x0f) << 8) | at(p, s + 11);
  const streams: PmtStream[] = [];
  for (let i = s + 12 + programInfo; i + 5 <= end;) {
    streams.push({ type: at(p, i), pid: ((at(p, i + 1) & 0x1f) << 8) | at(p, i + 2) });
    i += 5 + (((at(p, i + 3) & 0x0f) << 8) | at(p, i + 4));
  }
  return { pcrPid, streams };
}

export function videoPidOf(streams: readonly PmtStream[]): number | null {
  return streams.find((s) => VIDEO_STREAM_TYPES.has(s.type))?.pid ?? null;
}

function readTimestamp(p: Uint8Array, i: number): number {
  const high = (at(p, i) >> 1) & 0x07;
  const mid = (at(p, i + 1) << 7) | (at(p, i + 2) >> 1);
  const low = (at(p, i + 3) << 7) | (at(p, i + 4) >> 1);
  return high * 2 ** 30 + mid * 2 ** 15 + low;
}

/** PTS/DTS (90 kHz) of the PES header that starts in this packet, or null. */
export function pesTimestamps(p: Uint8Array): { pts: number | null; dts: number | null } | null {
  if (!isPayloadStart(p)) return null;
  const off = payloadOffset(p);
  if (off < 0 || off + 14 > TS_PACKET) return null;
  if (at(p, off) !== 0 || at(p, off + 1) !== 0 || at(p, off + 2) !== 1) return null;
  const flags = at(p, off + 7) >> 6;
  const pts = flags & 0x02 ? readTimestamp(p, off + 9) : null;
  const dts = flags === 0x03 && off + 19 <= TS_PACKET ? readTimestamp(p, off + 14) : pts;
  return { pts, dts };
}

/**
 * Cuts a byte stream (any chunk size) into 188-byte packets. A packet is accepted when it starts with the
 * sync byte and the next one does too (when the next one is already here); otherwise the bytes up to the
 * next plausible sync byte are discarded and counted.
 */
export class TsPacketizer {
  private rest: Buffer = Buffer.alloc(0);
  discardedBytes = 0;
  resyncs = 0;

  /** Forget a partial packet (the stream it belonged to has ended). */
  reset(): void {
    this.rest = Buffer.alloc(0);
  }

  push(chunk: Buffer): Buffer[] {
    const buf = this.rest.length > 0 ? Buffer.concat([this.rest, chunk]) : chunk;
    const out: Buffer[] = [];
    let i = 0;
    while (buf.length - i >= TS_PACKET) {
      if (buf[i] === SYNC_BYTE && (i + TS_PACKET === buf.length || buf[i + TS_PACKET] === SYNC_BYTE)) {
        out.push(buf.subarray(i, i + TS_PACKET));
        i += TS_PACKET;
        continue;
      }
      const next = this.findSync(buf, i + 1);
      this.resyncs += 1;
      const skipTo = next < 0 ? buf.length : next;
      this.discardedBytes += skipTo - i;
      i = skipTo;
    }
    // Keep a copy of the tail so the chunk it came from is not pinned in memory.
    this.rest = i < buf.length ? Buffer.from(buf.subarray(i)) : Buffer.alloc(0);
    return out;
  }

  /** First index ≥ from that looks like a packet start: sync byte, and sync again 188 bytes on if present. */
  private findSync(buf: Buffer, from: number): number {
    for (let j = buf.indexOf(SYNC_BYTE, from); j >= 0; j = buf.indexOf(SYNC_BYTE, j + 1)) {
      if (j + TS_PACKET >= buf.length || buf[j + TS_PACKET] === SYNC_BYTE) return j;
    }
    return -1;
  }
}
