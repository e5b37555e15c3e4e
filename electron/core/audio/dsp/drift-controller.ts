// PI loop that turns a queue-fill error into a resampling correction (the Nageru / zita-ajbridge idea).
//
// The error e (seconds of audio queued beyond the target) is first smoothed by a one-pole low-pass
// (`filterSeconds`), then c = Kp·e + Ki·∫e dt, clamped to ±maxCorrection. The resampler consumes
// (1 + c) input frames per output frame, so the fill obeys de/dt = drift - c: a second-order loop with
// natural frequency ωn = 2π·loopHz (Ki = ωn², Kp = 2·damping·ωn). In steady state the integral equals
// the source's clock drift, which is what `drift` reports.

export interface DriftControllerOptions {
  /** Loop natural frequency in Hz (default 0.02: settles in about a minute, ignores jitter). */
  loopHz?: number;
  /** Damping ratio (default 0.8). */
  damping?: number;
  /** Time constant of the error low-pass in seconds (default 0.5). */
  filterSeconds?: number;
  /** Largest correction, as a fraction (default 0.005 = ±0.5 %). */
  maxCorrection?: number;
}

export class DriftController {
  private readonly kp: number;
  private readonly ki: number;
  private readonly tau: number;
  private readonly max: number;
  private integral = 0;
  private filtered: number | undefined;
  private last = 0;

  constructor(options: DriftControllerOptions = {}) {
    const wn = 2 * Math.PI * (options.loopHz ?? 0.02);
    this.ki = wn * wn;
    this.kp = 2 * (options.damping ?? 0.8) * wn;
    this.tau = options.filterSeconds ?? 0.5;
    this.max = options.maxCorrection ?? 0.005;
  }

  /** Feed the error (seconds) measured now, `dt` seconds after the previous call; returns the correction. */
  update(errorSeconds: number, dt: number): number {
    if (this.filtered === undefined) {
      this.filtered = errorSeconds;
    } else {
      this.filtered += (1 - Math.exp(-dt / this.tau)) * (errorSeconds - this.filtered);
    }
    const e = this.filtered;
    // Anti-windup: while the output is saturated the integral only moves back towards it, so a large
    // transient (a stall, a burst) is not mistaken for drift.
    const next = clamp(this.integral + this.ki * e * dt, this.max);
    const saturated = Math.abs(this.kp * e + next) > this.max;
    if (!saturated || Math.abs(next) < Math.abs(this.integral)) this.integral = next;
    this.last = clamp(this.kp * e + this.integral, this.max);
    return this.last;
  }

  /** Estimated clock drift of the source relative to the master, as a fraction (+ = source fast). */
  get drift(): number {
    return this.integral;
  }

  /** Last correction returned. */
  get correction(): number {
    return this.last;
  }

  /** Smoothed error in seconds (0 before the first update). */
  get error(): number {
    return this.filtered ?? 0;
  }

  /** Forget the smoothed error (after a discontinuity of the queue), keep the drift estimate. */
  restartFilter(): void {
    this.filtered = undefined;
  }

  reset(): void {
    this.integral = 0;
    this.filtered = undefined;
    this.last = 0;
  }
}

function clamp(x: number, max: number): number {
  return x > max ? max : x < -max ? -max : x;
}
