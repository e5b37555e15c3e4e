// A source's audio on its way to the program: 48 kHz stereo s16 PCM arriving in pipe-sized chunks,
// pulled by the clock one block per frame. Underruns are filled with silence and overruns trimmed,
// both counted. (Drift compensation by adaptive resampling sits in front of this queue.)
export const SAMPLE_RATE = 48_000;
export const CHANNELS = 2;

export class AudioQueue {
  private chunks: Int16Array[] = [];
  private head = 0;
  private queued = 0;
  private pending: Buffer | null = null;
  underruns = 0;
  overruns = 0;

  constructor(
    private readonly maxMs = 500,
    private readonly trimToMs = 100,
  ) {}

  /** Queued audio in ms. */
  get queueMs(): number {
    return (this.queued / CHANNELS / SAMPLE_RATE) * 1000;
  }

  /** Raw s16le bytes from the pipe (any length; an odd trailing byte waits for the next chunk). */
  pushBytes(chunk: Buffer): void {
    let data = chunk;
    if (this.pending) {
      data = Buffer.concat([this.pending, chunk]);
      this.pending = null;
    }
    const usable = data.length - (data.length % (2 * CHANNELS));
    if (usable < data.length) this.pending = Buffer.from(data.subarray(usable));
    if (usable === 0) return;
    const copy = new Int16Array(usable / 2);
    Buffer.from(copy.buffer).set(data.subarray(0, usable));
    this.chunks.push(copy);
    this.queued += copy.length;
    const max = (this.maxMs / 1000) * SAMPLE_RATE * CHANNELS;
    if (this.queued > max) {
      this.overruns += 1;
      this.discard(this.queued - (this.trimToMs / 1000) * SAMPLE_RATE * CHANNELS);
    }
  }

  /** Fills `out` (interleaved samples) and returns how many samples were real audio. */
  pull(out: Int16Array): number {
    let written = 0;
    while (written < out.length && this.chunks.length > 0) {
      const chunk = this.chunks[0] as Int16Array;
      const n = Math.min(out.length - written, chunk.length - this.head);
      out.set(chunk.subarray(this.head, this.head + n), written);
      written += n;
      this.head += n;
      this.queued -= n;
      if (this.head >= chunk.length) {
        this.chunks.shift();
        this.head = 0;
      }
    }
    if (written < out.length) {
      out.fill(0, written);
      if (written > 0 || this.queued === 0) this.underruns += written < out.length ? 1 : 0;
    }
    return written;
  }

  clear(): void {
    this.chunks = [];
    this.head = 0;
    this.queued = 0;
    this.pending = null;
  }

  private discard(samples: number): void {
    let left = Math.floor(samples / CHANNELS) * CHANNELS;
    while (left > 0 && this.chunks.length > 0) {
      const chunk = this.chunks[0] as Int16Array;
      const n = Math.min(left, chunk.length - this.head);
      this.head += n;
      this.queued -= n;
      left -= n;
      if (this.head >= chunk.length) {
        this.chunks.shift();
        this.head = 0;
      }
    }
  }
}
