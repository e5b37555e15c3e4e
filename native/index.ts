// Typed wrapper of the native compositor: pixel kernels on I420 frames, run in place on the
// destination's memory. Layouts and timing live in TypeScript and arrive here as DrawOp lists.
//
// Conventions of every kernel: rectangles are in luma pixels, rounded, and clipped to the frames;
// blit and overlay positions snap down to even (the chroma grid); wrong types throw a TypeError and
// bad sizes a RangeError, before anything is drawn.
import type { DrawOp } from './draw-ops.js';
import type { I420Frame, Rect, Yuv, YuvaFrame } from './frame.js';
import { loadAddon } from './load.js';

export type { BlitOp, BorderOp, CrossfadeOp, DrawOp, FillOp, OverlayOp, ScaleOp } from './draw-ops.js';
export type { I420Frame, PlaneOffsets, Rect, Yuv, YuvaFrame } from './frame.js';
export { allocFrame, allocYuva, BLACK, planeOffsets, rgbToYuv } from './frame.js';
export { findAddon } from './load.js';

/** Fills `rect` with `color`. */
export function fill(dst: I420Frame, rect: Rect, color: Yuv): void {
  loadAddon().fill(dst, rect, color);
}

/** Draws a frame `thickness` pixels wide inside `rect` (a thickness of half the rect or more fills it). */
export function border(dst: I420Frame, rect: Rect, thickness: number, color: Yuv): void {
  loadAddon().border(dst, rect, thickness, color);
}

/** Copies `src` (or `srcRect` of it) 1:1 with its top-left at (x, y). */
export function blit(dst: I420Frame, src: I420Frame, x: number, y: number, srcRect?: Rect): void {
  loadAddon().blit(dst, src, x, y, srcRect);
}

/** Scales `src` (or `srcRect` of it) into `dstRect`: area filter when shrinking, bilinear when growing. */
export function scale(dst: I420Frame, dstRect: Rect, src: I420Frame, srcRect?: Rect): void {
  loadAddon().scale(dst, dstRect, src, srcRect);
}

/** Blends the YUVA image `src` at (x, y), its alpha multiplied by `alpha` in [0, 1]. */
export function overlay(dst: I420Frame, src: YuvaFrame, x: number, y: number, alpha = 1): void {
  loadAddon().overlay(dst, src, x, y, alpha);
}

/** dst = a * (1 - t) + b * t, t in [0, 1] (clamped); dst may be a or b. t = 0 gives a, t = 1 gives b exactly. */
export function crossfade(dst: I420Frame, a: I420Frame, b: I420Frame, t: number): void {
  loadAddon().crossfade(dst, a, b, t);
}

/** Runs a whole draw list in one native call; every op is validated before the first one draws. */
export function compose(dst: I420Frame, ops: readonly DrawOp[]): void {
  loadAddon().compose(dst, ops);
}

/** Splits big kernels (about 720p and up) across 2 threads (default) or runs everything on 1. */
export function setThreads(n: 1 | 2): void {
  loadAddon().setThreads(n);
}

export function getThreads(): number {
  return loadAddon().getThreads();
}

/** True when the addon is built and loads. */
export function isCompositorAvailable(): boolean {
  try {
    loadAddon();
    return true;
  } catch {
    return false;
  }
}
