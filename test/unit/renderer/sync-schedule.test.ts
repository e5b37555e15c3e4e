// The phone sync pattern's timing: audio-clock to performance-clock mapping, which frames flash, and the
// refresh interval estimate that sets how far ahead a frame is drawn.
import { describe, expect, it } from 'vitest';
import { FLASH_S, RefreshEstimate, flashOn, heardAtMs } from '../../../renderer/src/sync/schedule.js';

describe('sync pattern schedule', () => {
  it('maps the audio clock to the moment it is heard', () => {
    const pair = { contextTime: 10, performanceTime: 5000 };
    expect(heardAtMs(pair, 12)).toBe(7000);
    expect(heardAtMs(pair, 9.5)).toBe(4500);
  });

  it('the flash covers the frames on screen nearest to the beep being heard, for FLASH_S', () => {
    const beeps = [1000, 3000];
    const frame = 16;
    // a frame prepared at t is on screen at t + 16: the first white one is within 8 ms of the beep
    expect(flashOn(1000 - frame - 9, frame, beeps)).toBe(false); // on screen 9 ms early
    expect(flashOn(1000 - frame - 8, frame, beeps)).toBe(true); // 8 ms early: the nearest frame
    expect(flashOn(1000 - frame + 7, frame, beeps)).toBe(true);
    expect(flashOn(1000 + FLASH_S * 1000 - frame - 9, frame, beeps)).toBe(true);
    expect(flashOn(1000 + FLASH_S * 1000 - frame - 8, frame, beeps)).toBe(false); // the beep is over
    expect(flashOn(3000 + 50, frame, beeps)).toBe(true);
    expect(flashOn(2000, frame, beeps)).toBe(false);
    expect(flashOn(2000, frame, [])).toBe(false);
  });

  it('estimates the refresh interval from the callbacks, ignoring pauses', () => {
    const r = new RefreshEstimate();
    expect(r.ms()).toBeCloseTo(1000 / 60);
    for (let i = 0; i < 20; i++) r.push(i * 20 + (i === 10 ? 500 : 0));
    expect(r.ms()).toBe(20);
    const hz120 = new RefreshEstimate();
    for (let i = 0; i < 40; i++) hz120.push(i * 8.333);
    expect(hz120.ms()).toBeCloseTo(8.333, 2);
  });
});
