// A source's audio on its way to the program: 48 kHz stereo s16 PCM arriving in pipe-sized chunks,
// pulled by the master clock one block per frame. The queue absorbs the source's clock drift by adaptive
// resampling driven by its fill (DriftResampler: a slow PI loop steering a windowed-sinc interpolator, as
// Nageru does), so no block is ever dropped or inserted in normal running. Underruns fade to silence and
// overruns discard once back to the target; both are counted.
import { DriftResampler } from '../audio/dsp/drift-resampler.js';
import { floatToS16, s16ToFloat } from '../audio/dsp/pcm.js';

export const SAMPLE_RATE = 48_000;
export const CHANNELS = 2;
/** Audio held in the queue in steady state: absorbs pipe chunking and event-loop jitter. */
export const AUDIO_QUEUE_TARGET_MS = 100;

export interface AudioQueueOptions {
  targetMs?: number;
  /** Excess over the target that is discarded at once (a stalled mixer), default 1000 ms. */
  overrunMs?: number;
  /** Clock in seconds (tests), default performance.now() / 1000. */
  now?: () => number;
}

const round1 = (v: number): number => Math.round(v * 10) / 10;

export class AudioQueue {
  private readonly resampler: DriftResampler;
  private pending: Buffer | null = null;
  private input = new Float32Array(0);
  private output = new Float32Array(0);
  readonly targetMs: number;

  constructor(options: AudioQueueOptions = {}) {
    this.targetMs = options.targetMs ?? AUDIO_QUEUE_TARGET_MS;
    this.resampler = new DriftResampler({
      sampleRate: SAMPLE_RATE,
      channels: CHANNELS,
      targetMs: this.targetMs,
      ...(options.overrunMs !== undefined ? { overrunMs: options.overrunMs } : {}),
      ...(options.now ? { now: options.now } : {}),
    });
  }

  /** Queued audio ahead of the read position, in ms. */
  get queueMs(): number {
    return round1(this.resampler.queueMs);
  }

  /**
   * Drift of the source's audio clock against the master clock, in ppm (+ = source fast): measured over
   * the last two minutes, or the resampler loop's estimate until enough has been measured.
   */
  get driftPpm(): number {
    return round1(this.resampler.driftPpm);
  }

  /** The resampler loop's own drift estimate, in ppm (what steers it; biased under load). */
  get loopDriftPpm(): number {
    return round1(this.resampler.loopDriftPpm);
  }

  get underruns(): number {
    return this.resampler.underruns;
  }

  get overruns(): number {
    return this.resampler.overruns;
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
    const n = usable / 2;
    if (this.input.length < n) this.input = new Float32Array(n);
    const input = this.input;
    // s16le through an Int16Array view (little-endian hosts: every platform the app ships on).
    const aligned = data.byteOffset % 2 === 0 ? data : Buffer.from(data);
    const s16 = new Int16Array(aligned.buffer, aligned.byteOffset, n);
    s16ToFloat(s16, input, n);
    this.resampler.push(input.subarray(0, n));
  }

  /** Fills `out` (interleaved float samples, 1.0 = full scale) with the next block on the master clock. */
  pullFloat(out: Float32Array): void {
    this.resampler.pull(out);
  }

  /** Fills `out` (interleaved s16 samples) with the next block; returns how many samples were audio. */
  pull(out: Int16Array): number {
    if (this.output.length < out.length) this.output = new Float32Array(out.length);
    const f = this.output.subarray(0, out.length);
    const before = this.resampler.underruns;
    this.resampler.pull(f);
    floatToS16(f, out, out.length);
    return this.resampler.underruns > before || !this.resampler.running ? 0 : out.length;
  }

  /** The master clock skipped ticks: skip the audio they would have taken (keeps lip-sync). */
  skip(frames: number): void {
    this.resampler.skip(frames);
  }

  /** Forget the queued audio (the source restarted); the loop's drift estimate is kept (same device clock). */
  clear(): void {
    this.pending = null;
    this.resampler.clear();
  }
}
