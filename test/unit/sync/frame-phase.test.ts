// The test helpers that read lip-sync from a recording must themselves be right: the frame phase is
// blind to the quantization of a frame-synced mixer and sees a shift of the audio.
import { describe, expect, it } from 'vitest';
import { framePhaseMs, phaseDistanceMs } from '../../helpers/sync-measure.js';

describe('frame phase of A/V offsets', () => {
  it('reads two values a frame apart as one phase', () => {
    expect(framePhaseMs([-10, -50, -10.5, -49.5], 40)).toBeCloseTo(30, 1);
    expect(
      phaseDistanceMs(framePhaseMs([-10, -10.4], 40), framePhaseMs([-50, -50.2, -9.8], 40), 40),
    ).toBeLessThan(1);
  });

  it('sees a shift of the audio, across the wrap of the frame', () => {
    const before = framePhaseMs([-10, -50], 40);
    expect(phaseDistanceMs(before, framePhaseMs([5, -35], 40), 40)).toBeCloseTo(15, 1);
    expect(framePhaseMs([39, 41, 1, -1], 40) % 40).toBeCloseTo(0, 1);
    expect(phaseDistanceMs(39, 1, 40)).toBeCloseTo(2, 6);
    expect(phaseDistanceMs(0, 20, 40)).toBeCloseTo(20, 6);
  });
});
