// Turns the scene (and the transition in progress) into a draw list and runs it through the native
// compositor into the program frame. The renderer owns the program buffers (reused every frame).
import type { I420Frame, DrawOp, Yuv } from '../../../native/index.js';
import { BLACK, allocFrame, compose } from '../../../native/index.js';
import type { Slot } from '../../shared/layout.js';
import { ease, morphSlots } from '../../shared/layout.js';

export type TransitionType = 'cut' | 'fade' | 'morph';

export interface Transition {
  type: TransitionType;
  ms: number;
}

/** Where the pixels of a source come from this frame: its newest frame or its slate. */
export type FrameLookup = (source: string) => I420Frame | null;

const BORDER: Yuv = { y: 235, u: 128, v: 128 };

/** True when `r` covers the whole width x height frame. */
function coversFrame(r: Slot['rect'], width: number, height: number): boolean {
  return r.x <= 0 && r.y <= 0 && r.x + r.w >= width && r.y + r.h >= height;
}

/**
 * The draw list of a frame: a black background, then each slot in order. Work that would be covered is
 * left out: everything under the last slot that fills the whole frame with a picture (the background
 * included, which saves a full-frame fill per frame in the usual layouts).
 */
export function drawOps(
  slots: readonly Slot[],
  lookup: FrameLookup,
  width: number,
  height: number,
): DrawOp[] {
  const frames = slots.map((slot) => lookup(slot.source));
  let first = -1;
  for (let i = slots.length - 1; i >= 0 && first < 0; i--) {
    const slot = slots[i];
    if (slot !== undefined && (frames[i] ?? null) !== null && coversFrame(slot.rect, width, height))
      first = i;
  }
  const ops: DrawOp[] =
    first < 0 ? [{ op: 'fill', rect: { x: 0, y: 0, w: width, h: height }, color: BLACK }] : [];
  for (let i = Math.max(0, first); i < slots.length; i++) {
    const slot = slots[i];
    const src = frames[i];
    if (slot === undefined || src === undefined || src === null) continue;
    const r = slot.rect;
    if (src.width === r.w && src.height === r.h) ops.push({ op: 'blit', src, x: r.x, y: r.y });
    else ops.push({ op: 'scale', src, dstRect: r });
    if (slot.border > 0) ops.push({ op: 'border', rect: r, thickness: slot.border, color: BORDER });
  }
  return ops;
}

export class ProgramRenderer {
  private readonly scratch: I420Frame;
  private slots: Slot[] = [];
  private previous: Slot[] = [];
  private transition: (Transition & { startedAt: number }) | null = null;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.scratch = allocFrame(width, height);
  }

  get inTransition(): boolean {
    return this.transition !== null;
  }

  /** New slots; with a fade or morph the change animates from what is on screen now. */
  setSlots(slots: Slot[], transition: Transition, now: number): void {
    if (transition.type === 'cut' || transition.ms <= 0) {
      this.slots = slots;
      this.previous = [];
      this.transition = null;
      return;
    }
    this.previous = this.transition?.type === 'morph' ? this.currentMorph(now) : this.slots;
    this.slots = slots;
    this.transition = { ...transition, startedAt: now };
  }

  /** Composes the program frame for time `now` (ms, the clock's time base) into `dst`. */
  render(dst: I420Frame, lookup: FrameLookup, now: number): void {
    const t = this.transition;
    if (t === null) {
      compose(dst, drawOps(this.slots, lookup, this.width, this.height));
      return;
    }
    const progress = (now - t.startedAt) / t.ms;
    if (progress >= 1) {
      this.transition = null;
      this.previous = [];
      this.render(dst, lookup, now);
      return;
    }
    if (t.type === 'morph') {
      compose(
        dst,
        drawOps(morphSlots(this.previous, this.slots, ease(progress)), lookup, this.width, this.height),
      );
      return;
    }
    // fade: the old composite in the scratch frame, the new one in dst, then mix them in place.
    compose(this.scratch, drawOps(this.previous, lookup, this.width, this.height));
    compose(dst, [
      ...drawOps(this.slots, lookup, this.width, this.height),
      { op: 'crossfade', a: this.scratch, b: dst, t: ease(progress) },
    ]);
  }

  private currentMorph(now: number): Slot[] {
    const t = this.transition;
    if (t === null) return this.slots;
    return morphSlots(this.previous, this.slots, ease((now - t.startedAt) / t.ms));
  }
}
