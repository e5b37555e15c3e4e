// Bytes over time: the current rate (over a sliding window) and a history of one value per second, for the
// operator's bitrate graph. Pure, with injected time.
export class RateMeter {
  private sent: { t: number; bytes: number }[] = [];
  private readonly history: number[] = [];
  private secondStart = 0;
  private secondBytes = 0;

  constructor(
    private readonly now: () => number,
    private readonly windowMs = 2000,
    private readonly historyLength = 60,
  ) {}

  add(bytes: number): void {
    const t = this.now();
    this.roll(t);
    this.sent.push({ t, bytes });
    this.secondBytes += bytes;
  }

  /** kbit/s over the window. */
  kbps(): number {
    const now = this.now();
    this.roll(now);
    const since = now - this.windowMs;
    while (this.sent.length > 0 && (this.sent[0]?.t ?? now) <= since) this.sent.shift();
    const bytes = this.sent.reduce((sum, s) => sum + s.bytes, 0);
    return Math.round((bytes * 8) / this.windowMs);
  }

  /** kbit/s of each whole second, oldest first, up to historyLength values (the current second excluded). */
  historyKbps(): number[] {
    this.roll(this.now());
    return [...this.history];
  }

  reset(): void {
    this.sent = [];
    this.history.length = 0;
    this.secondStart = 0;
    this.secondBytes = 0;
  }

  private roll(t: number): void {
    if (this.secondStart === 0) {
      this.secondStart = t;
      return;
    }
    while (t - this.secondStart >= 1000) {
      this.history.push(Math.round((this.secondBytes * 8) / 1000));
      if (this.history.length > this.historyLength) this.history.shift();
      this.secondBytes = 0;
      this.secondStart += 1000;
      // After a long pause (a suspended laptop), do not replay hours of zeros one by one.
      if (t - this.secondStart > this.historyLength * 1000) this.secondStart = t - this.historyLength * 1000;
    }
  }
}
