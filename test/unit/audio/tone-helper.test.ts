// The test helper that tells tones apart in a recording must itself be right.
import { describe, expect, it } from 'vitest';
import { toneAmplitude, toneLevelsDb } from '../../helpers/tone.js';

function sine(hz: number, dbfs: number, seconds: number, rate = 48_000): Int16Array {
  const a = 32767 * 10 ** (dbfs / 20);
  return Int16Array.from({ length: Math.round(seconds * rate) }, (_, i) =>
    Math.round(a * Math.sin((2 * Math.PI * hz * i) / 48_000)),
  );
}

describe('tone level (Goertzel)', () => {
  it('reads a tone at its level and another frequency as absent', () => {
    const pcm = sine(440, -12, 1);
    expect(20 * Math.log10(toneAmplitude(pcm, 48_000, 440))).toBeCloseTo(-12, 1);
    expect(Math.max(...toneLevelsDb(pcm, 48_000, 1000))).toBeLessThan(-50);
  });

  it('finds a quieter second tone under a loud one, window by window', () => {
    const a = sine(440, -12, 1);
    const b = sine(1000, -30, 1);
    const mix = a.map((v, i) => v + (b[i] ?? 0));
    const levels = toneLevelsDb(mix, 48_000, 1000);
    expect(levels).toHaveLength(10);
    for (const l of levels) expect(l).toBeCloseTo(-30, 0);
  });
});
