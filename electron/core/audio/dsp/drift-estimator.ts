// Long-window measurement of a source's clock drift against the master clock, for display.
//
// The PI loop's integrator (DriftController) steers the resampler well, but as a reading it is biased
// under CPU load: late ticks and late pipe reads feed its integral (a 200 ppm source read 283 ppm over
// 10 minutes on a loaded machine). This estimator measures the drift directly: the slope of the input
// frames pushed against the master frames pulled (and skipped), over the last `windowSeconds`.
//
// Both counts are compared with the nominal rate on the injected clock t:
//   p(t) = frames pushed - rate·t, sampled at each push (after it),
//   m(t) = master frames - rate·t, sampled at each pull (before its block: the tick's own position).
// Lateness only ever lowers them (a pipe read or a tick that runs late has less to show for the time),
// so each 5-second bucket keeps their maxima, the most punctual push and tick of those seconds: bursts,
// jitter and stalls shorter than a bucket vanish, and the maximum of a hundred pushes is within a
// fraction of a millisecond of the on-time line. The drift is the Theil–Sen slope (median of the
// slopes between all pairs of buckets) of D = max p - max m against the time of each bucket's best push
// (not the bucket's start: a fast source's p climbs within a bucket), and a bucket that stayed stalled
// as a whole is an outlier it ignores. Until `minSeconds` of buckets exist, after `warmupSeconds` from the first
// push since a reset (a starting source delivers in bursts), there is no estimate.

export interface DriftEstimatorOptions {
  sampleRate?: number;
  /** Seconds of buckets the slope is measured over, default 120. */
  windowSeconds?: number;
  /** Seconds ignored after the first push since a reset, default 5. */
  warmupSeconds?: number;
  /** Seconds of buckets needed before there is an estimate, default 60. */
  minSeconds?: number;
  /** Bucket length in seconds, default 5. */
  bucketSeconds?: number;
}

export class DriftEstimator {
  private readonly rate: number;
  private readonly windowBuckets: number;
  private readonly warmup: number;
  private readonly minBuckets: number;
  private readonly bucket: number;
  private pushed = 0;
  private master = 0;
  private start: number | undefined;
  private current = -1;
  private pushMax = -Infinity;
  private pushMaxAt = 0;
  private pullMax = -Infinity;
  private readonly index: number[] = []; // bucket numbers
  private readonly at: number[] = []; // time of each bucket's best push, seconds after start
  private readonly offset: number[] = []; // D of each bucket, frames
  private cached: number | undefined;
  private dirty = false;

  constructor(options: DriftEstimatorOptions = {}) {
    this.rate = options.sampleRate ?? 48000;
    this.bucket = options.bucketSeconds ?? 5;
    this.windowBuckets = Math.max(2, Math.round((options.windowSeconds ?? 120) / this.bucket));
    this.warmup = options.warmupSeconds ?? 5;
    this.minBuckets = Math.max(2, Math.round((options.minSeconds ?? 60) / this.bucket));
  }

  /** `frames` input frames arrived at time t (seconds). */
  push(frames: number, t: number): void {
    if (this.start === undefined) this.start = t;
    this.pushed += frames;
    const p = this.pushed - this.rate * (t - this.start);
    if (this.enter(t) && p > this.pushMax) {
      this.pushMax = p;
      this.pushMaxAt = t - this.start;
    }
  }

  /** The master clock takes `frames` frames at time t (seconds). */
  pull(frames: number, t: number): void {
    if (this.start !== undefined && this.enter(t)) {
      this.pullMax = Math.max(this.pullMax, this.master - this.rate * (t - this.start));
    }
    this.master += frames;
  }

  /** The master clock skipped `frames` frames (its ticks ran too late): its position moves on. */
  skip(frames: number): void {
    this.master += frames;
  }

  /** Forget everything (the source restarted, or the counts lost their continuity). */
  reset(): void {
    this.pushed = 0;
    this.master = 0;
    this.start = undefined;
    this.current = -1;
    this.pushMax = -Infinity;
    this.pullMax = -Infinity;
    this.index.length = 0;
    this.at.length = 0;
    this.offset.length = 0;
    this.cached = undefined;
    this.dirty = false;
  }

  /** Seconds of completed buckets in the window. */
  get seconds(): number {
    return this.index.length * this.bucket;
  }

  /** Drift of the source against the master clock in ppm (+ = source fast), or undefined (too early). */
  get driftPpm(): number | undefined {
    if (this.dirty) {
      this.cached = this.estimate();
      this.dirty = false;
    }
    return this.cached;
  }

  /** Moves to t's bucket (closing the previous one); false during the warm-up. */
  private enter(t: number): boolean {
    if (this.start === undefined) return false;
    const since = t - this.start - this.warmup;
    if (since < 0) return false;
    const b = Math.floor(since / this.bucket);
    if (b <= this.current) return true; // same bucket (or a clock that stepped back)
    if (this.current >= 0 && Number.isFinite(this.pushMax) && Number.isFinite(this.pullMax)) {
      this.index.push(this.current);
      this.at.push(this.pushMaxAt);
      this.offset.push(this.pushMax - this.pullMax);
      this.dirty = true;
    }
    while (this.index.length > 0 && (this.index[0] ?? 0) <= b - this.windowBuckets) {
      this.index.shift();
      this.at.shift();
      this.offset.shift();
      this.dirty = true;
    }
    this.current = b;
    this.pushMax = -Infinity;
    this.pullMax = -Infinity;
    return true;
  }

  private estimate(): number | undefined {
    const n = this.index.length;
    if (n < this.minBuckets) return undefined;
    const slopes: number[] = [];
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const dt = ((this.at[j] ?? 0) - (this.at[i] ?? 0)) * this.rate;
        slopes.push(((this.offset[j] ?? 0) - (this.offset[i] ?? 0)) / dt);
      }
    }
    slopes.sort((a, b) => a - b);
    const mid = slopes.length >> 1;
    const median =
      slopes.length % 2 === 1 ? (slopes[mid] ?? 0) : ((slopes[mid - 1] ?? 0) + (slopes[mid] ?? 0)) / 2;
    return median * 1e6;
  }
}
