// DriftResampler against a simulated source whose clock runs fast or slow, on an injected clock.
import { describe, expect, it } from 'vitest';
import { DriftResampler } from '../../../electron/core/audio/dsp/drift-resampler.js';
import type { ResampleKernel } from '../../../electron/core/audio/dsp/sinc-render.js';
import { sincTable } from '../../../electron/core/audio/dsp/sinc-table.js';
import { maxJump } from './signals.js';

const RATE = 48000;

interface Run {
  driftPpm: number;
  frequencyErrorPpm: number;
  maxJump: number;
  latencyMs: [number, number];
  queueMs: [number, number];
  underruns: number;
  overruns: number;
}

/**
 * A source at RATE·(1 + ppm) real frames per second delivers a sine in `pushFrames` chunks (with up to
 * 2 ms of arrival jitter); the mixer pulls `pullFrames` on the master clock. Statistics cover the time
 * after `settle` seconds.
 */
function simulate(
  kernel: ResampleKernel,
  ppm: number,
  seconds: number,
  pushFrames: number,
  pullFrames: number,
  settle = 90,
): Run {
  const srcRate = RATE * (1 + ppm * 1e-6);
  const frequency = 50;
  const amp = 0.5;
  let now = 0;
  const resampler = new DriftResampler({ now: () => now, kernel });
  const chunk = new Float32Array(pushFrames * 2);
  const out = new Float32Array(pullFrames * 2);
  let produced = 0;
  let pulled = 0;
  let seed = 7;
  let jitter = 0;
  let prev = 0;
  const run: Run = {
    driftPpm: 0,
    frequencyErrorPpm: 0,
    maxJump: 0,
    latencyMs: [Infinity, -Infinity],
    queueMs: [Infinity, -Infinity],
    underruns: 0,
    overruns: 0,
  };
  let crossings = 0;
  let firstCrossing = 0;
  let lastCrossing = 0;
  while (pulled < seconds * RATE) {
    const pushAt = (produced + pushFrames) / srcRate + jitter;
    const pullAt = (pulled + pullFrames) / RATE;
    if (pushAt < pullAt) {
      now = pushAt;
      for (let f = 0; f < pushFrames; f++) {
        const v = amp * Math.sin((2 * Math.PI * frequency * (produced + f)) / srcRate);
        chunk[2 * f] = v;
        chunk[2 * f + 1] = v;
      }
      produced += pushFrames;
      resampler.push(chunk);
      seed = (seed * 16807) % 2147483647;
      jitter = (seed / 2147483647) * 0.002;
      continue;
    }
    now = pullAt;
    resampler.pull(out);
    const measuring = pulled >= settle * RATE;
    if (measuring) {
      run.latencyMs = [
        Math.min(run.latencyMs[0], resampler.latencyMs),
        Math.max(run.latencyMs[1], resampler.latencyMs),
      ];
      run.queueMs = [
        Math.min(run.queueMs[0], resampler.queueMs),
        Math.max(run.queueMs[1], resampler.queueMs),
      ];
    }
    for (let f = 0; f < pullFrames; f++) {
      const y = out[2 * f]!;
      if (pulled + f > RATE) run.maxJump = Math.max(run.maxJump, Math.abs(y - prev));
      if (measuring && prev < 0 && y >= 0) {
        const t = pulled + f - 1 + -prev / (y - prev);
        if (crossings === 0) firstCrossing = t;
        lastCrossing = t;
        crossings += 1;
      }
      prev = y;
    }
    pulled += pullFrames;
  }
  const measured = ((crossings - 1) * RATE) / (lastCrossing - firstCrossing);
  run.frequencyErrorPpm = (measured / frequency - 1) * 1e6;
  run.driftPpm = resampler.driftPpm;
  run.underruns = resampler.underruns;
  run.overruns = resampler.overruns;
  return run;
}

// Every behaviour holds with the native interpolation loop and with its TypeScript fallback.
describe.each(['native', 'js'] as const)('DriftResampler (%s loop)', (kernel) => {
  // Largest step of a 50 Hz sine at 0.5 between two samples, with the maximum ±0.5 % correction.
  const sineStep = 0.5 * 2 * Math.sin((Math.PI * 50 * 1.005) / RATE);

  it.each([
    [200, 1024, 1600],
    [-200, 1600, 1600],
    [200, 960, 1602],
  ])(
    'locks onto a source %d ppm off (push %d, pull %d frames) over 4 simulated minutes',
    (ppm, push, pull) => {
      const run = simulate(kernel, ppm, 240, push, pull);
      console.log(`${kernel}: drift ${ppm} ppm, push ${push}, pull ${pull}:`, JSON.stringify(run));
      expect(Math.abs(run.driftPpm - ppm)).toBeLessThan(20);
      expect(Math.abs(run.frequencyErrorPpm)).toBeLessThan(5);
      expect(run.latencyMs[0]).toBeGreaterThan(98);
      expect(run.latencyMs[1]).toBeLessThan(102);
      expect(run.queueMs[0]).toBeGreaterThan(25);
      expect(run.queueMs[1]).toBeLessThan(150);
      expect(run.maxJump).toBeLessThan(sineStep * 1.02);
      expect(run.underruns).toBe(0);
      expect(run.overruns).toBe(0);
    },
    60_000,
  );

  it('interpolates a sine between samples to better than -80 dB at 1 kHz and -60 dB at 16 kHz', () => {
    const { table, taps, phases } = sincTable(32, 256, 0.9, 8.6);
    for (const [frequency, limit] of [
      [1000, 1e-4],
      [16000, 1e-3],
    ] as const) {
      let worst = 0;
      for (let k = 0; k < 1000; k++) {
        const pos = 100 + k * 0.7123;
        const ip = Math.floor(pos);
        const phase = (pos - ip) * phases;
        const p0 = Math.floor(phase);
        const w = phase - p0;
        let acc = 0;
        for (let j = 0; j < taps; j++) {
          const c = table[p0 * taps + j]! * (1 - w) + table[(p0 + 1) * taps + j]! * w;
          acc += c * Math.sin((2 * Math.PI * frequency * (ip - taps / 2 + 1 + j)) / RATE);
        }
        worst = Math.max(worst, Math.abs(acc - Math.sin((2 * Math.PI * frequency * pos) / RATE)));
      }
      expect(worst).toBeLessThan(limit);
    }
  });

  it('outputs silence until the queue reaches the target, then fades in', () => {
    let now = 0;
    const r = new DriftResampler({ now: () => now, kernel });
    const out = new Float32Array(1600 * 2);
    r.push(new Float32Array(2400 * 2).fill(0.5));
    r.pull(out);
    expect(out.every((x) => x === 0)).toBe(true);
    now = 0.1;
    r.push(new Float32Array(4000 * 2).fill(0.5));
    r.pull(out);
    expect(out[0]).toBeLessThan(0.01);
    expect(Math.abs(out[out.length - 1]! - 0.5)).toBeLessThan(1e-3);
    expect(maxJump(out, 2, 0)).toBeLessThan(0.5 / 240 + 1e-3);
    expect(r.underruns).toBe(0);
  });

  it('on underrun fades out, counts it, and resumes without throwing', () => {
    let now = 0;
    const r = new DriftResampler({ now: () => now, kernel });
    const out = new Float32Array(1600 * 2);
    r.push(new Float32Array(9600 * 2).fill(0.25));
    const record: number[] = [];
    for (let i = 0; i < 8; i++) {
      now += 1 / 30;
      r.pull(out);
      for (let f = 0; f < 1600; f++) record.push(out[2 * f]!);
    }
    expect(r.underruns).toBe(1);
    expect(record[record.length - 1]).toBe(0);
    expect(maxJump(Float32Array.from(record), 1, 0)).toBeLessThan(0.25 / 240 + 1e-3);
    r.push(new Float32Array(9600 * 2).fill(0.25));
    r.pull(out);
    expect(Math.abs(out[out.length - 1]! - 0.25)).toBeLessThan(1e-3);
    expect(r.underruns).toBe(1);
  });

  it('on overrun discards the oldest audio once, back to the target, and counts it', () => {
    const r = new DriftResampler({ now: () => 0, kernel });
    const chunk = new Float32Array(1024 * 2);
    for (let i = 0; i < 160; i++) r.push(chunk); // 3.4 s with nobody pulling
    expect(r.overruns).toBeGreaterThanOrEqual(1);
    expect(r.overruns).toBeLessThanOrEqual(3);
    expect(r.queueMs).toBeLessThanOrEqual(1100 + 1024 / 48);
    expect(r.discardedFrames).toBeGreaterThan(2 * RATE);
  });

  it('survives a single push larger than its whole queue', () => {
    const r = new DriftResampler({ now: () => 0, kernel });
    expect(() => r.push(new Float32Array(10 * RATE * 2))).not.toThrow();
    expect(r.overruns).toBeGreaterThanOrEqual(1);
    expect(r.queueMs).toBeLessThanOrEqual(1100);
  });
});
