import { describe, expect, it } from 'vitest';
import { allocFrame, rgbToYuv, fill } from '../../../native/index.js';
import { ProgramRenderer, drawOps } from '../../../electron/core/mixer/render.js';
import { layoutSlots } from '../../../electron/shared/layout.js';

const W = 320;
const H = 180;
function solid(r: number, g: number, b: number) {
  const f = allocFrame(W, H);
  fill(f, { x: 0, y: 0, w: W, h: H }, rgbToYuv(r, g, b));
  return f;
}
const red = solid(255, 0, 0);
const blue = solid(0, 0, 255);
const lookup = (id: string) => (id === 'red' ? red : id === 'blue' ? blue : null);
const lumaAt = (f: { data: Uint8Array }, x: number, y: number) => f.data[y * W + x] ?? -1;

describe('program rendering', () => {
  it('draw list: black background, then each slot (blit at full size, scale otherwise); covered work left out', () => {
    const slots = layoutSlots(
      { layout: 'pip', sources: ['red', 'blue'] as never, corner: 'br', size: 0.25 },
      { width: W, height: H },
    );
    const ops = drawOps(slots, lookup, W, H);
    // The full-frame source covers the background: no fill under it.
    expect(ops.map((o) => o.op)).toEqual(['blit', 'scale']);
    expect(drawOps(slots, () => null, W, H).map((o) => o.op)).toEqual(['fill']);
    // Without the full-frame picture (no signal, no slate), the background is filled again.
    const onlyBlue = (id: string) => (id === 'blue' ? blue : null);
    expect(drawOps(slots, onlyBlue, W, H).map((o) => o.op)).toEqual(['fill', 'scale']);
    // Side by side: nothing covers the frame, so the black bars are filled.
    const sbs = layoutSlots(
      { layout: 'sideBySide', sources: ['red', 'blue'] as never, corner: 'br', size: 0.25 },
      { width: W, height: H },
    );
    expect(drawOps(sbs, lookup, W, H)[0]?.op).toBe('fill');
    // A full-frame slot on top of another hides it entirely: only the top one is drawn.
    const full = layoutSlots(
      { layout: 'full', sources: ['red'] as never, corner: 'br', size: 0.25 },
      { width: W, height: H },
    );
    const both = [...full, ...full.map((sl) => ({ ...sl, source: 'blue' }))];
    const top = drawOps(both, lookup, W, H);
    expect(top.length === 1 && top[0]?.op === 'blit' && top[0].src === blue).toBe(true);
  });

  it('pip: red full frame, blue inset bottom-right', () => {
    const r = new ProgramRenderer(W, H);
    r.setSlots(
      layoutSlots(
        { layout: 'pip', sources: ['red', 'blue'] as never, corner: 'br', size: 0.25 },
        { width: W, height: H },
      ),
      { type: 'cut', ms: 0 },
      0,
    );
    const dst = allocFrame(W, H);
    r.render(dst, lookup, 0);
    expect(lumaAt(dst, 10, 10)).toBe(rgbToYuv(255, 0, 0).y);
    expect(lumaAt(dst, W - 20, H - 20)).toBe(rgbToYuv(0, 0, 255).y);
  });

  it('fade: intermediate frames mix the old and the new program, then settle on the new', () => {
    const r = new ProgramRenderer(W, H);
    const frame = { width: W, height: H };
    r.setSlots(
      layoutSlots({ layout: 'full', sources: ['red'] as never, corner: 'br', size: 0.25 }, frame),
      { type: 'cut', ms: 0 },
      0,
    );
    r.setSlots(
      layoutSlots({ layout: 'full', sources: ['blue'] as never, corner: 'br', size: 0.25 }, frame),
      { type: 'fade', ms: 1000 },
      0,
    );
    const dst = allocFrame(W, H);
    const yRed = rgbToYuv(255, 0, 0).y;
    const yBlue = rgbToYuv(0, 0, 255).y;
    r.render(dst, lookup, 500);
    const mid = lumaAt(dst, 5, 5);
    expect(mid).toBeGreaterThan(Math.min(yRed, yBlue) + 5);
    expect(mid).toBeLessThan(Math.max(yRed, yBlue) - 5);
    expect(r.inTransition).toBe(true);
    r.render(dst, lookup, 1001);
    expect(lumaAt(dst, 5, 5)).toBe(yBlue);
    expect(r.inTransition).toBe(false);
  });

  it('morph: the rectangles move between the layouts', () => {
    const r = new ProgramRenderer(W, H);
    const frame = { width: W, height: H };
    r.setSlots(
      layoutSlots({ layout: 'full', sources: ['red'] as never, corner: 'br', size: 0.25 }, frame),
      { type: 'cut', ms: 0 },
      0,
    );
    r.setSlots(
      layoutSlots(
        { layout: 'sideBySide', sources: ['red', 'blue'] as never, corner: 'br', size: 0.25 },
        frame,
      ),
      { type: 'morph', ms: 1000 },
      0,
    );
    const dst = allocFrame(W, H);
    r.render(dst, lookup, 500);
    // half-way: the red rectangle is between full frame and the left half, so (2, 2) is black now
    expect(lumaAt(dst, 2, 2)).toBe(16);
    r.render(dst, lookup, 1000);
    expect(lumaAt(dst, W / 4, H / 2)).toBe(rgbToYuv(255, 0, 0).y);
    expect(lumaAt(dst, (3 * W) / 4, H / 2)).toBe(rgbToYuv(0, 0, 255).y);
  });
});
