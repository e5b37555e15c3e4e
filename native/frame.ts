// I420 frame types and helpers (pure TypeScript: usable without the native addon).

/** An I420 frame: Y plane (width*height), then U and V ((width/2)*(height/2) each). Even sizes. */
export interface I420Frame {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** An I420 frame followed by a full-resolution alpha plane (width*height): logos, slates, lower thirds. */
export interface YuvaFrame {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** A rectangle in luma pixels. Fractional values are rounded; anything outside the frame is clipped. */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** A colour as 8-bit Y, U (Cb), V (Cr), each in [0, 255]. */
export interface Yuv {
  readonly y: number;
  readonly u: number;
  readonly v: number;
}

/** Byte offsets and sizes of the planes of a width x height I420 (or YUVA) frame. */
export interface PlaneOffsets {
  readonly y: number;
  readonly u: number;
  readonly v: number;
  /** Start of the alpha plane of a YUVA frame (= i420Size). */
  readonly a: number;
  readonly lumaSize: number;
  readonly chromaSize: number;
  readonly chromaWidth: number;
  readonly chromaHeight: number;
  readonly i420Size: number;
  readonly yuvaSize: number;
}

export const BLACK: Yuv = { y: 16, u: 128, v: 128 };

const MAX_DIMENSION = 16384;

function checkSize(width: number, height: number): void {
  for (const [name, v] of [
    ['width', width],
    ['height', height],
  ] as const) {
    if (!Number.isInteger(v) || v <= 0 || v > MAX_DIMENSION || v % 2 !== 0) {
      throw new RangeError(`${name} must be an even integer in [2, ${MAX_DIMENSION}], got ${v}`);
    }
  }
}

export function planeOffsets(width: number, height: number): PlaneOffsets {
  checkSize(width, height);
  const lumaSize = width * height;
  const chromaWidth = width / 2;
  const chromaHeight = height / 2;
  const chromaSize = chromaWidth * chromaHeight;
  const i420Size = lumaSize + 2 * chromaSize;
  return {
    y: 0,
    u: lumaSize,
    v: lumaSize + chromaSize,
    a: i420Size,
    lumaSize,
    chromaSize,
    chromaWidth,
    chromaHeight,
    i420Size,
    yuvaSize: i420Size + lumaSize,
  };
}

function paint(data: Uint8Array, o: PlaneOffsets, color: Yuv): void {
  data.fill(color.y, 0, o.u);
  data.fill(color.u, o.u, o.v);
  data.fill(color.v, o.v, o.i420Size);
}

/** A new frame, filled with `color` (black by default, not the green of an all-zero I420 frame). */
export function allocFrame(width: number, height: number, color: Yuv = BLACK): I420Frame {
  const o = planeOffsets(width, height);
  const data = new Uint8Array(o.i420Size);
  paint(data, o, color);
  return { width, height, data };
}

/** A new YUVA image of `color` with alpha `alpha` everywhere (default: fully transparent black). */
export function allocYuva(width: number, height: number, color: Yuv = BLACK, alpha = 0): YuvaFrame {
  const o = planeOffsets(width, height);
  const data = new Uint8Array(o.yuvaSize);
  paint(data, o, color);
  data.fill(alpha, o.a, o.yuvaSize);
  return { width, height, data };
}

const KR = 0.2126;
const KB = 0.0722;
const KG = 1 - KR - KB;

function to8(v: number): number {
  return Math.min(255, Math.max(0, Math.round(v)));
}

/** BT.709 limited range ("TV levels": Y 16..235, U/V 16..240) from 8-bit full-range R'G'B'. */
export function rgbToYuv(r: number, g: number, b: number): Yuv {
  const rn = Math.min(255, Math.max(0, r)) / 255;
  const gn = Math.min(255, Math.max(0, g)) / 255;
  const bn = Math.min(255, Math.max(0, b)) / 255;
  const luma = KR * rn + KG * gn + KB * bn;
  return {
    y: to8(16 + 219 * luma),
    u: to8(128 + (224 * (bn - luma)) / (2 * (1 - KB))),
    v: to8(128 + (224 * (rn - luma)) / (2 * (1 - KR))),
  };
}
