// compose() runs a draw list in one call: it must give exactly what the same calls give one by one,
// and splitting kernels across threads must not change a single byte.
import { afterEach, describe, expect, it } from 'vitest';

import {
  allocFrame,
  blit,
  border,
  compose,
  crossfade,
  fill,
  getThreads,
  overlay,
  rgbToYuv,
  scale,
  setThreads,
} from '../index.js';
import type { DrawOp, I420Frame } from '../index.js';
import { firstDiff, randomFrame, randomYuva } from './helpers.js';

function runSequentially(dst: I420Frame, ops: readonly DrawOp[]): void {
  for (const op of ops) {
    switch (op.op) {
      case 'fill':
        fill(dst, op.rect, op.color);
        break;
      case 'border':
        border(dst, op.rect, op.thickness, op.color);
        break;
      case 'blit':
        blit(dst, op.src, op.x, op.y, op.srcRect);
        break;
      case 'scale':
        scale(dst, op.dstRect, op.src, op.srcRect);
        break;
      case 'overlay':
        overlay(dst, op.src, op.x, op.y, op.alpha);
        break;
      case 'crossfade':
        crossfade(dst, op.a, op.b, op.t);
        break;
    }
  }
}

/** A lecture layout: slides large, speaker small beside them, a logo, a lower third. */
function lectureOps(w: number, h: number): DrawOp[] {
  const slides = randomFrame(1280, 720, 1);
  const speaker = randomFrame(640, 360, 2);
  const logo = randomYuva(160, 80, 3);
  const previous = randomFrame(w, h, 4);
  const accent = rgbToYuv(230, 120, 20);
  return [
    { op: 'fill', rect: { x: 0, y: 0, w, h }, color: rgbToYuv(20, 24, 32) },
    { op: 'scale', src: slides, dstRect: { x: w * 0.02, y: h * 0.1, w: w * 0.66, h: h * 0.66 } },
    {
      op: 'border',
      rect: { x: w * 0.02 - 3, y: h * 0.1 - 3, w: w * 0.66 + 6, h: h * 0.66 + 6 },
      thickness: 3,
      color: accent,
    },
    { op: 'scale', src: speaker, dstRect: { x: w * 0.7, y: h * 0.1, w: w * 0.28, h: h * 0.28 } },
    {
      op: 'scale',
      src: speaker,
      dstRect: { x: w * 0.7, y: h * 0.45, w: w * 0.28, h: h * 0.28 },
      srcRect: { x: 100, y: 50, w: 300, h: 200 },
    },
    { op: 'blit', src: speaker, x: w - 200, y: h - 100, srcRect: { x: 0, y: 0, w: 180, h: 90 } },
    { op: 'overlay', src: logo, x: w - 180, y: 20 },
    { op: 'overlay', src: logo, x: 20, y: h - 100, alpha: 0.6 },
    { op: 'crossfade', a: previous, b: previous, t: 0.3 },
  ];
}

describe('compose', () => {
  afterEach(() => setThreads(2));

  it('equals the same calls made one by one (small frame)', () => {
    const ops = lectureOps(320, 180);
    const a = allocFrame(320, 180);
    const b = allocFrame(320, 180);
    compose(a, ops.slice(0, -1));
    runSequentially(b, ops.slice(0, -1));
    expect(firstDiff(a.data, b.data)).toBe(-1);
  });

  it('equals the same calls made one by one (1080p, with a crossfade into dst)', () => {
    const ops = lectureOps(1920, 1080);
    const fade: DrawOp[] = [...ops.slice(0, -1)];
    const a = allocFrame(1920, 1080);
    const b = allocFrame(1920, 1080);
    const other = randomFrame(1920, 1080, 9);
    fade.push({ op: 'crossfade', a, b: other, t: 0.25 });
    compose(a, fade);
    runSequentially(b, [...ops.slice(0, -1), { op: 'crossfade', a: b, b: other, t: 0.25 }]);
    expect(firstDiff(a.data, b.data)).toBe(-1);
  });

  it('gives the same bytes on one thread and on two', () => {
    const ops = lectureOps(1920, 1080);
    setThreads(1);
    expect(getThreads()).toBe(1);
    const one = allocFrame(1920, 1080);
    compose(one, ops);
    const up1 = allocFrame(1920, 1080);
    scale(up1, { x: 0, y: 0, w: 1920, h: 1080 }, randomFrame(1280, 720, 5));
    setThreads(2);
    const two = allocFrame(1920, 1080);
    compose(two, ops);
    const up2 = allocFrame(1920, 1080);
    scale(up2, { x: 0, y: 0, w: 1920, h: 1080 }, randomFrame(1280, 720, 5));
    expect(firstDiff(one.data, two.data)).toBe(-1);
    expect(firstDiff(up1.data, up2.data)).toBe(-1);
  });

  it('accepts an empty list', () => {
    const f = randomFrame(16, 16, 1);
    const before = f.data.slice();
    compose(f, []);
    expect(firstDiff(f.data, before)).toBe(-1);
  });
});
