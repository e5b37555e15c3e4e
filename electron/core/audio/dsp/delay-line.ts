// Per-source sync offset ("audio delay", like OBS's sync offset): a delay of 0 to `maxDelayMs`.
//
// Samples are interleaved Float32Array frames, processed in place (or into `output`). A change of delay
// never jumps: the output crossfades linearly from the old tap to the new one over `crossfadeMs`. A change
// requested during a crossfade waits for it to finish (latest request wins), so at most two taps are ever
// mixed and the output stays continuous.

export interface DelayLineOptions {
  sampleRate?: number;
  channels?: number;
  /** Largest delay, default 2000 ms. */
  maxDelayMs?: number;
  /** Crossfade on a change of delay, default 20 ms (0 switches at once: for tests only). */
  crossfadeMs?: number;
  /** Initial delay, default 0. */
  delayMs?: number;
}

export class DelayLine {
  readonly sampleRate: number;
  readonly channels: number;
  private readonly maxFrames: number;
  private readonly fadeFrames: number;
  private readonly buffer: Float32Array;
  private readonly length: number; // frames in the buffer
  private write = 0; // next frame slot to write
  private current: number; // delay in frames
  private target: number;
  private pending: number | undefined;
  private fadeDone = 0;

  constructor(options: DelayLineOptions = {}) {
    this.sampleRate = options.sampleRate ?? 48000;
    this.channels = options.channels ?? 2;
    if (!Number.isInteger(this.channels) || this.channels < 1) throw new RangeError('channels must be >= 1');
    this.maxFrames = Math.round(((options.maxDelayMs ?? 2000) * this.sampleRate) / 1000);
    this.fadeFrames = Math.round(((options.crossfadeMs ?? 20) * this.sampleRate) / 1000);
    this.length = this.maxFrames + 1;
    this.buffer = new Float32Array(this.length * this.channels);
    this.current = this.toFrames(options.delayMs ?? 0);
    this.target = this.current;
  }

  private toFrames(ms: number): number {
    const frames = Math.round((ms * this.sampleRate) / 1000);
    return Number.isFinite(frames) ? Math.min(Math.max(frames, 0), this.maxFrames) : 0;
  }

  /** Delay the output reaches (once a crossfade in progress, or pending, completes), in ms. */
  get delayMs(): number {
    return ((this.pending ?? this.target) * 1000) / this.sampleRate;
  }

  /** Set the delay (clamped to 0..maxDelayMs, rounded to a frame). */
  setDelayMs(ms: number): void {
    const frames = this.toFrames(ms);
    if (this.current !== this.target) {
      this.pending = frames;
    } else if (frames !== this.current) {
      this.startFade(frames);
    }
  }

  private startFade(frames: number): void {
    this.pending = undefined;
    if (this.fadeFrames === 0) {
      this.current = frames;
      this.target = frames;
      return;
    }
    this.target = frames;
    this.fadeDone = 0;
  }

  /** Delay `input` into `output` (default: in place). Both interleaved, same length. */
  process(input: Float32Array, output: Float32Array = input): void {
    const ch = this.channels;
    const frames = Math.floor(input.length / ch);
    // Steady delay (no crossfade): two block copies, the same samples as the loop below gives.
    if (this.current === this.target && frames + this.current <= this.length) {
      const read = this.write - this.current;
      this.copyIn(input, frames);
      this.copyOut(output, frames, read < 0 ? read + this.length : read);
      this.write = (this.write + frames) % this.length;
      return;
    }
    const buf = this.buffer;
    const len = this.length;
    for (let f = 0; f < frames; f++) {
      const w = this.write * ch;
      for (let c = 0; c < ch; c++) buf[w + c] = input[f * ch + c] ?? 0;
      let from = this.write - this.current;
      if (from < 0) from += len;
      if (this.current === this.target) {
        for (let c = 0; c < ch; c++) output[f * ch + c] = buf[from * ch + c] ?? 0;
      } else {
        let to = this.write - this.target;
        if (to < 0) to += len;
        const g = ++this.fadeDone / (this.fadeFrames + 1);
        for (let c = 0; c < ch; c++) {
          const a = buf[from * ch + c] ?? 0;
          output[f * ch + c] = a + g * ((buf[to * ch + c] ?? 0) - a);
        }
        if (this.fadeDone >= this.fadeFrames) this.endFade();
      }
      this.write = this.write + 1 === len ? 0 : this.write + 1;
    }
  }

  /** Input frames into the ring from the write slot on (wrapping). */
  private copyIn(input: Float32Array, frames: number): void {
    const ch = this.channels;
    const first = Math.min(frames, this.length - this.write);
    this.buffer.set(input.subarray(0, first * ch), this.write * ch);
    if (first < frames) this.buffer.set(input.subarray(first * ch, frames * ch), 0);
  }

  /** Frames from ring slot `from` on (wrapping) into `output`. */
  private copyOut(output: Float32Array, frames: number, from: number): void {
    const ch = this.channels;
    const first = Math.min(frames, this.length - from);
    output.set(this.buffer.subarray(from * ch, (from + first) * ch), 0);
    if (first < frames) output.set(this.buffer.subarray(0, (frames - first) * ch), first * ch);
  }

  private endFade(): void {
    this.current = this.target;
    if (this.pending !== undefined && this.pending !== this.current) this.startFade(this.pending);
    else this.pending = undefined;
  }

  /** Clear the delayed audio (silence), keep the delay. */
  reset(): void {
    this.buffer.fill(0);
    if (this.pending !== undefined) this.target = this.pending;
    this.current = this.target;
    this.pending = undefined;
  }
}
