// Video delay for a source whose audio arrives late (a negative sync offset): the runner keeps the
// frames of the last `delayMs` and the mixer takes the newest one at least that old. With no delay only
// the newest frame is kept. Frames that can no longer be shown are handed back for reuse.
export class FrameDelay {
  private frames: { at: number; data: Buffer }[] = [];
  private delay = 0;

  get delayMs(): number {
    return this.delay;
  }

  setDelayMs(ms: number): void {
    this.delay = Math.max(0, ms);
  }

  /** A new frame arrived at `at` (ms); returns the buffers no longer needed. */
  push(data: Buffer, at: number): Buffer[] {
    this.frames.push({ at, data });
    return this.release(at);
  }

  /** The frame to show at `now`: the newest one at least `delayMs` old (or the oldest kept). */
  current(now: number): Buffer | null {
    const due = now - this.delay;
    let pick = this.frames[0]?.data ?? null;
    for (const f of this.frames) {
      if (f.at > due) break;
      pick = f.data;
    }
    return pick;
  }

  /** Drops the frames older than the one due now (it stays: it is the one shown). */
  private release(now: number): Buffer[] {
    const due = now - this.delay;
    let keepFrom = 0;
    for (let i = 1; i < this.frames.length; i++) if ((this.frames[i]?.at ?? Infinity) <= due) keepFrom = i;
    const released = this.frames.slice(0, keepFrom).map((f) => f.data);
    this.frames = this.frames.slice(keepFrom);
    return released;
  }
}
