// Monitor frames (shared/monitor.ts) and the feed that gathers the bus's blocks into them.
import { describe, expect, it } from 'vitest';
import { MONITOR_MIN_FRAMES, MonitorFeed } from '../../../electron/core/audio/monitor.js';
import {
  MONITOR_KIND,
  decodeMonitorFrame,
  encodeMonitorFrame,
  isMonitorFrame,
  monitorHeaderSize,
} from '../../../electron/shared/monitor.js';
import { decodePreview } from '../../../electron/shared/preview.js';

const ramp = (n: number): Int16Array => Int16Array.from({ length: n }, (_, i) => ((i * 997) % 65536) - 32768);

describe('monitor frames', () => {
  it('round-trips id, rate, channels, sequence and samples, with the PCM at an even offset', () => {
    for (const id of ['program', 'cam', 'caméra-2', 'x']) {
      const pcm = ramp(3840);
      const frame = encodeMonitorFrame(id, 48_000, 2, 41, pcm);
      expect(frame[0]).toBe(1);
      expect(frame[1]).toBe(MONITOR_KIND);
      expect(monitorHeaderSize(id) % 2).toBe(0);
      expect(frame.length).toBe(monitorHeaderSize(id) + pcm.length * 2);
      expect(isMonitorFrame(frame)).toBe(true);
      const back = decodeMonitorFrame(frame.slice().buffer);
      expect(back).not.toBeNull();
      expect(back?.id).toBe(id);
      expect(back?.sampleRate).toBe(48_000);
      expect(back?.channels).toBe(2);
      expect(back?.sequence).toBe(41);
      expect(back?.pcm).toEqual(pcm);
    }
  });

  it('is little endian on the wire, whatever the host', () => {
    const frame = encodeMonitorFrame('a', 48_000, 2, 1, Int16Array.from([0x0102, -2]));
    const h = monitorHeaderSize('a');
    expect([...frame.subarray(4, 8)]).toEqual([0x80, 0xbb, 0, 0]); // 48000
    expect([...frame.subarray(h, h + 4)]).toEqual([0x02, 0x01, 0xfe, 0xff]);
  });

  it('rejects truncated, foreign and malformed frames; previews do not take monitor frames', () => {
    const frame = encodeMonitorFrame('cam', 48_000, 2, 0, ramp(8));
    expect(decodeMonitorFrame(frame.subarray(0, frame.length - 1))).toBeNull(); // odd PCM bytes
    expect(decodeMonitorFrame(frame.subarray(0, 10))).toBeNull();
    expect(decodeMonitorFrame(frame.subarray(0, monitorHeaderSize('cam') + 2))).toBeNull(); // half a frame
    const preview = Uint8Array.from(frame);
    preview[1] = 1;
    expect(decodeMonitorFrame(preview)).toBeNull();
    expect(decodePreview(frame)).toBeNull();
    const zeroRate = Uint8Array.from(frame);
    zeroRate.fill(0, 6, 10);
    expect(decodeMonitorFrame(zeroRate)).toBeNull();
    expect(() => encodeMonitorFrame('x'.repeat(256), 48_000, 2, 0, ramp(2))).toThrow(RangeError);
  });
});

describe('monitor feed', () => {
  const setup = (wanted: Set<string>) => {
    const sent: { id: string; frame: ReturnType<typeof decodeMonitorFrame> }[] = [];
    const feed = new MonitorFeed({
      wanted: () => wanted,
      send: (id, frame) => sent.push({ id, frame: decodeMonitorFrame(frame) }),
    });
    return { feed, sent };
  };

  it('sends a 25 fps tick (40 ms) as it comes, and gathers 60 fps ticks to 20 ms or more', () => {
    const { feed, sent } = setup(new Set(['cam', 'program']));
    const tick25 = new Float32Array(1920 * 2).fill(0.25);
    feed.source('cam', tick25);
    feed.source('cam', tick25);
    expect(sent.map((s) => [s.id, s.frame?.pcm.length, s.frame?.sequence])).toEqual([
      ['cam', 3840, 0],
      ['cam', 3840, 1],
    ]);
    expect(sent[0]?.frame?.pcm[0]).toBe(8192);
    sent.length = 0;
    const tick60 = new Int16Array(800 * 2).fill(-100);
    for (let i = 0; i < 6; i++) feed.program(tick60);
    expect(sent.map((s) => s.frame?.pcm.length)).toEqual([3200, 3200, 3200]);
    for (const s of sent) expect(s.frame?.pcm.length).toBeGreaterThanOrEqual(MONITOR_MIN_FRAMES * 2);
    expect(sent.every((s) => s.id === 'program' && s.frame?.pcm.every((v) => v === -100))).toBe(true);
  });

  it('clips floats to s16, ignores ids nobody listens to, and restarts a target from scratch', () => {
    const wanted = new Set(['cam']);
    const { feed, sent } = setup(wanted);
    feed.source(
      'cam',
      Float32Array.from({ length: 1920 * 2 }, (_, i) => (i % 2 === 0 ? 1.5 : -1.5)),
    );
    expect(sent[0]?.frame?.pcm.subarray(0, 2)).toEqual(Int16Array.from([32767, -32768]));
    feed.source('other', new Float32Array(1920 * 2));
    feed.program(new Int16Array(1920 * 2));
    expect(sent).toHaveLength(1);
    feed.source('cam', new Float32Array(800 * 2)); // half a block pending
    wanted.delete('cam');
    feed.source('cam', new Float32Array(800 * 2)); // dropped, and the pending half with it
    wanted.add('cam');
    feed.source('cam', new Float32Array(800 * 2));
    expect(sent).toHaveLength(1);
    feed.source('cam', new Float32Array(800 * 2));
    expect(sent).toHaveLength(2);
    expect(sent[1]?.frame?.pcm.length).toBe(3200);
  });

  it('does not mix a source whose id is "program" into the program monitor', () => {
    const { feed, sent } = setup(new Set(['program']));
    feed.source('program', new Float32Array(1920 * 2).fill(0.5));
    expect(sent).toHaveLength(0);
  });
});
