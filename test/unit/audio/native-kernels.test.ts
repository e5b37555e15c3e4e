// The native audio kernels against their TypeScript fallbacks: same floats on random input.
import { describe, expect, it } from 'vitest';
import { DriftResampler } from '../../../electron/core/audio/dsp/drift-resampler.js';
import { floatToS16Js, gainMixStereoJs, s16ToFloatJs } from '../../../electron/core/audio/dsp/pcm.js';
import { SINC_PHASES, SINC_TAPS, sincRenderJs } from '../../../electron/core/audio/dsp/sinc-render.js';
import { sincDeltaTable, sincTable } from '../../../electron/core/audio/dsp/sinc-table.js';
import { nativeAudioKernels } from '../../../native/audio.js';
import { rng } from '../../../native/test/helpers.js';

const native = nativeAudioKernels();
const table = sincDeltaTable(sincTable(SINC_TAPS, SINC_PHASES, 0.9, 8.6));

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] ?? 0) - (b[i] ?? 0)));
  return worst;
}

describe('native audio kernels', () => {
  it('are built', () => {
    expect(native).toBeDefined();
  });

  it('sincResample matches the TypeScript loop on random rings, positions and ratios', () => {
    const k = native!;
    const next = rng(11);
    let worst = 0;
    for (let trial = 0; trial < 300; trial++) {
      const channels = [1, 2, 2, 3, 6][trial % 5]!;
      const capacity = 1 << (4 + Math.floor(next() * 10));
      const data = new Float32Array(2 * capacity * channels).map(() => (next() - 0.5) * 2);
      const head = Math.floor(next() * capacity);
      const ratio = trial % 3 === 0 ? 1 + (next() - 0.5) * 0.01 : 0.25 + next() * 3;
      const pos = SINC_TAPS / 2 - 1 + next() * 4;
      const frames = Math.max(0, Math.min(1600, Math.floor((capacity - SINC_TAPS - pos) / ratio)));
      const fadeIn = Math.floor(next() * 300);
      const ramp = 240;
      const a = new Float32Array(frames * channels);
      const b = new Float32Array(frames * channels);
      const endA = k.sincResample(
        data,
        head,
        capacity - 1,
        channels,
        table,
        a,
        frames,
        pos,
        ratio,
        fadeIn,
        ramp,
      );
      const endB = sincRenderJs(
        data,
        head,
        capacity - 1,
        channels,
        table,
        b,
        frames,
        pos,
        ratio,
        fadeIn,
        ramp,
      );
      expect(endA).toBe(endB);
      worst = Math.max(worst, maxDiff(a, b));
    }
    console.log(`sincResample native vs TypeScript: max abs difference ${worst}`);
    expect(worst).toBeLessThan(1e-6);
  });

  it('gives the same DriftResampler output through a drifting, jittery run', () => {
    let now = 0;
    const make = (kernel: 'native' | 'js'): DriftResampler => new DriftResampler({ now: () => now, kernel });
    const [a, b] = [make('native'), make('js')];
    const next = rng(5);
    const outA = new Float32Array(1600 * 2);
    const outB = new Float32Array(1600 * 2);
    let produced = 0;
    let worst = 0;
    for (let tick = 1; tick <= 30 * 60; tick++) {
      const pullAt = tick / 30;
      while (produced / 48010 < pullAt) {
        const n = 256 + Math.floor(next() * 1500);
        const chunk = new Float32Array(n * 2).map(() => next() - 0.5);
        now = produced / 48010;
        a.push(chunk);
        b.push(chunk);
        produced += n;
      }
      now = pullAt;
      a.pull(outA);
      b.pull(outB);
      worst = Math.max(worst, maxDiff(outA, outB));
    }
    expect(a.running).toBe(true);
    expect(maxDiff(outA, new Float32Array(outA.length))).toBeGreaterThan(0.1);
    expect(a.ratio).toBe(b.ratio);
    expect(worst).toBeLessThan(1e-6);
  });

  it('s16ToFloat, floatToS16 and gainMixStereo match their TypeScript loops', () => {
    const k = native!;
    const next = rng(3);
    const s16 = Int16Array.from({ length: 4000 }, (_, i) =>
      i < 4 ? [-32768, 32767, 0, -1][i]! : next() * 65536 - 32768,
    );
    const f1 = new Float32Array(4000);
    const f2 = new Float32Array(4000);
    k.s16ToFloat(s16, f1, 3999);
    s16ToFloatJs(s16, f2, 3999);
    expect(f1).toEqual(f2);

    const edges = [
      NaN,
      Infinity,
      -Infinity,
      0.5 / 32768,
      -0.5 / 32768,
      1.5 / 32768,
      -1.5 / 32768,
      1e-30,
      -1e-30,
    ];
    edges.push(32767.5 / 32768, -32768.5 / 32768, 1, -1, 2, -2, 0.49999997 / 32768, -0.49999997 / 32768);
    const floats = Float32Array.from({ length: 5000 }, (_, i) => edges[i] ?? (next() - 0.5) * 2.2);
    const o1 = new Int16Array(5000);
    const o2 = new Int16Array(5000);
    k.floatToS16(floats, o1, 5000);
    floatToS16Js(floats, o2, 5000);
    expect(o1).toEqual(o2);

    for (const [from, to] of [
      [1, 1],
      [0.5, 0.25],
      [0, 1.7],
    ] as const) {
      const input1 = Float32Array.from({ length: 3200 }, () => next() - 0.5);
      const input2 = input1.slice();
      const mix1 = Float32Array.from({ length: 3200 }, () => next() - 0.5);
      const mix2 = mix1.slice();
      k.gainMixStereo(input1, mix1, 1600, from, to);
      gainMixStereoJs(input2, mix2, 1600, from, to);
      expect(input1).toEqual(input2);
      expect(mix1).toEqual(mix2);
    }
  });

  it('reject bad arguments before touching memory', () => {
    const k = native!;
    const data = new Float32Array(64 * 2);
    const out = new Float32Array(32);
    const resample = (
      over: Partial<{ data: Float32Array; mask: number; frames: number; pos: number }>,
    ): number =>
      k.sincResample(
        over.data ?? data,
        0,
        over.mask ?? 31,
        2,
        table,
        out,
        over.frames ?? 16,
        over.pos ?? 7,
        1,
        0,
        1,
      );
    expect(() => resample({})).not.toThrow();
    expect(() => resample({ mask: 30 })).toThrow(RangeError);
    expect(() => resample({ mask: 63 })).toThrow(RangeError);
    expect(() => resample({ frames: 17 })).toThrow(RangeError);
    expect(() => resample({ pos: -1 })).toThrow(RangeError);
    expect(() => resample({ pos: NaN })).toThrow(RangeError);
    expect(() => k.sincResample(data, 0, 31, 2, new Float64Array(8), out, 16, 7, 1, 0, 1)).toThrow(
      RangeError,
    );
    expect(() => k.floatToS16(new Float32Array(4), new Int16Array(2), 4)).toThrow(RangeError);
    expect(() => k.s16ToFloat(new Float32Array(4) as unknown as Int16Array, new Float32Array(4), 4)).toThrow(
      TypeError,
    );
    expect(() => k.gainMixStereo(new Float32Array(8), new Float32Array(6), 4, 1, 1)).toThrow(RangeError);
  });
});
