// fill, border, blit, overlay and crossfade against the pure-TS reference, plus known values.
import { describe, expect, it } from 'vitest';

import { allocFrame, allocYuva, blit, border, crossfade, fill, overlay, planeOffsets } from '../index.js';
import type { I420Frame, Rect } from '../index.js';
import { cloneFrame, firstDiff, randomFrame, randomYuva, rng } from './helpers.js';
import { get, planes, refBlit, refBorder, refCrossfade, refFill, refOverlay } from './reference.js';

function randomRect(next: () => number, w: number, h: number): Rect {
  // Deliberately odd, fractional, negative and oversized rects: the kernels must clip them.
  const x = Math.floor(next() * (w + 40)) - 20 + (next() < 0.3 ? 0.4 : 0);
  const y = Math.floor(next() * (h + 40)) - 20;
  return { x, y, w: Math.floor(next() * (w + 10)) - 5, h: Math.floor(next() * (h + 10)) - 5 };
}

function expectSame(actual: I420Frame, expected: I420Frame): void {
  expect(firstDiff(actual.data, expected.data)).toBe(-1);
}

describe('fill', () => {
  it('fills the whole frame exactly', () => {
    const f = randomFrame(16, 8, 1);
    fill(f, { x: 0, y: 0, w: 16, h: 8 }, { y: 200, u: 10, v: 250 });
    const o = planeOffsets(16, 8);
    expect(f.data.subarray(0, o.u).every((v) => v === 200)).toBe(true);
    expect(f.data.subarray(o.u, o.v).every((v) => v === 10)).toBe(true);
    expect(f.data.subarray(o.v, o.i420Size).every((v) => v === 250)).toBe(true);
  });

  it('matches the reference on random (odd, partly outside, empty) rects', () => {
    const next = rng(7);
    for (let i = 0; i < 300; i++) {
      const a = randomFrame(38, 22, i);
      const b = cloneFrame(a);
      const rect = randomRect(next, 38, 22);
      const color = { y: i % 256, u: (i * 7) % 256, v: (i * 13) % 256 };
      fill(a, rect, color);
      refFill(b, rect, color);
      expectSame(a, b);
    }
  });

  it('leaves the frame alone for rects entirely outside', () => {
    const f = randomFrame(16, 16, 3);
    const before = cloneFrame(f);
    for (const rect of [
      { x: -40, y: 0, w: 40, h: 16 },
      { x: 16, y: 0, w: 5, h: 5 },
      { x: 0, y: 1e12, w: 5, h: 5 },
      { x: 2, y: 2, w: -5, h: 5 },
    ]) {
      fill(f, rect, { y: 1, u: 2, v: 3 });
    }
    expectSame(f, before);
  });
});

describe('border', () => {
  it('draws a frame inside the rect and leaves the inside alone', () => {
    const f = allocFrame(16, 16);
    border(f, { x: 2, y: 2, w: 12, h: 12 }, 2, { y: 235, u: 128, v: 128 });
    const p = planes(f);
    expect(get(p.y, 2, 2)).toBe(235);
    expect(get(p.y, 13, 13)).toBe(235);
    expect(get(p.y, 3, 8)).toBe(235);
    expect(get(p.y, 4, 4)).toBe(16);
    expect(get(p.y, 11, 11)).toBe(16);
    expect(get(p.y, 1, 1)).toBe(16);
    expect(get(p.y, 14, 14)).toBe(16);
  });

  it('matches the reference on random rects and thicknesses', () => {
    const next = rng(11);
    for (let i = 0; i < 200; i++) {
      const a = randomFrame(40, 30, 100 + i);
      const b = cloneFrame(a);
      const rect = randomRect(next, 40, 30);
      const t = Math.floor(next() * 12) - 1;
      border(a, rect, t, { y: 9, u: 99, v: 199 });
      refBorder(b, rect, t, { y: 9, u: 99, v: 199 });
      expectSame(a, b);
    }
  });
});

describe('blit', () => {
  it('copies a whole frame 1:1 at the origin', () => {
    const src = randomFrame(32, 16, 5);
    const dst = allocFrame(32, 16);
    blit(dst, src, 0, 0);
    expectSame(dst, src);
  });

  it('matches the reference for random positions and sub-rects, clipped', () => {
    const next = rng(13);
    for (let i = 0; i < 300; i++) {
      const src = randomFrame(24, 18, 500 + i);
      const a = randomFrame(40, 30, 900 + i);
      const b = cloneFrame(a);
      const x = Math.floor(next() * 70) - 30;
      const y = Math.floor(next() * 50) - 20;
      const srcRect = next() < 0.3 ? undefined : randomRect(next, 24, 18);
      blit(a, src, x, y, srcRect);
      refBlit(b, src, x, y, srcRect);
      expectSame(a, b);
    }
  });

  it('handles a source that is the destination itself', () => {
    const a = randomFrame(32, 32, 21);
    const b = cloneFrame(a);
    blit(a, a, 4, 6, { x: 0, y: 0, w: 20, h: 20 });
    refBlit(b, cloneFrame(b), 4, 6, { x: 0, y: 0, w: 20, h: 20 });
    expectSame(a, b);
  });
});

describe('overlay', () => {
  const dstColor = { y: 100, u: 50, v: 200 };
  const srcColor = { y: 200, u: 250, v: 0 };

  function overlaid(alpha: number, globalAlpha = 1): number[] {
    const dst = allocFrame(4, 4, dstColor);
    overlay(dst, allocYuva(4, 4, srcColor, alpha), 0, 0, globalAlpha);
    const p = planes(dst);
    return [get(p.y, 1, 1), get(p.u, 1, 1), get(p.v, 1, 1)];
  }

  it('alpha 0 leaves the destination, 255 copies the source', () => {
    expect(overlaid(0)).toEqual([100, 50, 200]);
    expect(overlaid(255)).toEqual([200, 250, 0]);
  });

  it('alpha 128 gives round((src * 128 + dst * 127) / 255)', () => {
    // Y: (200*128 + 100*127) / 255 = 150.2; U: (250*128 + 50*127) / 255 = 150.4; V: 200*127/255 = 99.6
    expect(overlaid(128)).toEqual([150, 150, 100]);
  });

  it('multiplies by the global alpha', () => {
    expect(overlaid(255, 0)).toEqual([100, 50, 200]);
    // a = round(255 * 128 / 255) = 128 (global 0.5 -> 128)
    expect(overlaid(255, 0.5)).toEqual([150, 150, 100]);
  });

  it('matches the reference with random alpha, positions and global alpha, clipped', () => {
    const next = rng(17);
    for (let i = 0; i < 150; i++) {
      const src = randomYuva(2 + 2 * Math.floor(next() * 12), 2 + 2 * Math.floor(next() * 10), 40 + i);
      const a = randomFrame(40, 30, 70 + i);
      const b = cloneFrame(a);
      const x = Math.floor(next() * 70) - 30;
      const y = Math.floor(next() * 50) - 20;
      const g = next() < 0.3 ? 1 : next();
      overlay(a, src, x, y, g);
      refOverlay(b, src, x, y, g);
      expectSame(a, b);
    }
  });
});

describe('crossfade', () => {
  const a = randomFrame(64, 36, 1);
  const b = randomFrame(64, 36, 2);

  it('gives a exactly at t = 0 and b exactly at t = 1', () => {
    const dst = allocFrame(64, 36);
    crossfade(dst, a, b, 0);
    expectSame(dst, a);
    crossfade(dst, a, b, 1);
    expectSame(dst, b);
  });

  it('gives (a + b + 1) >> 1 at t = 0.5', () => {
    const dst = allocFrame(64, 36);
    crossfade(dst, a, b, 0.5);
    for (let i = 0; i < dst.data.length; i++) {
      expect(dst.data[i]).toBe((a.data[i]! + b.data[i]! + 1) >> 1);
    }
  });

  it('matches the reference for any t, with dst aliasing a', () => {
    for (const t of [0.01, 0.25, 0.333, 0.9, 1.5, -2]) {
      const dst = cloneFrame(a);
      const expected = allocFrame(64, 36);
      refCrossfade(expected, a, b, t);
      crossfade(dst, dst, b, t);
      expectSame(dst, expected);
    }
  });
});
