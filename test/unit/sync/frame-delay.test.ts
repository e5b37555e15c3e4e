import { describe, expect, it } from 'vitest';
import { FrameDelay } from '../../../electron/core/sync/frame-delay.js';

const frame = (n: number): Buffer => Buffer.from([n]);

describe('FrameDelay', () => {
  it('without delay shows the newest frame and hands the older ones back', () => {
    const d = new FrameDelay();
    expect(d.push(frame(1), 0)).toEqual([]);
    expect(d.push(frame(2), 40).map((b) => b[0])).toEqual([1]);
    expect(d.current(45)?.[0]).toBe(2);
  });

  it('with 200 ms shows the frame from 200 ms ago, keeping only what it still needs', () => {
    const d = new FrameDelay();
    d.setDelayMs(200);
    const released: number[] = [];
    for (let i = 0; i <= 20; i++) released.push(...d.push(frame(i), i * 40).map((b) => b[0] ?? -1));
    // At 800 ms the frame due is the one of 600 ms (index 15).
    expect(d.current(800)?.[0]).toBe(15);
    expect(released).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
  });

  it('before enough video is held, shows the oldest frame rather than nothing', () => {
    const d = new FrameDelay();
    d.setDelayMs(500);
    d.push(frame(7), 1000);
    expect(d.current(1100)?.[0]).toBe(7);
  });
});
