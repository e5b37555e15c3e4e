// MPEG-TS helpers on a real capture (ffmpeg, H.264 GOP 30 + AAC, 3 s; test/fixtures/ts) and on synthetic packets.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MediaClock, TsGopSplitter } from '../../../electron/core/outputs/ts-gop.js';
import {
  TS_PACKET,
  TsPacketizer,
  hasRandomAccess,
  isKeyframeStart,
  packetPid,
  parsePat,
  parsePmt,
  pesTimestamps,
  videoPidOf,
} from '../../../electron/core/outputs/ts.js';

const fixture = readFileSync(join(import.meta.dirname, '../../fixtures/ts/testsrc-3s.ts'));
const packetsOf = (buf: Buffer): Buffer[] => {
  const out: Buffer[] = [];
  for (let i = 0; i + TS_PACKET <= buf.length; i += TS_PACKET) out.push(buf.subarray(i, i + TS_PACKET));
  return out;
};

/** A synthetic packet: PID, PUSI, optional adaptation field flags, optional payload bytes. */
function packet(pid: number, opts: { pusi?: boolean; afFlags?: number; payload?: number[] } = {}): Buffer {
  const p = Buffer.alloc(TS_PACKET, 0xff);
  p[0] = 0x47;
  p[1] = (opts.pusi === true ? 0x40 : 0) | ((pid >> 8) & 0x1f);
  p[2] = pid & 0xff;
  const hasAf = opts.afFlags !== undefined;
  p[3] = (hasAf ? 0x30 : 0x10) | 0;
  let off = 4;
  if (hasAf) {
    p[4] = 1;
    p[5] = opts.afFlags ?? 0;
    off = 6;
  }
  Buffer.from(opts.payload ?? []).copy(p, off);
  return p;
}

/** PES header with a PTS (and DTS) in 90 kHz units. */
function pes(pts: number, dts?: number): number[] {
  const ts = (marker: number, v: number): number[] => [
    (marker << 4) | (Math.floor(v / 2 ** 30) << 1) | 1,
    Math.floor(v / 2 ** 22) & 0xff,
    ((Math.floor(v / 2 ** 15) & 0x7f) << 1) | 1,
    Math.floor(v / 2 ** 7) & 0xff,
    ((v & 0x7f) << 1) | 1,
  ];
  const flags = dts === undefined ? 0x80 : 0xc0;
  const header = [
    0,
    0,
    1,
    0xe0,
    0,
    0,
    0x80,
    flags,
    dts === undefined ? 5 : 10,
    ...ts(dts === undefined ? 2 : 3, pts),
  ];
  return dts === undefined ? header : [...header, ...ts(1, dts)];
}

describe('TsPacketizer', () => {
  it('cuts a real stream fed in odd chunk sizes into the same 188-byte packets', () => {
    const z = new TsPacketizer();
    const out: Buffer[] = [];
    let sizes = 1;
    for (let i = 0; i < fixture.length;) {
      const n = Math.min(fixture.length - i, ((sizes * 7919) % 5000) + 1);
      out.push(...z.push(fixture.subarray(i, i + n)));
      i += n;
      sizes += 1;
    }
    expect(out.length).toBe(fixture.length / TS_PACKET);
    expect(Buffer.concat(out).equals(fixture)).toBe(true);
    expect(z.resyncs).toBe(0);
  });

  it('resyncs after garbage, losing only the damaged bytes', () => {
    const z = new TsPacketizer();
    const good = packetsOf(fixture.subarray(0, TS_PACKET * 20));
    const garbage = Buffer.from([0x47, 1, 2, 3, 0x47, 0x47, 9]);
    const stream = Buffer.concat([...good.slice(0, 10), garbage, ...good.slice(10)]);
    const out = z.push(stream);
    expect(out.length).toBe(20);
    expect(Buffer.concat(out).equals(Buffer.concat(good))).toBe(true);
    expect(z.discardedBytes).toBe(garbage.length);
    expect(z.resyncs).toBeGreaterThanOrEqual(1);
  });
});

describe('PSI, keyframes and timestamps', () => {
  const packets = packetsOf(fixture);

  it('finds the PMT and the H.264 PID of the real stream, and its three keyframes', () => {
    const pat = packets.find((p) => packetPid(p) === 0)!;
    expect(parsePat(pat)).toEqual([0x1000]);
    const pmt = parsePmt(packets.find((p) => packetPid(p) === 0x1000)!)!;
    expect(pmt.streams).toEqual([
      { type: 0x1b, pid: 0x100 },
      { type: 0x0f, pid: 0x101 },
    ]);
    expect(videoPidOf(pmt.streams)).toBe(0x100);
    const keys = packets.map((p, i) => (isKeyframeStart(p, 0x100) ? i : -1)).filter((i) => i >= 0);
    expect(keys).toEqual([3, 218, 501]); // byte offsets 564, 40984, 94188, as ffprobe reports them
    const first = pesTimestamps(packets[3]!)!;
    expect(first).toEqual({ pts: 132000, dts: 126000 });
  });

  it('needs PUSI, RAI and the video PID for a keyframe', () => {
    expect(isKeyframeStart(packet(0x100, { pusi: true, afFlags: 0x40 }), 0x100)).toBe(true);
    expect(isKeyframeStart(packet(0x100, { pusi: false, afFlags: 0x40 }), 0x100)).toBe(false);
    expect(isKeyframeStart(packet(0x100, { pusi: true, afFlags: 0x10 }), 0x100)).toBe(false); // PCR only
    expect(isKeyframeStart(packet(0x101, { pusi: true, afFlags: 0x40 }), 0x100)).toBe(false); // audio RAI
    expect(hasRandomAccess(packet(0x100, { pusi: true }))).toBe(false);
  });

  it('reads 33-bit PTS and DTS', () => {
    expect(pesTimestamps(packet(0x100, { pusi: true, payload: pes(2 ** 33 - 90) }))).toEqual({
      pts: 2 ** 33 - 90,
      dts: 2 ** 33 - 90,
    });
    expect(pesTimestamps(packet(0x100, { pusi: true, payload: pes(9000, 6000) }))).toEqual({
      pts: 9000,
      dts: 6000,
    });
    expect(pesTimestamps(packet(0x100, { pusi: false, payload: pes(9000) }))).toBeNull();
  });
});

describe('MediaClock', () => {
  it('unwraps 33-bit timestamps and bridges an encoder restart with the wall clock', () => {
    let wall = 0;
    const clock = new MediaClock(() => wall);
    expect(clock.at(2 ** 33 - 9000)).toBeCloseTo((2 ** 33 - 9000) / 90);
    const base = (2 ** 33 - 9000) / 90;
    wall = 200;
    expect(clock.at(9000) - base).toBeCloseTo(200); // wrapped: +18000 ticks
    wall = 240;
    expect(clock.at(0) - base).toBeCloseTo(100); // 100 ms back (PTS order): followed as is
    wall = 1240;
    expect(clock.at(90 * 3_600_000) - base).toBeCloseTo(1100); // a 1 h jump: the wall clock's 1 s instead
  });
});

describe('TsGopSplitter', () => {
  it('groups the real stream into GOPs of 30 frames, each with PAT + PMT to start from', () => {
    const s = new TsGopSplitter(() => 0);
    const touched = s.push(packetsOf(fixture));
    expect(touched.map((g) => g.seq)).toEqual([1, 2, 3]);
    expect(touched.map((g) => g.frames.length)).toEqual([30, 30, 30]);
    expect(touched.map((g) => g.complete)).toEqual([true, true, false]);
    expect(touched[1]!.startMs - touched[0]!.startMs).toBeCloseTo(1000);
    for (const gop of touched) {
      expect(gop.psi.length).toBe(2 * TS_PACKET);
      expect(packetPid(gop.psi)).toBe(0);
      expect(packetPid(gop.psi.subarray(TS_PACKET))).toBe(0x1000);
      expect(isKeyframeStart(gop.packets[0]!, 0x100)).toBe(true);
    }
    expect(s.stats()).toMatchObject({
      packets: packets().length,
      skippedPackets: 3,
      gops: 3,
      videoPid: 0x100,
    });
  });

  it('reports the same GOP once per push, then the next one when a keyframe arrives', () => {
    const s = new TsGopSplitter(() => 0);
    const all = packetsOf(fixture);
    const a = s.push(all.slice(0, 100));
    const b = s.push(all.slice(100, 200));
    const c = s.push(all.slice(200, 300));
    expect(a.map((g) => g.seq)).toEqual([1]);
    expect(b[0]).toBe(a[0]);
    expect(c.map((g) => g.seq)).toEqual([1, 2]);
    expect(a[0]!.packets.length).toBe(218 - 3);
  });
});

describe('an encoder restart', () => {
  it("closes the GOP in progress, skips to the new stream's keyframe, and flags the discontinuity", () => {
    let wall = 0;
    const s = new TsGopSplitter(() => wall);
    const all = packetsOf(fixture);
    const [old] = s.push(all.slice(0, 300)).slice(-1);
    s.restart();
    expect(old!.complete).toBe(true);
    wall = 5000;
    // The same stream again from the start: its timestamps go back 1 s; the clock bridges with the wall clock.
    const again = s.push(all);
    expect(again.map((g) => g.seq)).toEqual([3, 4, 5]);
    expect(again.map((g) => g.discontinuity)).toEqual([true, false, false]);
    expect(again[0]!.startMs).toBeGreaterThan(old!.lastMs);
    expect(again[0]!.psi.length).toBe(2 * TS_PACKET);
  });
});

function packets(): Buffer[] {
  return packetsOf(fixture);
}
