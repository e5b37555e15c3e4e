import { describe, expect, it } from 'vitest';
import {
  BeepDetector,
  FlashDetector,
  meanLuma,
  median,
  pairOffsets,
} from '../../../electron/core/sync/detectors.js';

describe('sync detectors', () => {
  it('meanLuma reads the Y plane', () => {
    expect(meanLuma(Buffer.alloc(320 * 180, 200), 320, 180)).toBe(200);
  });

  it('a flash is found at its first frame, once per flash, also when it lights only part of the frame', () => {
    const d = new FlashDetector();
    const found: number[] = [];
    for (let i = 0; i < 250; i++) {
      const t = i / 25;
      // A phone in the camera's frame: the mean rises 20 above a noisy 60 for 0.1 s every 2 s.
      const luma = 60 + (i % 3) + (t % 2 < 0.1 ? 20 : 0);
      const at = d.push(luma, t);
      if (at !== null) found.push(at);
    }
    // The first frame has no history to compare with: the first flash found is the second one.
    expect(found).toEqual([2, 4, 6, 8]);
  });

  it('a beep onset is found to the sample over a noise floor 40 dB down', () => {
    const d = new BeepDetector();
    const block = new Float32Array(1920 * 2);
    const found: number[] = [];
    let seed = 1;
    for (let b = 0; b < 125; b++) {
      const t0 = b * 0.04;
      for (let f = 0; f < 1920; f++) {
        const t = t0 + f / 48000;
        seed = (seed * 16807) % 2147483647;
        const noise = ((seed / 2147483647) * 2 - 1) * 0.001;
        const beep =
          (t - 1.2345) % 2 >= 0 && (t - 1.2345) % 2 < 0.1
            ? 0.1 * Math.sin(2 * Math.PI * 1000 * (t - 1.2345))
            : 0;
        block[2 * f] = block[2 * f + 1] = noise + beep;
      }
      const at = d.push(block, t0);
      if (at !== null) found.push(at);
    }
    expect(found).toHaveLength(2);
    for (const [i, at] of found.entries()) expect(Math.abs(at - (1.2345 + 2 * i))).toBeLessThan(0.0015);
  });

  it('pairs flashes with beeps and takes the median', () => {
    expect(pairOffsets([0, 2, 4], [0.12, 2.13, 3.8])).toEqual(
      [120, 130, -200].map((v) => expect.closeTo(v, 6) as number),
    );
    expect(median([3, 1, 2])).toBe(2);
    expect(median([])).toBeNull();
  });
});
