// The slides track's frame of a tick: the source's frame as it is (full frame, already at the program size),
// its no-signal slate when it has no signal, or black when there is nothing to show (the slate not rendered
// yet). Copied: the source's frame is only valid until the next tick, and the encoder's pipe may still hold it.
import type { I420Frame } from '../../../native/index.js';

/** Limited-range black: Y 16, U and V 128. */
function fillBlack(dst: Buffer): void {
  const luma = (dst.length * 2) / 3;
  dst.fill(16, 0, luma);
  dst.fill(128, luma);
}

export function fillSlides(dst: Buffer, frame: I420Frame | null): void {
  if (frame !== null && frame.data.byteLength === dst.length) dst.set(frame.data);
  else fillBlack(dst);
}
