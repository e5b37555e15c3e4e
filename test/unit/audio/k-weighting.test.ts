import { describe, expect, it } from 'vitest';
import { biquadMagnitude, kWeightingCoefficients } from '../../../electron/core/audio/dsp/k-weighting.js';

// ITU-R BS.1770-4, tables 1 and 2 (48 kHz).
const SHELF_48K = {
  b0: 1.53512485958697,
  b1: -2.69169618940638,
  b2: 1.19839281085285,
  a1: -1.69065929318241,
  a2: 0.73248077421585,
};
const HIGHPASS_48K = { b0: 1, b1: -2, b2: 1, a1: -1.99004745483398, a2: 0.99007225036621 };

function responseDb(rate: number, f: number): number {
  const { shelf, highPass } = kWeightingCoefficients(rate);
  return 20 * Math.log10(biquadMagnitude(shelf, f, rate) * biquadMagnitude(highPass, f, rate));
}

describe('K-weighting', () => {
  it('reproduces the 48 kHz coefficients of BS.1770-4', () => {
    const { shelf, highPass } = kWeightingCoefficients(48000);
    for (const key of ['b0', 'b1', 'b2', 'a1', 'a2'] as const) {
      expect(shelf[key]).toBeCloseTo(SHELF_48K[key], 9);
      expect(highPass[key]).toBeCloseTo(HIGHPASS_48K[key], 9);
    }
  });

  it('has the expected response: about +0.69 dB at 1 kHz, +4 dB shelf, high-pass below 100 Hz', () => {
    expect(responseDb(48000, 1000)).toBeCloseTo(0.69, 1);
    expect(responseDb(48000, 10000)).toBeCloseTo(4.0, 0);
    expect(responseDb(48000, 20)).toBeLessThan(-10);
  });

  it('gives the same curve (±0.05 dB to 10 kHz) at 44.1 and 96 kHz as at 48 kHz', () => {
    for (const f of [20, 50, 100, 500, 1000, 2000, 5000, 10000]) {
      expect(Math.abs(responseDb(44100, f) - responseDb(48000, f))).toBeLessThan(0.05);
      expect(Math.abs(responseDb(96000, f) - responseDb(48000, f))).toBeLessThan(0.05);
    }
  });
});
