// Pure-TypeScript reference kernels: slow, obvious, and written from the rules documented in
// native/index.ts, so the tests can compare the native results byte for byte.
import { planeOffsets } from '../frame.js';
import type { I420Frame, Rect, Yuv, YuvaFrame } from '../frame.js';

interface IntRect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

interface PlaneView {
  data: Uint8Array;
  offset: number;
  width: number;
  height: number;
}

export function planes(f: I420Frame | YuvaFrame): { y: PlaneView; u: PlaneView; v: PlaneView; a: PlaneView } {
  const o = planeOffsets(f.width, f.height);
  const luma = (offset: number): PlaneView => ({ data: f.data, offset, width: f.width, height: f.height });
  const chroma = (offset: number): PlaneView => ({
    data: f.data,
    offset,
    width: o.chromaWidth,
    height: o.chromaHeight,
  });
  return { y: luma(o.y), u: chroma(o.u), v: chroma(o.v), a: luma(o.a) };
}

/** data[i], or a RangeError: the reference must never read outside a frame either. */
export function at(data: Uint8Array, i: number): number {
  const v = data[i];
  if (v === undefined) throw new RangeError(`reference read out of bounds at ${i}`);
  return v;
}

export function get(p: PlaneView, x: number, y: number): number {
  if (x < 0 || y < 0 || x >= p.width || y >= p.height)
    throw new RangeError(`reference read outside the plane at ${x},${y}`);
  return at(p.data, p.offset + y * p.width + x);
}

function set(p: PlaneView, x: number, y: number, value: number): void {
  p.data[p.offset + y * p.width + x] = value;
}

const round = (v: number): number => Math.floor(v + 0.5);
const floorEven = (v: number): number => Math.floor(v / 2) * 2;

function toInt(r: Rect): IntRect {
  const x0 = round(r.x);
  const y0 = round(r.y);
  return { x0, y0, x1: x0 + round(r.w), y1: y0 + round(r.h) };
}

function clip(r: IntRect, w: number, h: number): IntRect {
  return { x0: Math.max(0, r.x0), y0: Math.max(0, r.y0), x1: Math.min(w, r.x1), y1: Math.min(h, r.y1) };
}

function fillPlane(p: PlaneView, r: IntRect, value: number): void {
  for (let y = r.y0; y < r.y1; y++) for (let x = r.x0; x < r.x1; x++) set(p, x, y, value);
}

export function refFill(dst: I420Frame, rect: Rect, color: Yuv): void {
  const l = clip(toInt(rect), dst.width, dst.height);
  if (l.x1 <= l.x0 || l.y1 <= l.y0) return;
  const c = {
    x0: Math.floor(l.x0 / 2),
    y0: Math.floor(l.y0 / 2),
    x1: Math.ceil(l.x1 / 2),
    y1: Math.ceil(l.y1 / 2),
  };
  const p = planes(dst);
  fillPlane(p.y, l, color.y);
  fillPlane(p.u, c, color.u);
  fillPlane(p.v, c, color.v);
}

export function refBorder(dst: I420Frame, rect: Rect, thickness: number, color: Yuv): void {
  const r = toInt(rect);
  const t = round(thickness);
  const w = r.x1 - r.x0;
  const h = r.y1 - r.y0;
  if (w <= 0 || h <= 0 || t <= 0) return;
  if (2 * t >= w || 2 * t >= h) {
    refFill(dst, { x: r.x0, y: r.y0, w, h }, color);
    return;
  }
  refFill(dst, { x: r.x0, y: r.y0, w, h: t }, color);
  refFill(dst, { x: r.x0, y: r.y1 - t, w, h: t }, color);
  refFill(dst, { x: r.x0, y: r.y0 + t, w: t, h: h - 2 * t }, color);
  refFill(dst, { x: r.x1 - t, y: r.y0 + t, w: t, h: h - 2 * t }, color);
}

export function refBlit(dst: I420Frame, src: I420Frame, x: number, y: number, srcRect?: Rect): void {
  const s = toInt(srcRect ?? { x: 0, y: 0, w: src.width, h: src.height });
  if (s.x1 <= s.x0 || s.y1 <= s.y0) return;
  // Snapped source rect; its origin goes to the snapped destination point.
  const sx0 = floorEven(s.x0);
  const sy0 = floorEven(s.y0);
  const sx1 = -floorEven(-s.x1);
  const sy1 = -floorEven(-s.y1);
  const px = floorEven(round(x));
  const py = floorEven(round(y));
  const ps = planes(src);
  const pd = planes(dst);
  for (let sy = Math.max(0, sy0); sy < Math.min(src.height, sy1); sy++) {
    for (let sx = Math.max(0, sx0); sx < Math.min(src.width, sx1); sx++) {
      const dx = px + sx - sx0;
      const dy = py + sy - sy0;
      if (dx < 0 || dy < 0 || dx >= dst.width || dy >= dst.height) continue;
      set(pd.y, dx, dy, get(ps.y, sx, sy));
      if (sx % 2 === 0 && sy % 2 === 0) {
        set(pd.u, dx / 2, dy / 2, get(ps.u, sx / 2, sy / 2));
        set(pd.v, dx / 2, dy / 2, get(ps.v, sx / 2, sy / 2));
      }
    }
  }
}

const div255 = (v: number): number => Math.round(v / 255);

export function refOverlay(dst: I420Frame, src: YuvaFrame, x: number, y: number, alpha = 1): void {
  const g = Math.round(Math.min(1, Math.max(0, alpha)) * 255);
  const px = floorEven(round(x));
  const py = floorEven(round(y));
  const ps = planes(src);
  const pd = planes(dst);
  const blend = (s: number, d: number, a: number): number => div255(s * a + d * (255 - a));
  for (let sy = 0; sy < src.height; sy++) {
    for (let sx = 0; sx < src.width; sx++) {
      const dx = px + sx;
      const dy = py + sy;
      if (dx < 0 || dy < 0 || dx >= dst.width || dy >= dst.height) continue;
      const a = div255(get(ps.a, sx, sy) * g);
      set(pd.y, dx, dy, blend(get(ps.y, sx, sy), get(pd.y, dx, dy), a));
      if (sx % 2 === 0 && sy % 2 === 0) {
        const mean =
          (get(ps.a, sx, sy) +
            get(ps.a, sx + 1, sy) +
            get(ps.a, sx, sy + 1) +
            get(ps.a, sx + 1, sy + 1) +
            2) >>
          2;
        const ca = div255(mean * g);
        const cx = dx / 2;
        const cy = dy / 2;
        set(pd.u, cx, cy, blend(get(ps.u, sx / 2, sy / 2), get(pd.u, cx, cy), ca));
        set(pd.v, cx, cy, blend(get(ps.v, sx / 2, sy / 2), get(pd.v, cx, cy), ca));
      }
    }
  }
}

export function refCrossfade(dst: I420Frame, a: I420Frame, b: I420Frame, t: number): void {
  const w = Math.round(Math.min(1, Math.max(0, t)) * 256);
  const n = planeOffsets(dst.width, dst.height).i420Size;
  for (let i = 0; i < n; i++) dst.data[i] = (at(a.data, i) * (256 - w) + at(b.data, i) * w + 128) >> 8;
}
