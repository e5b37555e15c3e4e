import { describe, expect, it } from 'vitest';

import { allocFrame, blit, scale } from '../index.js';
import type { I420Frame } from '../index.js';
import { firstDiff, randomFrame } from './helpers.js';
import { get, planes } from './reference.js';

type PlaneName = 'y' | 'u' | 'v';

/** The w x h block of plane `name` of `f` at (x, y), as an array of rows. */
function block(f: I420Frame, name: PlaneName, x: number, y: number, w: number, h: number): number[][] {
  const p = planes(f)[name];
  return Array.from({ length: h }, (_, j) => Array.from({ length: w }, (_, i) => get(p, x + i, y + j)));
}

describe('scale', () => {
  it('is an exact copy at 1:1', () => {
    const src = randomFrame(48, 32, 1);
    const a = allocFrame(64, 48);
    const b = allocFrame(64, 48);
    scale(a, { x: 8, y: 10, w: 48, h: 32 }, src);
    blit(b, src, 8, 10);
    expect(firstDiff(a.data, b.data)).toBe(-1);
  });

  it('averages 2x2 blocks (rounded) when halving', () => {
    const src = randomFrame(64, 32, 2);
    const dst = allocFrame(32, 16);
    scale(dst, { x: 0, y: 0, w: 32, h: 16 }, src);
    for (const name of ['y', 'u', 'v'] as const) {
      const s = planes(src)[name];
      const d = planes(dst)[name];
      for (let y = 0; y < d.height; y++) {
        for (let x = 0; x < d.width; x++) {
          const sum =
            get(s, 2 * x, 2 * y) +
            get(s, 2 * x + 1, 2 * y) +
            get(s, 2 * x, 2 * y + 1) +
            get(s, 2 * x + 1, 2 * y + 1);
          expect(get(d, x, y)).toBe((sum + 2) >> 2);
        }
      }
    }
  });

  it('uses fractional coverage: 3 -> 2 pixels weighs the middle one half and half', () => {
    const src = allocFrame(6, 2);
    const p = planes(src).y;
    [0, 90, 180, 30, 60, 90].forEach((v, i) => (src.data[p.offset + i] = v));
    src.data.copyWithin(6, 0, 6);
    const dst = allocFrame(4, 2);
    scale(dst, { x: 0, y: 0, w: 4, h: 2 }, src);
    // Output i covers source [1.5 i, 1.5 (i + 1)): (0 + 45) / 1.5 = 30, (45 + 180) / 1.5 = 150, ...
    expect(block(dst, 'y', 0, 0, 4, 1)).toEqual([[30, 150, 40, 80]]);
  });

  it('interpolates bilinearly when doubling', () => {
    const src = allocFrame(4, 2);
    [0, 100, 200, 40].forEach((v, i) => (src.data[i] = v));
    src.data.copyWithin(4, 0, 4);
    const dst = allocFrame(8, 4);
    scale(dst, { x: 0, y: 0, w: 8, h: 4 }, src);
    // Centres at 0.5-pixel steps: edge samples clamp, the others are 1/4 - 3/4 mixes.
    expect(block(dst, 'y', 0, 0, 8, 1)).toEqual([[0, 25, 75, 125, 175, 160, 80, 40]]);
  });

  it('keeps a flat colour flat at any size, up or down', () => {
    const src = allocFrame(64, 36, { y: 77, u: 99, v: 180 });
    for (const [w, h] of [
      [13, 7],
      [100, 61],
      [64, 36],
      [2, 2],
      [250, 3],
    ] as const) {
      const dst = allocFrame(256, 128, { y: 1, u: 2, v: 3 });
      scale(dst, { x: 3, y: 5, w, h }, src);
      expect(new Set(block(dst, 'y', 3, 5, w, h).flat())).toEqual(new Set([77]));
      // Chroma: every 2x2 block the rect touches, edges included.
      const cw = Math.ceil((3 + w) / 2) - 1;
      const ch = Math.ceil((5 + h) / 2) - 2;
      expect(new Set(block(dst, 'u', 1, 2, cw, ch).flat())).toEqual(new Set([99]));
      expect(new Set(block(dst, 'v', 1, 2, cw, ch).flat())).toEqual(new Set([180]));
      expect(get(planes(dst).u, 0, 2)).toBe(2);
      expect(get(planes(dst).y, 2, 5)).toBe(1);
      expect(get(planes(dst).y, 3 + w, 5)).toBe(1);
    }
  });

  it('clips a destination rect partly outside the frame without changing the geometry', () => {
    const src = randomFrame(40, 30, 3);
    for (const [w, h] of [
      [80, 60],
      [20, 16],
      [60, 44],
    ] as const) {
      // Draw at (-20, -10) on a small frame, and at (20, 10) on a big canvas: same pixels, shifted.
      const small = allocFrame(64, 48);
      scale(small, { x: -20, y: -10, w, h }, src);
      const big = allocFrame(160, 120);
      scale(big, { x: 20, y: 10, w, h }, src);
      const vw = Math.min(64, w - 20);
      const vh = Math.min(48, h - 10);
      expect(block(small, 'y', 0, 0, vw, vh)).toEqual(block(big, 'y', 40, 20, vw, vh));
      expect(block(small, 'u', 0, 0, vw / 2, vh / 2)).toEqual(block(big, 'u', 20, 10, vw / 2, vh / 2));
      expect(block(small, 'v', 0, 0, vw / 2, vh / 2)).toEqual(block(big, 'v', 20, 10, vw / 2, vh / 2));
    }
  });

  it('scales a sub-rect of the source, and clips a source rect that leaves the source', () => {
    const src = randomFrame(64, 32, 4);
    const a = allocFrame(32, 32);
    scale(a, { x: 0, y: 0, w: 32, h: 32 }, src, { x: 32, y: 0, w: 32, h: 32 });
    const b = allocFrame(32, 32);
    blit(b, src, 0, 0, { x: 32, y: 0, w: 32, h: 32 });
    expect(firstDiff(a.data, b.data)).toBe(-1);

    // The right half of srcRect is outside the source: only the left half of dstRect is drawn.
    const c = allocFrame(64, 32);
    scale(c, { x: 0, y: 0, w: 64, h: 32 }, src, { x: 32, y: 0, w: 64, h: 32 });
    expect(block(c, 'y', 0, 0, 32, 32)).toEqual(block(src, 'y', 32, 0, 32, 32));
    expect(new Set(block(c, 'y', 32, 0, 32, 32).flat())).toEqual(new Set([16]));

    const d = allocFrame(64, 32);
    scale(d, { x: 0, y: 0, w: 64, h: 32 }, src, { x: 100, y: 0, w: 64, h: 32 });
    expect(new Set(d.data.subarray(0, 64 * 32))).toEqual(new Set([16]));
  });

  it('reads from a copy when the source is the destination', () => {
    const f = randomFrame(64, 64, 5);
    const expected = allocFrame(64, 64);
    blit(expected, f, 0, 0);
    scale(expected, { x: 0, y: 0, w: 32, h: 32 }, { ...f, data: f.data.slice() });
    scale(f, { x: 0, y: 0, w: 32, h: 32 }, f);
    expect(firstDiff(f.data, expected.data)).toBe(-1);
  });
});
