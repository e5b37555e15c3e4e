// A fixed-size ring of numbers (the bitrate graph's last 60 seconds).
export class History {
  private readonly values: number[] = [];
  constructor(readonly capacity: number) {}

  push(v: number): void {
    this.values.push(v);
    if (this.values.length > this.capacity) this.values.shift();
  }

  /** Oldest first. */
  list(): readonly number[] {
    return this.values;
  }

  max(): number {
    return this.values.reduce((m, v) => (v > m ? v : m), 0);
  }
}
