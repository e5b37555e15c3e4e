// Adaptive resampler that absorbs the clock drift of a source (as Nageru does).
//
// A source pushes interleaved Float32 frames at its nominal rate, but its real clock runs slightly fast or
// slow. The mixer pulls exact blocks on the master clock. A PI loop (DriftController) watches the latency
// (frames queued ahead of the read position, plus the frames the source has produced since its last
// push, from the injected clock) and steers the resampling ratio within ±maxCorrection so that the
// latency stays at `targetMs`. Interpolation is a 16-tap Kaiser-windowed sinc (better than -80 dB at 1 kHz, -60 dB at 16 kHz; 32 taps cost twice the CPU for 8 sources), so the ratio changes
// smoothly and no frame is ever dropped or repeated in normal operation. Its loop runs in the native
// addon when it is built, else in TypeScript, with the same output (sinc-render.ts).
// Faults never throw:
// - underrun (not enough queued for the block): the output fades to silence over `rampMs`, the count goes
//   up, and playback resumes with a fade-in once the queue is back at the target;
// - overrun (latency beyond target + `overrunMs`, e.g. the mixer stopped pulling): the oldest frames are
//   discarded once to come back to the target, and the count goes up;
// - excess (smoothed latency beyond target + `resyncMs`, more than the loop can absorb soon: a stall, a
//   burst): the block fades out, the read position jumps to the target, the next block fades in (counted
//   as an overrun);
// - backlog (for `burstWatchMs` after a start or a jump, the source has pushed more than `burstMs` beyond
//   what the clock says it produced: the rest of a stall's audio still coming out of the pipe, or a
//   source catching up after it froze): the surplus is skipped at once, with the same fades, rather than
//   played late and worked off at the loop's 5 ms per second. Video shows the newest frame; so does audio.

import { DriftController, type DriftControllerOptions } from './drift-controller.js';
import { DriftEstimator } from './drift-estimator.js';
import { FrameRing } from './frame-ring.js';
import { SINC_PHASES, SINC_TAPS, sincRender, type ResampleKernel, type SincRender } from './sinc-render.js';
import { sincDeltaTable, sincTable } from './sinc-table.js';

export interface DriftResamplerOptions extends DriftControllerOptions {
  /** Nominal rate of both the source and the master clock (Hz), default 48000. */
  sampleRate?: number;
  channels?: number;
  /** Target latency, default 100 ms. */
  targetMs?: number;
  /** Excess latency that triggers a discard, default 1000 ms. */
  overrunMs?: number;
  /** Smoothed excess latency beyond which the queue jumps back to the target (with fades), default 60 ms. */
  resyncMs?: number;
  /** Surplus of pushed audio over real time that is a backlog, not jitter (default 40 ms). */
  burstMs?: number;
  /** How long after a start or a jump a backlog is watched for (default 2000 ms). */
  burstWatchMs?: number;
  /** Fade length on underrun and restart, default 5 ms. */
  rampMs?: number;
  /** Clock in seconds (injected in tests), default performance.now() / 1000. */
  now?: () => number;
  /** Interpolation loop: native when the addon is built ('auto', default), or forced. */
  kernel?: ResampleKernel;
}

const TAPS = SINC_TAPS;
const HALF = TAPS / 2;

export class DriftResampler {
  readonly sampleRate: number;
  readonly channels: number;
  private readonly ring: FrameRing;
  private readonly controller: DriftController;
  private readonly estimator: DriftEstimator;
  private readonly table = sincDeltaTable(sincTable(TAPS, SINC_PHASES, 0.9, 8.6));
  private readonly renderBlock: SincRender;
  private readonly lastOut: Float64Array;
  private readonly targetFrames: number;
  private readonly overrunFrames: number;
  private readonly rampFrames: number;
  private readonly resyncSeconds: number;
  private readonly burstFrames: number;
  private readonly burstWatchSeconds: number;
  private readonly now: () => number;
  private pos = HALF - 1; // read position in frames from the oldest queued frame
  private running_ = false; // see `running`
  private fadeIn = 0; // frames of fade-in done since (re)start
  private fadeOut = 0; // frames of fade-out left
  private lastPushTime: number | undefined;
  private lastPushFrames = 0;
  private currentRatio = 1;
  private pendingSkip = 0;
  private sinceRestart = 0; // frames pulled since the error filter restarted
  private underrunCount = 0;
  private overrunCount = 0;
  private discarded = 0;
  // Backlog watch: frames pushed since `watchFrom` (s), the source's production pending at that moment.
  private watchFrom: number | undefined;
  private watchUntil = 0;
  private watchPushed = 0;
  private watchProduced = 0;

  constructor(options: DriftResamplerOptions = {}) {
    this.sampleRate = options.sampleRate ?? 48000;
    this.channels = options.channels ?? 2;
    if (!Number.isInteger(this.channels) || this.channels < 1) throw new RangeError('channels must be >= 1');
    const frames = (ms: number): number => Math.round((ms * this.sampleRate) / 1000);
    this.targetFrames = frames(options.targetMs ?? 100);
    this.overrunFrames = frames(options.overrunMs ?? 1000);
    this.rampFrames = Math.max(1, frames(options.rampMs ?? 5));
    this.resyncSeconds = (options.resyncMs ?? 60) / 1000;
    this.burstFrames = frames(options.burstMs ?? 40);
    this.burstWatchSeconds = (options.burstWatchMs ?? 2000) / 1000;
    this.ring = new FrameRing(this.channels, this.targetFrames + this.overrunFrames + frames(1000) + TAPS);
    this.controller = new DriftController(options);
    this.estimator = new DriftEstimator({ sampleRate: this.sampleRate });
    this.renderBlock = sincRender(options.kernel);
    this.lastOut = new Float64Array(this.channels);
    this.now = options.now ?? ((): number => performance.now() / 1000);
  }

  /**
   * Drift of the source clock against the master, in ppm (+ = source fast): measured over the last two
   * minutes (DriftEstimator), or the loop's own estimate until a minute has been measured.
   */
  get driftPpm(): number {
    return this.estimator.driftPpm ?? this.loopDriftPpm;
  }

  /** The PI loop's integrator, in ppm: what steers the resampler (biased by late ticks under load). */
  get loopDriftPpm(): number {
    return this.controller.drift * 1e6;
  }

  /** Audio queued ahead of the read position now, in ms. */
  get queueMs(): number {
    return ((this.ring.length - (this.running_ ? this.pos : 0)) * 1000) / this.sampleRate;
  }

  /** Smoothed latency the loop regulates (queue plus audio produced since the last push), in ms. */
  get latencyMs(): number {
    return this.running_
      ? (this.targetFrames / this.sampleRate + this.controller.error) * 1000
      : this.queueMs;
  }

  /** Input frames consumed per output frame in the last block. */
  get ratio(): number {
    return this.currentRatio;
  }

  get underruns(): number {
    return this.underrunCount;
  }

  get overruns(): number {
    return this.overrunCount;
  }

  /** Frames discarded by overruns. */
  get discardedFrames(): number {
    return this.discarded;
  }

  /** Queue interleaved frames from the source. */
  push(samples: Float32Array): void {
    const frames = Math.floor(samples.length / this.channels);
    this.lastPushTime = this.now();
    this.lastPushFrames = frames;
    this.estimator.push(frames, this.lastPushTime);
    this.watchPushed += frames;
    const first = Math.max(0, frames - this.ring.capacity);
    const needed = frames - first - this.ring.free;
    if (needed > 0) this.discard(needed);
    this.ring.write(samples, first, frames - first);
    const excess = this.ring.length - (this.running_ ? this.pos : 0) - this.targetFrames;
    if (excess > this.overrunFrames) this.discard(Math.floor(excess));
  }

  private discard(frames: number): void {
    this.ring.drop(frames);
    this.discarded += frames;
    this.overrunCount += 1;
    this.controller.restartFilter();
    this.sinceRestart = 0;
    // Over a second queued: the master stopped pulling (or the source burst), the counts lost their
    // continuity. A resync (below) keeps them: it drops queued audio, not pushed or pulled frames.
    this.estimator.reset();
  }

  /** Fill `out` (interleaved, length a multiple of channels) with the next block on the master clock. */
  pull(out: Float32Array): void {
    const frames = Math.floor(out.length / this.channels);
    if (frames === 0) return;
    const now = this.now();
    this.estimator.pull(frames, now);
    if (!this.running_ && this.ring.length >= this.targetFrames + HALF) {
      // Start exactly at the target: a burst at start (a file read ahead, a device's first buffers) would
      // otherwise make this source's audio late by the burst until the slow loop has worked it off. The
      // target is the latency the loop regulates (queue plus what the source produced since its last
      // push): starting on the queue alone would hand the loop a positive error at every restart, which
      // its integral keeps (after underruns under load: a drift estimate that runs away).
      const extra = this.ring.length - this.targetFrames - HALF + Math.floor(this.producedSincePush(now));
      if (extra > 0) this.ring.drop(Math.min(extra, this.ring.length - HALF - 1));
      this.running_ = true;
      this.fadeIn = 0;
      this.controller.restartFilter();
      this.sinceRestart = 0;
      this.watchBacklog(now);
    }
    if (!this.running_) {
      this.silence(out, frames);
      return;
    }
    const latency = this.ring.length - this.pos + this.producedSincePush(now);
    const error = (latency - this.targetFrames) / this.sampleRate;
    const ratio = 1 + this.controller.update(error, frames / this.sampleRate);
    if (Math.floor(this.pos + (frames - 1) * ratio) + HALF >= this.ring.length) {
      this.underrunCount += 1;
      this.running_ = false;
      this.fadeOut = this.rampFrames;
      this.silence(out, frames);
      return;
    }
    this.currentRatio = ratio;
    this.render(out, frames, ratio);
    const consumed = Math.floor(this.pos) - (HALF - 1);
    if (consumed > 0) {
      this.ring.drop(consumed);
      this.pos -= consumed;
    }
    let jump = this.pendingSkip;
    this.pendingSkip = 0;
    // The smoothed error is trusted once it has seen two seconds of blocks since the last restart.
    this.sinceRestart += frames;
    const excess = this.controller.error;
    if (excess > this.resyncSeconds && this.sinceRestart >= 2 * this.sampleRate)
      jump = Math.max(jump, Math.floor(excess * this.sampleRate));
    const backlog = this.backlog(now);
    if (backlog > 0) jump = Math.max(jump, Math.min(backlog, this.ring.length - Math.ceil(this.pos) - HALF));
    if (jump > 0) {
      this.resync(out, frames, jump);
      this.watchBacklog(now);
    }
  }

  /** Watch for a backlog from now on: the pushes are compared with the clock from here. */
  private watchBacklog(now: number): void {
    this.watchFrom = now;
    this.watchUntil = now + this.burstWatchSeconds;
    this.watchPushed = 0;
    this.watchProduced = this.producedSincePush(now);
  }

  /**
   * Frames pushed beyond real time since the watch began, when that surplus is a backlog (over
   * `burstFrames`), else 0. Late ticks do not count: the source's pushes are compared with the clock,
   * not with what the mixer pulled.
   */
  private backlog(now: number): number {
    if (this.watchFrom === undefined) return 0;
    if (now > this.watchUntil) {
      this.watchFrom = undefined;
      return 0;
    }
    const expected = (now - this.watchFrom) * this.sampleRate;
    const surplus = this.watchPushed + this.producedSincePush(now) - this.watchProduced - expected;
    return surplus > this.burstFrames ? Math.floor(surplus) : 0;
  }

  /** Frames the source has produced since its last push (by the clock, at most that push's size). */
  private producedSincePush(now: number): number {
    if (this.lastPushTime === undefined) return 0;
    return Math.min(Math.max((now - this.lastPushTime) * this.sampleRate, 0), this.lastPushFrames);
  }

  /**
   * The master clock skipped blocks (the process stalled): the audio they would have taken is skipped
   * too, at the end of the next block (with fades), so that audio and video stay together.
   */
  skip(frames: number): void {
    this.estimator.skip(Math.max(0, frames));
    if (this.running_) this.pendingSkip += Math.max(0, Math.floor(frames));
  }

  /**
   * Far too much queued for the loop to absorb in reasonable time (the mixer stalled, a burst after a
   * network hiccup): fade the block out, jump the read position forward to the target, fade back in.
   */
  private resync(out: Float32Array, frames: number, excessFrames: number): void {
    const ch = this.channels;
    const ramp = Math.min(this.rampFrames, frames);
    for (let i = 0; i < ramp; i++) {
      const f = frames - ramp + i;
      const gain = (ramp - 1 - i) / ramp;
      for (let c = 0; c < ch; c++) out[f * ch + c] = (out[f * ch + c] ?? 0) * gain;
    }
    this.lastOut.fill(0);
    const available = Math.max(0, this.ring.length - Math.ceil(this.pos) - HALF);
    this.overrunCount += 1;
    this.controller.restartFilter();
    this.sinceRestart = 0;
    this.fadeIn = 0;
    if (excessFrames > available) {
      // The audio to skip has not all arrived yet (the process stalled: the rest is still in the pipe and
      // comes with the next reads). Empty the queue and start again at the target from what arrives, as at
      // a start: the backlog lands in an idle queue and the start trims it, instead of being played late.
      this.discarded += this.ring.length;
      this.ring.clear();
      this.pos = HALF - 1;
      this.running_ = false;
      return;
    }
    this.ring.drop(excessFrames);
    this.discarded += excessFrames;
  }

  private render(out: Float32Array, frames: number, ratio: number): void {
    const ch = this.channels;
    const ring = this.ring;
    this.pos = this.renderBlock(
      ring.data,
      ring.slot(0),
      ring.mask,
      ch,
      this.table,
      out,
      frames,
      this.pos,
      ratio,
      this.fadeIn,
      this.rampFrames,
    );
    this.fadeIn = Math.min(this.rampFrames, this.fadeIn + frames);
    for (let c = 0; c < ch; c++) this.lastOut[c] = out[(frames - 1) * ch + c] ?? 0;
  }

  /** Silence, after finishing a fade-out from the last output frame if one is under way. */
  private silence(out: Float32Array, frames: number): void {
    const ch = this.channels;
    for (let f = 0; f < frames; f++) {
      const gain = this.fadeOut > 0 ? --this.fadeOut / this.rampFrames : 0;
      for (let c = 0; c < ch; c++) out[f * ch + c] = (this.lastOut[c] ?? 0) * gain;
    }
    if (this.fadeOut === 0) this.lastOut.fill(0);
  }

  /** Playing (false while filling up to the target after a start, clear or underrun). */
  get running(): boolean {
    return this.running_;
  }

  /**
   * Empty the queue (fading out what was playing). The loop keeps its drift estimate (the same clock goes
   * on); the measured drift starts over, as the source's pushes do.
   */
  clear(): void {
    if (this.running_) this.fadeOut = this.rampFrames;
    this.ring.clear();
    this.controller.restartFilter();
    this.sinceRestart = 0;
    this.pos = HALF - 1;
    this.running_ = false;
    this.fadeIn = 0;
    this.pendingSkip = 0;
    this.lastPushTime = undefined;
    this.watchFrom = undefined;
    this.estimator.reset();
  }

  /** Empty the queue and restart the loop (drift estimate included). */
  reset(): void {
    this.ring.clear();
    this.controller.reset();
    this.pos = HALF - 1;
    this.running_ = false;
    this.fadeIn = 0;
    this.fadeOut = 0;
    this.lastOut.fill(0);
    this.lastPushTime = undefined;
    this.currentRatio = 1;
    this.pendingSkip = 0;
    this.watchFrom = undefined;
    this.estimator.reset();
  }
}
