// The draw operations that compose() runs in one native call, discriminated by `op`.
import type { I420Frame, Rect, Yuv, YuvaFrame } from './frame.js';

/** Fill a rectangle (luma exact; chroma on every 2x2 block the rectangle touches). */
export interface FillOp {
  readonly op: 'fill';
  readonly rect: Rect;
  readonly color: Yuv;
}

/** A frame `thickness` pixels wide drawn inside `rect`. */
export interface BorderOp {
  readonly op: 'border';
  readonly rect: Rect;
  readonly thickness: number;
  readonly color: Yuv;
}

/** 1:1 copy of `src` (or `srcRect` of it) with its top-left at (x, y). Positions snap to even. */
export interface BlitOp {
  readonly op: 'blit';
  readonly src: I420Frame;
  readonly x: number;
  readonly y: number;
  readonly srcRect?: Rect;
}

/** `src` (or `srcRect` of it) scaled into `dstRect`: area filter when shrinking, bilinear when growing. */
export interface ScaleOp {
  readonly op: 'scale';
  readonly src: I420Frame;
  readonly dstRect: Rect;
  readonly srcRect?: Rect;
}

/** Alpha overlay of a YUVA image at (x, y) (snapped to even), times `alpha` in [0, 1] (default 1). */
export interface OverlayOp {
  readonly op: 'overlay';
  readonly src: YuvaFrame;
  readonly x: number;
  readonly y: number;
  readonly alpha?: number;
}

/** dst = a * (1 - t) + b * t; a and b have the destination's size and may be the destination. */
export interface CrossfadeOp {
  readonly op: 'crossfade';
  readonly a: I420Frame;
  readonly b: I420Frame;
  readonly t: number;
}

export type DrawOp = FillOp | BorderOp | BlitOp | ScaleOp | OverlayOp | CrossfadeOp;
