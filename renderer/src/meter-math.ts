// Meter scale and peak hold, kept pure for unit tests.
export const METER_FLOOR_DB = -60;

/** Position of a level on the -60…0 dBFS scale, 0…1. */
export function meterFraction(db: number): number {
  if (!Number.isFinite(db) || db <= METER_FLOOR_DB) return 0;
  if (db >= 0) return 1;
  return (db - METER_FLOOR_DB) / -METER_FLOOR_DB;
}

/** Peak hold: keeps the highest peak for `holdMs`, then lets it fall at `fallDbPerS`. */
export class PeakHold {
  private value = -Infinity;
  private since = 0;
  private last = 0;

  constructor(
    private readonly holdMs = 1500,
    private readonly fallDbPerS = 20,
  ) {}

  update(peakDb: number, nowMs: number): number {
    const dt = this.last === 0 ? 0 : nowMs - this.last;
    this.last = nowMs;
    if (peakDb >= this.value) {
      this.value = peakDb;
      this.since = nowMs;
    } else if (nowMs - this.since > this.holdMs) {
      this.value = Math.max(peakDb, this.value - (this.fallDbPerS * dt) / 1000);
    }
    return this.value;
  }
}
