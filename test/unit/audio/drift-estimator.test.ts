// The reported drift (DriftEstimator through AudioQueue) on a simulated loaded machine: pipe reads that
// arrive late, in chunks of any size, ticks that run late, and whole-process stalls after which the
// master clock skips ticks. Injected clock, simulated time.
import { describe, expect, it } from 'vitest';
import { DriftEstimator } from '../../../electron/core/audio/dsp/drift-estimator.js';
import { AudioQueue } from '../../../electron/core/mixer/audio-queue.js';
import { rng } from '../../../native/test/helpers.js';

const RATE = 48_000;
const FPS = 30;
const BLOCK = RATE / FPS;
const PERIOD = 1 / FPS;

interface LoadedRun {
  queue: AudioQueue;
  /** Reported driftPpm, and the loop's own, sampled once per simulated second. */
  reported: number[];
  loop: number[];
  skippedTicks: number;
  maxChunk: number;
}

/**
 * A source `ppm` fast writes `packet`-frame packets as it produces them; the event loop reads the pipe
 * 0–20 ms after each write (1 in 25: 40–80 ms), and everything written by then arrives as one chunk.
 * The master clock ticks 0–8 ms late (1 in 30: 30–60 ms, caught up as FrameClock does). Every 15–25 s
 * the whole process stalls for 300 ms: everything due meanwhile runs at its end (a burst of audio in
 * one chunk, and the clock skips the ticks it missed).
 */
function loadedRun(
  ppm: number,
  seconds: number,
  seed: number,
  packet = 1024,
  onSecond?: (q: AudioQueue, s: number) => void,
): LoadedRun {
  const next = rng(seed);
  const stalls: [number, number][] = [];
  for (let s = 3 + next() * 10; s < seconds; s += 15 + next() * 10) stalls.push([s, s + 0.3]);
  const afterStalls = (t: number): number => {
    for (const [a, b] of stalls) if (t >= a && t < b) return b;
    return t;
  };
  let now = 0;
  const queue = new AudioQueue({ now: () => now });
  const srcRate = RATE * (1 + ppm * 1e-6);
  const zeros = Buffer.alloc(RATE * 4);
  const out = new Int16Array(BLOCK * 2);
  const run: LoadedRun = { queue, reported: [], loop: [], skippedTicks: 0, maxChunk: 0 };
  let read = 0; // frames read from the pipe
  let readAt = 0;
  const nextRead = (): void => {
    const written = (read + packet) / srcRate; // the next packet is complete
    const late = next() < 0.04 ? 0.04 + next() * 0.04 : next() * 0.02;
    readAt = Math.max(readAt, afterStalls(written + late));
  };
  let tick = 0;
  let tickAt = 0;
  let lastIndex = -1;
  const nextTick = (): void => {
    const late = next() < 1 / 30 ? 0.03 + next() * 0.03 : next() * 0.008;
    tickAt = Math.max(tickAt, afterStalls(tick * PERIOD + late));
  };
  nextRead();
  nextTick();
  let second = 1;
  while (Math.min(readAt, tickAt) < seconds) {
    if (readAt <= tickAt) {
      now = readAt;
      const written = Math.max(read + packet, Math.floor((now * srcRate) / packet + 1e-9) * packet);
      queue.pushBytes(zeros.subarray(0, (written - read) * 4));
      run.maxChunk = Math.max(run.maxChunk, written - read);
      read = written;
      nextRead();
    } else {
      now = tickAt;
      const late = Math.floor((now - tick * PERIOD) / PERIOD);
      if (late > 3) tick += late; // FrameClock: too late, skip ahead
      const skipped = lastIndex >= 0 ? tick - lastIndex - 1 : 0;
      if (skipped > 0) {
        queue.skip(skipped * BLOCK);
        run.skippedTicks += skipped;
      }
      lastIndex = tick;
      queue.pull(out);
      tick += 1;
      nextTick();
    }
    if (now >= second) {
      run.reported.push(queue.driftPpm);
      run.loop.push(queue.loopDriftPpm);
      onSecond?.(queue, second);
      second += 1;
    }
  }
  return run;
}

describe('reported drift (DriftEstimator)', () => {
  it.each([
    [200, 1, 1024],
    [200, 2, 960],
    [0, 3, 1024],
    [0, 4, 480],
    [-150, 5, 1024],
    [1500, 6, 1024],
  ])(
    'reads a %i ppm source within ±10 ppm after 120 s of jitter and stalls (seed %i, %i-frame packets)',
    (ppm, seed, packet) => {
      const run = loadedRun(ppm, 120, seed, packet);
      const last = run.reported[run.reported.length - 1] ?? NaN;
      console.log(
        `${ppm} ppm: reported ${last}, loop integrator ${run.loop[run.loop.length - 1]}, ` +
          `${run.skippedTicks} ticks skipped, chunks up to ${run.maxChunk} frames, ` +
          `overruns ${run.queue.overruns}, underruns ${run.queue.underruns}`,
      );
      expect(run.skippedTicks).toBeGreaterThan(0);
      expect(Math.abs(last - ppm)).toBeLessThanOrEqual(10);
      // Once measured (65 s), every later reading holds.
      for (const r of run.reported.slice(65)) expect(Math.abs(r - ppm)).toBeLessThanOrEqual(10);
    },
  );

  it("reports the loop's value until a minute has been measured, and again after a restart", () => {
    const seen: { s: number; reported: number; loop: number }[] = [];
    loadedRun(200, 160, 9, 1024, (q, s) => {
      if (s === 80) q.clear(); // the source restarted: same clock, new stream of pushes
      seen.push({ s, reported: q.driftPpm, loop: q.loopDriftPpm });
    });
    const at = (s: number) => seen.find((x) => x.s === s)!;
    expect(at(60).reported).toBe(at(60).loop);
    expect(at(75).reported).not.toBe(at(75).loop);
    expect(at(130).reported).toBe(at(130).loop);
    expect(at(155).reported).not.toBe(at(155).loop);
  });

  it('ignores a bucket that stayed stalled and a master that skipped ticks', () => {
    const e = new DriftEstimator({ sampleRate: RATE });
    let pushed = 0;
    for (let n = 0; n < 120 * FPS; n++) {
      const t = n * PERIOD;
      if (t > 70 && t < 81) {
        e.skip(BLOCK); // nothing at all for 11 s (no push, ticks skipped), then a burst
        continue;
      }
      const due = Math.floor(RATE * (1 + 100e-6) * t) - pushed;
      e.push(due, t);
      pushed += due;
      e.pull(BLOCK, t);
    }
    expect(Math.abs((e.driftPpm ?? NaN) - 100)).toBeLessThan(2);
  });

  it('has no estimate before enough data, nor after a reset', () => {
    const e = new DriftEstimator({ sampleRate: RATE, minSeconds: 10, warmupSeconds: 2, bucketSeconds: 1 });
    for (let t = 0; t < 11; t += 0.05) {
      e.push(2400, t);
      e.pull(2400, t);
    }
    expect(e.driftPpm).toBeUndefined();
    for (let t = 11; t < 14; t += 0.05) {
      e.push(2400, t);
      e.pull(2400, t);
    }
    expect(e.driftPpm).toBeCloseTo(0, 6);
    e.reset();
    expect(e.driftPpm).toBeUndefined();
  });
});
