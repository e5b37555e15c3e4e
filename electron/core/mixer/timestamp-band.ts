// The timestamp band: a black strip at the bottom of the program with the wall clock (HH:MM:SS.mmm)
// in seven-segment digits, drawn with plain rectangle fills. Viewers compare it with a clock to measure
// their lag (as SSTIC does), and because the digits are solid rectangles at known places a test can read
// the time back from decoded pixels (see decodeBand).
import type { DrawOp, Rect, Yuv } from '../../../native/index.js';

const WHITE: Yuv = { y: 235, u: 128, v: 128 };
const BLACK: Yuv = { y: 16, u: 128, v: 128 };

// Segments a..g: top, top-right, bottom-right, bottom, bottom-left, top-left, middle.
export const DIGIT_SEGMENTS: readonly string[] = [
  'abcdef',
  'bc',
  'abged',
  'abgcd',
  'fgbc',
  'afgcd',
  'afgedc',
  'abc',
  'abcdefg',
  'abcdfg',
];
const SEGMENTS = 'abcdefg';

export interface BandGeometry {
  band: Rect;
  /** Top-left of each character cell (12 cells: HH:MM:SS.mmm) and the digit cell size. */
  cells: { x: number; y: number }[];
  digitW: number;
  digitH: number;
  stroke: number;
}

const CHARS = 'HH:MM:SS.mmm';

export function bandGeometry(width: number, height: number): BandGeometry {
  const even = (n: number): number => Math.max(2, Math.round(n / 2) * 2);
  const bandH = even(height / 12);
  const digitH = even(bandH * 0.7);
  const digitW = even(digitH * 0.55);
  const stroke = Math.max(2, even(digitH / 9));
  const gap = even(digitW * 0.35);
  const sepW = even(digitW * 0.4);
  let total = 0;
  for (const c of CHARS) total += (c === ':' || c === '.' ? sepW : digitW) + gap;
  let x = even((width - total) / 2);
  const y = height - bandH + even((bandH - digitH) / 2);
  const cells: { x: number; y: number }[] = [];
  for (const c of CHARS) {
    cells.push({ x, y });
    x += (c === ':' || c === '.' ? sepW : digitW) + gap;
  }
  return { band: { x: 0, y: height - bandH, w: width, h: bandH }, cells, digitW, digitH, stroke };
}

/** The rectangle of segment `s` of a digit whose cell starts at (x, y). */
export function segmentRect(g: BandGeometry, x: number, y: number, s: string): Rect {
  const { digitW: w, digitH: h, stroke: t } = g;
  const half = Math.round(h / 2 / 2) * 2;
  switch (s) {
    case 'a':
      return { x, y, w, h: t };
    case 'b':
      return { x: x + w - t, y, w: t, h: half };
    case 'c':
      return { x: x + w - t, y: y + half, w: t, h: h - half };
    case 'd':
      return { x, y: y + h - t, w, h: t };
    case 'e':
      return { x, y: y + half, w: t, h: h - half };
    case 'f':
      return { x, y, w: t, h: half };
    default:
      return { x, y: y + half - t / 2, w, h: t };
  }
}

export function clockText(ms: number): string {
  const d = new Date(ms);
  const p = (n: number, l = 2): string => String(n).padStart(l, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}

export function bandOps(width: number, height: number, wallMs: number): DrawOp[] {
  const g = bandGeometry(width, height);
  const ops: DrawOp[] = [{ op: 'fill', rect: g.band, color: BLACK }];
  const text = clockText(wallMs);
  Array.from(text).forEach((ch, i) => {
    const cell = g.cells[i];
    if (cell === undefined) return;
    if (ch === ':' || ch === '.') {
      const dot = { w: g.stroke, h: g.stroke };
      if (ch === ':')
        ops.push({
          op: 'fill',
          rect: { x: cell.x, y: cell.y + Math.round(g.digitH / 4), ...dot },
          color: WHITE,
        });
      ops.push({
        op: 'fill',
        rect: {
          x: cell.x,
          y: cell.y + g.digitH - g.stroke - (ch === ':' ? Math.round(g.digitH / 4) : 0),
          ...dot,
        },
        color: WHITE,
      });
      return;
    }
    for (const s of DIGIT_SEGMENTS[Number(ch)] ?? '')
      ops.push({ op: 'fill', rect: segmentRect(g, cell.x, cell.y, s), color: WHITE });
  });
  return ops;
}

/**
 * Reads the band back from a decoded luma plane: returns ms since local midnight, or null when a digit
 * is unreadable. `luma(x, y)` gives the Y value of a pixel.
 */
export function decodeBand(
  width: number,
  height: number,
  luma: (x: number, y: number) => number,
): number | null {
  const g = bandGeometry(width, height);
  const digits: number[] = [];
  for (let i = 0; i < CHARS.length; i++) {
    const c = CHARS[i];
    if (c === ':' || c === '.') continue;
    const cell = g.cells[i];
    if (cell === undefined) return null;
    let lit = '';
    for (const s of SEGMENTS) {
      const r = segmentRect(g, cell.x, cell.y, s);
      if (luma(r.x + Math.floor(r.w / 2), r.y + Math.floor(r.h / 2)) > 128) lit += s;
    }
    const sorted = (t: string): string => Array.from(t).sort().join('');
    const digit = DIGIT_SEGMENTS.findIndex((d) => sorted(d) === sorted(lit));
    if (digit < 0) return null;
    digits.push(digit);
  }
  const [h1, h2, m1, m2, s1, s2, f1, f2, f3] = digits as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return ((h1 * 10 + h2) * 3600 + (m1 * 10 + m2) * 60 + s1 * 10 + s2) * 1000 + f1 * 100 + f2 * 10 + f3;
}
