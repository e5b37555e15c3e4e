import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { allocFrame, allocYuva, findAddon, planeOffsets, rgbToYuv } from '../index.js';

const nativeDir = join(dirname(fileURLToPath(import.meta.url)), '..');

describe('planeOffsets', () => {
  it('lays out Y, U, V, then A', () => {
    expect(planeOffsets(8, 4)).toEqual({
      y: 0,
      u: 32,
      v: 40,
      a: 48,
      lumaSize: 32,
      chromaSize: 8,
      chromaWidth: 4,
      chromaHeight: 2,
      i420Size: 48,
      yuvaSize: 80,
    });
  });

  it('rejects odd, zero and fractional sizes', () => {
    expect(() => planeOffsets(7, 4)).toThrow(RangeError);
    expect(() => planeOffsets(0, 4)).toThrow(RangeError);
    expect(() => planeOffsets(4.5, 4)).toThrow(RangeError);
  });
});

describe('allocFrame / allocYuva', () => {
  it('allocates black frames, not green ones', () => {
    const f = allocFrame(4, 2);
    expect(Array.from(f.data)).toEqual([16, 16, 16, 16, 16, 16, 16, 16, 128, 128, 128, 128]);
  });

  it('allocates transparent YUVA images by default', () => {
    const f = allocYuva(2, 2, { y: 50, u: 60, v: 70 }, 0);
    expect(Array.from(f.data)).toEqual([50, 50, 50, 50, 60, 70, 0, 0, 0, 0]);
  });
});

describe('rgbToYuv (BT.709, limited range)', () => {
  it('maps black, white and primaries to their studio-range values', () => {
    expect(rgbToYuv(0, 0, 0)).toEqual({ y: 16, u: 128, v: 128 });
    expect(rgbToYuv(255, 255, 255)).toEqual({ y: 235, u: 128, v: 128 });
    expect(rgbToYuv(255, 0, 0)).toEqual({ y: 63, u: 102, v: 240 });
    expect(rgbToYuv(0, 255, 0)).toEqual({ y: 173, u: 42, v: 26 });
    expect(rgbToYuv(0, 0, 255)).toEqual({ y: 32, u: 240, v: 118 });
  });
});

describe('findAddon', () => {
  it('finds native/build from the sources and from a dist/native folder', () => {
    const expected = join(nativeDir, 'build', 'Release', 'regie_compositor.node');
    expect(findAddon(nativeDir)).toBe(expected);
    expect(findAddon(join(nativeDir, '..', 'dist', 'native'))).toBe(expected);
  });

  it('returns undefined when there is nothing above', () => {
    expect(findAddon(join(tmpdir(), 'regie-no-such-dir'))).toBeUndefined();
  });
});
