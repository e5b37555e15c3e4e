// Pure layout geometry: a scene (layout + sources) becomes slots (source, pixel rectangle) in the program
// frame. Shared by the core (compositing) and the UI (drawing the layout buttons and previews).
// Sources arrive normalized to the program size, so every slot keeps the program's aspect ratio.
import type { CustomLayout, ProgramScene } from './show.js';

export interface PixelRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Slot {
  source: string;
  rect: PixelRect;
  border: number;
}

export interface Frame {
  width: number;
  height: number;
}

const even = (n: number): number => Math.max(2, Math.round(n / 2) * 2);
const evenPos = (n: number): number => Math.max(0, Math.round(n / 2) * 2);

/** A rectangle of the program's aspect ratio, `w` wide (even sizes, for 4:2:0). */
function scaled(frame: Frame, w: number): { w: number; h: number } {
  return { w: even(w), h: even((w * frame.height) / frame.width) };
}

export function marginOf(frame: Frame): number {
  return evenPos(frame.width * 0.025);
}

export function layoutSlots(scene: ProgramScene, frame: Frame, custom: readonly CustomLayout[] = []): Slot[] {
  const [a, b] = scene.sources;
  const full: PixelRect = { x: 0, y: 0, w: frame.width, h: frame.height };
  const m = marginOf(frame);
  switch (scene.layout) {
    case 'full':
      return a === undefined ? [] : [{ source: a, rect: full, border: 0 }];
    case 'pip': {
      const slots: Slot[] = a === undefined ? [] : [{ source: a, rect: full, border: 0 }];
      if (b === undefined) return slots;
      const size = scaled(frame, frame.width * scene.size);
      const left = scene.corner === 'tl' || scene.corner === 'bl';
      const top = scene.corner === 'tl' || scene.corner === 'tr';
      const x = left ? m : frame.width - m - size.w;
      const y = top ? m : frame.height - m - size.h;
      slots.push({ source: b, rect: { x: evenPos(x), y: evenPos(y), ...size }, border: 0 });
      return slots;
    }
    case 'sideBySide': {
      const size = scaled(frame, frame.width / 2);
      const y = evenPos((frame.height - size.h) / 2);
      const slots: Slot[] = [];
      if (a !== undefined) slots.push({ source: a, rect: { x: 0, y, ...size }, border: 0 });
      if (b !== undefined)
        slots.push({ source: b, rect: { x: frame.width - size.w, y, ...size }, border: 0 });
      return slots;
    }
    case 'lecture': {
      // The slides about 75 % wide on the left, the speaker small at the top right beside them.
      const big = scaled(frame, frame.width * 0.75 - 1.5 * m);
      const small = scaled(frame, frame.width - big.w - 3 * m);
      const y = evenPos((frame.height - big.h) / 2);
      const slots: Slot[] = [];
      if (a !== undefined) slots.push({ source: a, rect: { x: m, y, ...big }, border: 0 });
      if (b !== undefined)
        slots.push({ source: b, rect: { x: evenPos(m + big.w + m), y, ...small }, border: 0 });
      return slots;
    }
    default: {
      const layout = custom.find((l) => l.id === scene.layout);
      if (!layout) return [];
      const slots: Slot[] = [];
      layout.slots.forEach((slot, i) => {
        const source = scene.sources[i];
        if (source === undefined) return;
        const x = evenPos(slot.rect.x * frame.width);
        const y = evenPos(slot.rect.y * frame.height);
        const w = Math.min(even(slot.rect.w * frame.width), frame.width - x);
        const h = Math.min(even(slot.rect.h * frame.height), frame.height - y);
        slots.push({ source, rect: { x, y, w, h }, border: slot.border });
      });
      return slots;
    }
  }
}

/** Linear interpolation of two rectangles (the morph transition), on even pixels. */
export function lerpRect(from: PixelRect, to: PixelRect, t: number): PixelRect {
  const k = Math.min(1, Math.max(0, t));
  const mix = (p: number, q: number): number => p + (q - p) * k;
  return {
    x: evenPos(mix(from.x, to.x)),
    y: evenPos(mix(from.y, to.y)),
    w: even(mix(from.w, to.w)),
    h: even(mix(from.h, to.h)),
  };
}

/**
 * The morph between two slot lists: a source in both moves and resizes; a source only in `to` grows from
 * the centre of its target; a source only in `from` shrinks to the centre of where it was.
 */
export function morphSlots(from: readonly Slot[], to: readonly Slot[], t: number): Slot[] {
  const point = (r: PixelRect): PixelRect => ({ x: r.x + r.w / 2, y: r.y + r.h / 2, w: 2, h: 2 });
  const out: Slot[] = [];
  for (const s of from) {
    if (!to.some((d) => d.source === s.source) && t < 1)
      out.push({ ...s, rect: lerpRect(s.rect, point(s.rect), t) });
  }
  for (const d of to) {
    const s = from.find((f) => f.source === d.source);
    out.push({ ...d, rect: lerpRect(s ? s.rect : point(d.rect), d.rect, t) });
  }
  return out;
}

/** Ease in-out (smoothstep) for transitions. */
export function ease(t: number): number {
  const k = Math.min(1, Math.max(0, t));
  return k * k * (3 - 2 * k);
}
