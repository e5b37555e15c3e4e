import { describe, expect, it } from 'vitest';
import type { ClockDeps } from '../../../electron/core/mixer/clock.js';
import { FrameClock } from '../../../electron/core/mixer/clock.js';

/** A manual clock: timers fire when the test advances time. */
function manual(): ClockDeps & { advance(ms: number): void; jump(ms: number): void; time: number } {
  let time = 0;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let next = 1;
  return {
    get time() {
      return time;
    },
    now: () => time,
    setTimer: (fn, ms) => {
      const id = next++;
      timers.push({ at: time + ms, fn, id });
      return id;
    },
    clearTimer: (h) => {
      timers = timers.filter((t) => t.id !== h);
    },
    /** Time passes but no timer runs (the event loop is blocked). */
    jump(ms: number) {
      time += ms;
    },
    advance(ms: number) {
      const end = time + ms;
      for (;;) {
        timers.sort((a, b) => a.at - b.at);
        const t = timers[0];
        if (!t || t.at > end) break;
        timers.shift();
        time = Math.max(time, t.at);
        t.fn();
      }
      time = end;
    },
  };
}

describe('FrameClock', () => {
  it('ticks at the frame rate against a fixed origin (no accumulated jitter)', () => {
    const deps = manual();
    const due: number[] = [];
    const clock = new FrameClock(30, (_i, dueAt) => due.push(dueAt), deps);
    clock.start();
    deps.advance(10_000);
    expect(due.length).toBe(301); // ticks 0..300 inclusive within 10 s
    expect(due[300]).toBeCloseTo(10_000, 6);
    clock.stop();
    deps.advance(1000);
    expect(due.length).toBe(301);
  });

  it('skips ahead (counted) instead of bursting after a stall', () => {
    const deps = manual();
    const ticks: number[] = [];
    const clock = new FrameClock(25, (i) => ticks.push(i), deps, 3);
    clock.start();
    deps.advance(100); // ticks 0, 1, 2 at 0, 40, 80 ms
    expect(ticks).toEqual([0, 1, 2]);
    deps.jump(1000); // blocked for a second: 25 frames late
    deps.advance(0); // the overdue timer runs once
    expect(ticks.length).toBe(4);
    expect(ticks[3]).toBeGreaterThanOrEqual(27);
    expect(clock.skipped).toBeGreaterThanOrEqual(24);
    deps.advance(200);
    // back on the grid: one tick per 40 ms, no burst
    expect(ticks.length).toBeLessThanOrEqual(4 + 6);
    clock.stop();
  });

  it('tolerates small lateness without skipping', () => {
    const deps = manual();
    const ticks: number[] = [];
    const clock = new FrameClock(30, (i) => ticks.push(i), deps, 3);
    clock.start();
    deps.advance(0);
    deps.jump(50); // 1.5 frames late
    deps.advance(1000);
    expect(clock.skipped).toBe(0);
    expect(ticks[ticks.length - 1]).toBe(ticks.length - 1);
    clock.stop();
  });
});
