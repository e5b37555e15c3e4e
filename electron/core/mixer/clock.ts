// The master clock: one tick per program frame, scheduled against a fixed origin so that timer jitter
// never accumulates (tick n is due at origin + n × period). A tick that is late by more than a few frames
// (the machine stalled) is not replayed in a burst: the clock skips ahead and counts the skipped ticks,
// so the program stays real-time.
export interface ClockDeps {
  now: () => number;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
}

const realDeps: ClockDeps = {
  now: () => performance.now(),
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (h) => clearTimeout(h as NodeJS.Timeout),
};

export class FrameClock {
  private origin = 0;
  private n = 0;
  private handle: unknown = null;
  private running = false;
  /** Ticks that were skipped because the process was too late to run them. */
  skipped = 0;

  constructor(
    private readonly fps: number,
    private readonly onTick: (frameIndex: number, dueAt: number) => void,
    private readonly deps: ClockDeps = realDeps,
    private readonly maxLateFrames = 3,
  ) {}

  get period(): number {
    return 1000 / this.fps;
  }

  get frameIndex(): number {
    return this.n;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.origin = this.deps.now();
    this.n = 0;
    this.schedule();
  }

  stop(): void {
    this.running = false;
    if (this.handle !== null) this.deps.clearTimer(this.handle);
    this.handle = null;
  }

  private schedule(): void {
    if (!this.running) return;
    const due = this.origin + this.n * this.period;
    const delay = Math.max(0, due - this.deps.now());
    this.handle = this.deps.setTimer(() => this.fire(), delay);
  }

  private fire(): void {
    this.handle = null;
    if (!this.running) return;
    const now = this.deps.now();
    const late = Math.floor((now - (this.origin + this.n * this.period)) / this.period);
    if (late > this.maxLateFrames) {
      this.skipped += late;
      this.n += late;
    }
    const index = this.n;
    const dueAt = this.origin + index * this.period;
    this.n += 1;
    this.onTick(index, dueAt);
    this.schedule();
  }
}
