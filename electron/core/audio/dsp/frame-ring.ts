// A FIFO of interleaved frames in a power-of-two ring. Frames are addressed relative to the oldest one,
// so readers can look back (interpolation history) and ahead without copying. Every frame is stored
// twice (at slot and slot + capacity), so any run of up to `capacity` frames starting at a slot is
// contiguous in `data`: an interpolator reads its window without wrapping.

export class FrameRing {
  readonly channels: number;
  readonly capacity: number; // frames, a power of two
  readonly mask: number;
  /** 2 × capacity frames: the ring, then its mirror. */
  readonly data: Float32Array;
  private head = 0; // index of the oldest frame
  private count = 0;

  constructor(channels: number, minFrames: number) {
    this.channels = channels;
    let capacity = 1;
    while (capacity < minFrames) capacity *= 2;
    this.capacity = capacity;
    this.mask = capacity - 1;
    this.data = new Float32Array(2 * capacity * channels);
  }

  /** Frames queued. */
  get length(): number {
    return this.count;
  }

  /** Ring slot of the frame `offset` frames after the oldest one (multiply by channels to index data). */
  slot(offset: number): number {
    return (this.head + offset) & this.mask;
  }

  /** Append interleaved frames. The caller makes room first (see `free`); extra frames are ignored. */
  write(samples: Float32Array, firstFrame = 0, frames = Math.floor(samples.length / this.channels)): void {
    const ch = this.channels;
    const n = Math.min(frames, this.capacity - this.count);
    let done = 0;
    while (done < n) {
      const slot = (this.head + this.count + done) & this.mask;
      const run = Math.min(n - done, this.capacity - slot);
      const from = (firstFrame + done) * ch;
      const part = samples.subarray(from, from + run * ch);
      this.data.set(part, slot * ch);
      this.data.set(part, (slot + this.capacity) * ch);
      done += run;
    }
    this.count += n;
  }

  /** Room left, in frames. */
  get free(): number {
    return this.capacity - this.count;
  }

  /** Forget the `frames` oldest frames. */
  drop(frames: number): void {
    const n = Math.min(Math.max(0, Math.floor(frames)), this.count);
    this.head = (this.head + n) & this.mask;
    this.count -= n;
  }

  clear(): void {
    this.head = 0;
    this.count = 0;
  }
}
