import { describe, expect, it } from 'vitest';
import { AudioQueue } from '../../../electron/core/mixer/audio-queue.js';

const bytes = (samples: number[]): Buffer => Buffer.from(new Int16Array(samples).buffer);

describe('AudioQueue', () => {
  it('reassembles samples split across chunk boundaries (odd byte counts)', () => {
    const q = new AudioQueue();
    const all = bytes([1, -1, 2, -2, 3, -3]);
    q.pushBytes(all.subarray(0, 3));
    q.pushBytes(all.subarray(3, 7));
    q.pushBytes(all.subarray(7));
    const out = new Int16Array(6);
    expect(q.pull(out)).toBe(6);
    expect([...out]).toEqual([1, -1, 2, -2, 3, -3]);
  });

  it('fills an underrun with silence and counts it', () => {
    const q = new AudioQueue();
    q.pushBytes(bytes([5, 5]));
    const out = new Int16Array(4).fill(9);
    expect(q.pull(out)).toBe(2);
    expect([...out]).toEqual([5, 5, 0, 0]);
    expect(q.underruns).toBe(1);
  });

  it('trims an overrun to the target and counts it', () => {
    const q = new AudioQueue(100, 20);
    q.pushBytes(Buffer.alloc(48_000 * 2 * 2 * 0.2)); // 200 ms
    expect(q.overruns).toBe(1);
    expect(q.queueMs).toBeCloseTo(20, 0);
  });
});
