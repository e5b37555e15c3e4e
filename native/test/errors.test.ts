// The unhappy paths: bad arguments throw a TypeError or RangeError with a clear message, draw
// nothing, and never crash the process.
import { describe, expect, it } from 'vitest';

import { allocFrame, allocYuva, blit, border, compose, crossfade, fill, overlay, scale } from '../index.js';
import type { DrawOp, Rect, Yuv, YuvaFrame } from '../index.js';
import { cloneFrame, firstDiff, randomFrame } from './helpers.js';

const rect: Rect = { x: 0, y: 0, w: 4, h: 4 };
const white: Yuv = { y: 235, u: 128, v: 128 };

/** A deliberately wrong value, let past the types (never is assignable to every parameter). */
function bad(value: unknown): never {
  return value as never;
}

describe('frame validation', () => {
  it('rejects a buffer too small for its dimensions', () => {
    const f = { width: 64, height: 64, data: new Uint8Array(64 * 64) };
    expect(() => fill(f, rect, white)).toThrow(RangeError);
    expect(() => fill(f, rect, white)).toThrow(
      /dst\.data is too small: 4096 bytes for a 64x64 I420 frame \(needs 6144\)/,
    );
  });

  it('rejects a YUVA image without its alpha plane', () => {
    const dst = allocFrame(16, 16);
    const src: YuvaFrame = allocFrame(8, 8);
    expect(() => overlay(dst, src, 0, 0)).toThrow(/YUVA frame/);
  });

  it('rejects odd, zero, fractional and huge sizes', () => {
    for (const [width, height] of [
      [63, 64],
      [64, 63],
      [0, 64],
      [-2, 64],
      [64.5, 64],
      [1e9, 2],
      [Number.NaN, 2],
    ] as const) {
      const f = { width, height, data: new Uint8Array(1 << 16) };
      expect(() => fill(f, rect, white)).toThrow(RangeError);
    }
  });

  it('rejects data that is not a Uint8Array', () => {
    for (const data of [
      [1, 2, 3],
      new Float32Array(96),
      new Uint16Array(96),
      'pixels',
      undefined,
      new ArrayBuffer(96),
    ]) {
      expect(() => fill({ width: 8, height: 8, data: bad(data) }, rect, white)).toThrow(TypeError);
    }
  });

  it('rejects frames that are not objects', () => {
    for (const f of [null, undefined, 42, 'frame', () => 0]) {
      expect(() => fill(bad(f), rect, white)).toThrow(TypeError);
      expect(() => fill(bad(f), rect, white)).toThrow(/fill: dst must be an object/);
    }
  });

  it('accepts a Buffer, and a view into a bigger buffer', () => {
    const buf = Buffer.alloc(200);
    const f = { width: 8, height: 8, data: buf.subarray(100, 196) };
    fill(f, { x: 0, y: 0, w: 8, h: 8 }, white);
    expect(buf[99]).toBe(0);
    expect(buf[100]).toBe(235);
    expect(buf[195]).toBe(128);
    expect(buf[196]).toBe(0);
  });
});

describe('argument validation', () => {
  const f = allocFrame(16, 16);

  it('rejects bad rects', () => {
    expect(() => fill(f, bad('0,0,4,4'), white)).toThrow(TypeError);
    expect(() => fill(f, bad({ x: 0, y: 0, w: 4 }), white)).toThrow(
      /fill: rect\.h must be a number, got undefined/,
    );
    expect(() => fill(f, { x: Number.NaN, y: 0, w: 4, h: 4 }, white)).toThrow(RangeError);
    expect(() => fill(f, { x: 0, y: Infinity, w: 4, h: 4 }, white)).toThrow(RangeError);
  });

  it('rejects bad colours', () => {
    expect(() => fill(f, rect, { y: 256, u: 0, v: 0 })).toThrow(
      /fill: color\.y must be in \[0, 255\], got 256/,
    );
    expect(() => fill(f, rect, { y: 0, u: -1, v: 0 })).toThrow(RangeError);
    expect(() => fill(f, rect, bad({ y: '1', u: 0, v: 0 }))).toThrow(TypeError);
  });

  it('rejects bad numbers', () => {
    expect(() => border(f, rect, bad('2'), white)).toThrow(TypeError);
    expect(() => blit(f, f, Number.NaN, 0)).toThrow(RangeError);
    expect(() => overlay(f, allocYuva(4, 4), 0, 0, Number.NaN)).toThrow(RangeError);
    expect(() => crossfade(f, f, f, bad(undefined))).toThrow(/crossfade: t must be a number/);
  });

  it('rejects a crossfade between frames of different sizes', () => {
    expect(() => crossfade(f, f, allocFrame(32, 16), 0.5)).toThrow(
      /crossfade: b is 32x16 but the destination is 16x16/,
    );
  });

  it('passes on an exception thrown by a getter', () => {
    const r = Object.defineProperty({ y: 0, w: 4, h: 4 }, 'x', {
      get: () => {
        throw new Error('boom');
      },
    });
    expect(() => fill(f, bad(r), white)).toThrow('boom');
  });

  it('does not use a buffer that a later getter detached', () => {
    const src = allocFrame(8, 8);
    const sneaky = {
      op: 'fill',
      rect,
      get color(): Yuv {
        structuredClone(src.data.buffer, { transfer: [src.data.buffer] });
        return white;
      },
    };
    const ops = bad([{ op: 'blit', src, x: 0, y: 0 }, sneaky]);
    expect(() => compose(f, ops)).toThrow(/ops\[0\]\.src\.data is too small: 0 bytes/);
  });

  it('survives huge coordinates', () => {
    const g = randomFrame(16, 16, 1);
    const before = cloneFrame(g);
    fill(g, { x: 1e300, y: -1e300, w: 1e300, h: 1e300 }, white);
    blit(g, before, 2 ** 53, -(2 ** 53));
    scale(g, { x: -1e20, y: -1e20, w: 2e20, h: 2e20 }, before);
    expect(new Set(g.data.subarray(0, 256)).size).toBeGreaterThan(0);
  });
});

describe('compose validation', () => {
  it('rejects ops that are not an array, and unknown ops', () => {
    const f = allocFrame(16, 16);
    expect(() => compose(f, bad({ op: 'fill' }))).toThrow(/compose: ops must be an array/);
    expect(() => compose(f, bad([{ op: 'blur' }]))).toThrow(/compose: ops\[0\]\.op must be one of/);
    expect(() => compose(f, bad([{ rect, color: white }]))).toThrow(TypeError);
    expect(() => compose(f, bad([null]))).toThrow(TypeError);
  });

  it('names the bad op and draws nothing when any op is invalid', () => {
    const f = randomFrame(16, 16, 9);
    const before = cloneFrame(f);
    const ops: DrawOp[] = [
      { op: 'fill', rect: { x: 0, y: 0, w: 16, h: 16 }, color: white },
      { op: 'border', rect, thickness: 1, color: white },
      { op: 'blit', src: { width: 8, height: 8, data: new Uint8Array(10) }, x: 0, y: 0 },
    ];
    expect(() => compose(f, ops)).toThrow(/compose: ops\[2\]\.src\.data is too small/);
    expect(firstDiff(f.data, before.data)).toBe(-1);
  });
});
