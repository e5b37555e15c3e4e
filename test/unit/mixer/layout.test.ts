import { describe, expect, it } from 'vitest';
import { layoutSlots, lerpRect, morphSlots } from '../../../electron/shared/layout.js';
import type { ProgramScene } from '../../../electron/shared/show.js';

const HD = { width: 1920, height: 1080 };
const scene = (s: Partial<ProgramScene>): ProgramScene => ({
  layout: 'full',
  sources: [],
  corner: 'br',
  size: 0.25,
  ...s,
});

describe('layout geometry', () => {
  it('full: a over the whole frame', () => {
    expect(layoutSlots(scene({ layout: 'full', sources: ['a' as never] }), HD)).toEqual([
      { source: 'a', rect: { x: 0, y: 0, w: 1920, h: 1080 }, border: 0 },
    ]);
  });

  it('pip: a full, b inset bottom-right with a margin, size = inset width fraction', () => {
    const slots = layoutSlots(scene({ layout: 'pip', sources: ['a', 'b'] as never }), HD);
    expect(slots[0]!.rect).toEqual({ x: 0, y: 0, w: 1920, h: 1080 });
    expect(slots[1]).toEqual({
      source: 'b',
      rect: { x: 1920 - 48 - 480, y: 1080 - 48 - 270, w: 480, h: 270 },
      border: 0,
    });
  });

  it('pip corners', () => {
    const at = (corner: ProgramScene['corner']) =>
      layoutSlots(scene({ layout: 'pip', sources: ['a', 'b'] as never, corner, size: 0.3 }), HD)[1]!.rect;
    expect(at('tl')).toMatchObject({ x: 48, y: 48, w: 576, h: 324 });
    expect(at('tr')).toMatchObject({ x: 1920 - 48 - 576, y: 48 });
    expect(at('bl')).toMatchObject({ x: 48, y: 1080 - 48 - 324 });
  });

  it('sideBySide: equal halves, letterboxed', () => {
    const [l, r] = layoutSlots(scene({ layout: 'sideBySide', sources: ['a', 'b'] as never }), HD);
    expect(l!.rect).toEqual({ x: 0, y: 270, w: 960, h: 540 });
    expect(r!.rect).toEqual({ x: 960, y: 270, w: 960, h: 540 });
  });

  it('lecture: a about 75 % wide, b small beside it, nothing overlaps or leaves the frame', () => {
    const [a, b] = layoutSlots(scene({ layout: 'lecture', sources: ['a', 'b'] as never }), HD);
    expect(a!.rect.w / 1920).toBeGreaterThan(0.7);
    expect(a!.rect.w / 1920).toBeLessThan(0.76);
    expect(b!.rect.x).toBeGreaterThanOrEqual(a!.rect.x + a!.rect.w);
    expect(b!.rect.x + b!.rect.w).toBeLessThanOrEqual(1920);
    expect(a!.rect.y + a!.rect.h).toBeLessThanOrEqual(1080);
    expect(b!.rect.w / b!.rect.h).toBeCloseTo(16 / 9, 1);
  });

  it('custom layouts place sources in slot order, clipped to the frame', () => {
    const custom = [
      {
        id: 'grid' as never,
        name: 'Grid',
        slots: [
          { rect: { x: 0, y: 0, w: 0.5, h: 0.5 }, border: 4 },
          { rect: { x: 0.5, y: 0.5, w: 0.6, h: 0.6 }, border: 0 },
        ],
      },
    ];
    const slots = layoutSlots(scene({ layout: 'grid' as never, sources: ['a', 'b'] as never }), HD, custom);
    expect(slots).toEqual([
      { source: 'a', rect: { x: 0, y: 0, w: 960, h: 540 }, border: 4 },
      { source: 'b', rect: { x: 960, y: 540, w: 960, h: 540 }, border: 0 },
    ]);
    expect(layoutSlots(scene({ layout: 'nope' as never, sources: ['a'] as never }), HD, custom)).toEqual([]);
  });

  it('every rectangle has even position and size (4:2:0)', () => {
    for (const layout of ['full', 'pip', 'sideBySide', 'lecture'] as const) {
      for (const f of [
        HD,
        { width: 1280, height: 720 },
        { width: 854, height: 480 },
        { width: 720, height: 576 },
      ]) {
        for (const s of layoutSlots(scene({ layout, sources: ['a', 'b'] as never, size: 0.33 }), f)) {
          for (const v of [s.rect.x, s.rect.y, s.rect.w, s.rect.h]) expect(v % 2).toBe(0);
          expect(s.rect.x + s.rect.w).toBeLessThanOrEqual(f.width);
          expect(s.rect.y + s.rect.h).toBeLessThanOrEqual(f.height);
        }
      }
    }
  });

  it('morph: endpoints equal the layouts, the middle is in between', () => {
    const from = layoutSlots(scene({ layout: 'full', sources: ['a'] as never }), HD);
    const to = layoutSlots(scene({ layout: 'sideBySide', sources: ['a', 'b'] as never }), HD);
    expect(morphSlots(from, to, 1)).toEqual(to);
    const mid = morphSlots(from, to, 0.5);
    expect(mid.find((s) => s.source === 'a')!.rect).toEqual(lerpRect(from[0]!.rect, to[0]!.rect, 0.5));
    expect(mid.find((s) => s.source === 'b')!.rect.w).toBeLessThan(960);
    expect(morphSlots(from, to, 0).find((s) => s.source === 'a')!.rect).toEqual(from[0]!.rect);
  });
});
