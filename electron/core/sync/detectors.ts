// Flash and beep detectors for measuring a source's A/V offset (sync pattern, or the pattern shown on a
// phone in front of a camera and heard by the room microphone). Pure and incremental: fed once per
// program frame, they return the onset times (seconds on the program timeline).

/** Mean luma of a sparse grid of the Y plane (about 4,000 points whatever the size). */
export function meanLuma(y: Buffer, width: number, height: number): number {
  const step = Math.max(1, Math.floor(Math.sqrt((width * height) / 4096)));
  let sum = 0;
  let n = 0;
  for (let row = step >> 1; row < height; row += step) {
    const base = row * width;
    for (let x = step >> 1; x < width; x += step) {
      sum += y[base + x] ?? 0;
      n += 1;
    }
  }
  return n > 0 ? sum / n : 0;
}

/**
 * A flash: the mean luma rises by at least `rise` above the lowest value of the last `windowFrames`
 * frames (a full-frame flash rises ~200, a phone in the camera's frame much less), at least
 * `minGapS` after the previous one.
 */
export class FlashDetector {
  private history: number[] = [];
  private lastOnset = -Infinity;
  private high = false;

  constructor(
    private readonly rise = 12,
    private readonly windowFrames = 15,
    private readonly minGapS = 1,
  ) {}

  push(luma: number, t: number): number | null {
    const floor = this.history.length > 0 ? Math.min(...this.history) : luma;
    this.history.push(luma);
    if (this.history.length > this.windowFrames) this.history.shift();
    const above = luma - floor >= this.rise;
    const onset = above && !this.high && t - this.lastOnset >= this.minGapS;
    this.high = above || (this.high && luma - floor >= this.rise / 2);
    if (!onset) return null;
    this.lastOnset = t;
    return t;
  }
}

/**
 * A beep: the level of 1 ms windows rises 20 dB above the quiet floor (and above -60 dBFS), at least
 * `minGapS` after the previous one. The onset is the first sample of that window above half its peak
 * level, so it is sample-accurate for a clean tone and within a millisecond for a microphone.
 */
export class BeepDetector {
  private floor = 1e-6; // mean square of the quiet windows (slow average)
  private lastOnset = -Infinity;
  private high = false;
  private readonly window: number;

  constructor(
    private readonly sampleRate = 48_000,
    private readonly channels = 2,
    private readonly minGapS = 1,
  ) {
    this.window = Math.round(sampleRate / 1000);
  }

  /** One block of interleaved samples starting at program time `t`; returns an onset time or null. */
  push(samples: Float32Array, t: number): number | null {
    const ch = this.channels;
    const frames = Math.floor(samples.length / ch);
    let found: number | null = null;
    for (let start = 0; start + this.window <= frames; start += this.window) {
      let energy = 0;
      let peak = 0;
      for (let f = start; f < start + this.window; f++) {
        const v = samples[f * ch] ?? 0;
        energy += v * v;
        peak = Math.max(peak, Math.abs(v));
      }
      energy /= this.window;
      const loud = energy > this.floor * 100 && energy > 1e-6;
      const at = t + start / this.sampleRate;
      if (loud && !this.high && found === null && at - this.lastOnset >= this.minGapS) {
        let first = start;
        while (first < start + this.window && Math.abs(samples[first * ch] ?? 0) < peak / 2) first++;
        found = t + first / this.sampleRate;
        this.lastOnset = found;
      }
      this.high = loud || (this.high && energy > this.floor * 10);
      if (!this.high) this.floor += 0.05 * (Math.max(energy, 1e-10) - this.floor);
    }
    return found;
  }
}

/** Beep − flash for each flash with a beep in [-0.5, +1.5) s of it, in ms (+ = audio late). */
export function pairOffsets(flashes: readonly number[], beeps: readonly number[]): number[] {
  const out: number[] = [];
  for (const f of flashes) {
    const b = beeps.find((x) => x - f >= -0.5 && x - f < 1.5);
    if (b !== undefined) out.push((b - f) * 1000);
  }
  return out;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? null) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}
