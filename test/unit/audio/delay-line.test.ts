import { describe, expect, it } from 'vitest';
import { DelayLine } from '../../../electron/core/audio/dsp/delay-line.js';
import { concat, maxJump, pushInChunks, sine } from './signals.js';

const RATE = 48000;

/** Run `input` through `line` in 480-frame blocks, calling `at(frame)` before each block. */
function run(line: DelayLine, input: Float32Array, at: (frame: number) => void): Float32Array {
  const out = new Float32Array(input.length);
  let frame = 0;
  pushInChunks(
    {
      push: (block) => {
        at(frame);
        line.process(block, out.subarray(frame * 2, frame * 2 + block.length));
        frame += block.length / 2;
      },
    },
    input,
    480,
  );
  return out;
}

describe('DelayLine', () => {
  it('delays by the set amount, in whole frames', () => {
    const line = new DelayLine({ delayMs: 10 });
    const input = new Float32Array(2000 * 2);
    input[0] = 1;
    input[1] = -1;
    line.process(input);
    expect(input.findIndex((x) => x === 1)).toBe(480 * 2);
    expect(input[480 * 2 + 1]).toBe(-1);
  });

  it('passes audio through unchanged at 0 ms', () => {
    const input = sine({ frequency: 440, peakDb: -6, seconds: 0.1 });
    const out = new Float32Array(input.length);
    new DelayLine().process(input, out);
    expect(out).toEqual(input);
  });

  it('changes delay without a click (crossfade), and clicks without one', () => {
    const input = sine({ frequency: 200, peakDb: 0, seconds: 2 });
    const step = 2 * Math.sin((Math.PI * 200) / RATE); // largest natural sample-to-sample step
    const change = (line: DelayLine) => (frame: number) => {
      if (frame === 24000) line.setDelayMs(37.3);
      if (frame === 48000) line.setDelayMs(1500);
      if (frame === 48480) line.setDelayMs(120); // during the previous crossfade: queued
    };
    const smooth = new DelayLine({ delayMs: 5 });
    const out = run(smooth, input, change(smooth));
    const jump = maxJump(out, 2, 0, 480);
    console.log(`delay change: max step ${jump.toFixed(4)} (sine alone ${step.toFixed(4)})`);
    expect(jump).toBeLessThan(step + 2 / 960 + 1e-3);
    expect(smooth.delayMs).toBeCloseTo(120, 6);
    const hard = new DelayLine({ delayMs: 5, crossfadeMs: 0 });
    expect(maxJump(run(hard, input, change(hard)), 2, 0, 480)).toBeGreaterThan(0.1);
  });

  it('lands exactly on the new delay after the crossfade', () => {
    const line = new DelayLine({ crossfadeMs: 10 });
    const input = concat([sine({ frequency: 300, peakDb: -3, seconds: 1 })]);
    const copy = input.slice();
    const out = run(line, input, (frame) => {
      if (frame === 4800) line.setDelayMs(250);
    });
    // After 4800 + 480 (fade) frames, out[n] = in[n - 12000].
    for (let f = 24000; f < 48000; f += 997) expect(out[2 * f]).toBe(copy[2 * (f - 12000)]);
  });

  it('delays exactly across ring wraps, any chunk size, up to the largest delay', () => {
    // Steady delays take the block-copy path, except where a chunk plus the delay exceeds the ring.
    for (const delayMs of [0, 7, 480, 1990, 2000]) {
      const line = new DelayLine({ delayMs });
      const d = Math.round((delayMs * RATE) / 1000);
      const frames = 3 * RATE;
      const input = Float32Array.from({ length: frames * 2 }, (_, i) => ((i * 7919) % 1000) / 1000 - 0.5);
      const out = new Float32Array(input.length);
      let at = 0;
      for (let k = 0; at < frames; k++) {
        const n = Math.min(frames - at, [1, 1600, 4799, 333, 48000][k % 5]!);
        line.process(input.subarray(2 * at, 2 * (at + n)), out.subarray(2 * at, 2 * (at + n)));
        at += n;
      }
      for (let f = 0; f < frames; f++) {
        const want = f < d ? 0 : input[2 * (f - d) + 1]!;
        if (out[2 * f + 1] !== want)
          expect({ delayMs, f, got: out[2 * f + 1] }).toEqual({ delayMs, f, got: want });
      }
    }
  });

  it('clamps to 0..maxDelayMs and ignores non-finite values', () => {
    const line = new DelayLine({ maxDelayMs: 500, crossfadeMs: 0 });
    line.setDelayMs(900);
    expect(line.delayMs).toBe(500);
    line.setDelayMs(-5);
    expect(line.delayMs).toBe(0);
    line.setDelayMs(Number.NaN);
    expect(line.delayMs).toBe(0);
  });
});
