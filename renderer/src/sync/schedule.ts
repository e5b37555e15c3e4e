// The phone sync pattern's timing, kept pure for tests: beeps are scheduled on the audio clock, and the
// flash is drawn when the picture that is being prepared will be on screen while the beep is heard.

/** One flash and one beep every PERIOD_S seconds, each lasting FLASH_S (as the core's `sync` pattern). */
export const PERIOD_S = 2;
export const FLASH_S = 0.1;

/** A point in both clocks: this audio-context time is heard at this performance.now() time. */
export interface ClockPair {
  contextTime: number;
  performanceTime: number;
}

/** When a moment of the audio clock is heard, in performance.now() milliseconds. */
export function heardAtMs(pair: ClockPair, contextTime: number): number {
  return pair.performanceTime + (contextTime - pair.contextTime) * 1000;
}

/**
 * Whether the frame that a requestAnimationFrame callback at `frameMs` prepares shows the flash. The frame
 * is on screen about one refresh interval (`refreshMs`) later and stays one interval; the flash covers the
 * frames whose on-screen moment is nearest to the beep being heard (within half an interval), for FLASH_S.
 * `beepsHeardMs` are the moments the beeps are heard.
 */
export function flashOn(frameMs: number, refreshMs: number, beepsHeardMs: readonly number[]): boolean {
  const shown = frameMs + refreshMs;
  const half = refreshMs / 2;
  return beepsHeardMs.some((b) => shown >= b - half && shown < b + FLASH_S * 1000 - half);
}

/** A refresh interval estimate from the last callbacks' spacing: the median, 1000/60 until there are a few. */
export class RefreshEstimate {
  private readonly deltas: number[] = [];
  private last: number | null = null;

  push(frameMs: number): void {
    if (this.last !== null) {
      const d = frameMs - this.last;
      if (d > 0 && d < 100) this.deltas.push(d);
      if (this.deltas.length > 30) this.deltas.shift();
    }
    this.last = frameMs;
  }

  ms(): number {
    if (this.deltas.length < 5) return 1000 / 60;
    const sorted = [...this.deltas].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] ?? 1000 / 60;
  }
}
