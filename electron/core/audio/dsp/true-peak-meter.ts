// True-peak meter (ITU-R BS.1770-4 annex 2): 4x oversampling with a polyphase windowed-sinc filter,
// then the maximum absolute value. Input: interleaved Float32Array frames, any chunk size.
// The meter reports the maximum per channel since the last reset, in dBTP. The filter is 16 taps per
// phase (flat to about 18 kHz at 48 kHz), so it under-reads less than the standard's 12-tap example.

import { gainToDb } from './level.js';
import { sincTable } from './sinc-table.js';

const OVERSAMPLING = 4;
const TAPS = 16;

export interface TruePeakMeterOptions {
  channels?: number;
}

export class TruePeakMeter {
  readonly channels: number;
  private readonly coef: Float64Array;
  // Per channel, the last TAPS samples written twice (at i and i + TAPS) so a window is contiguous.
  private readonly history: Float64Array;
  private pos = 0;
  private readonly max: Float64Array;

  constructor(options: TruePeakMeterOptions = {}) {
    this.channels = options.channels ?? 2;
    if (!Number.isInteger(this.channels) || this.channels < 1) throw new RangeError('channels must be >= 1');
    this.coef = Float64Array.from(sincTable(TAPS, OVERSAMPLING, 1, 6).table);
    this.history = new Float64Array(this.channels * TAPS * 2);
    this.max = new Float64Array(this.channels);
  }

  push(samples: Float32Array): void {
    const ch = this.channels;
    const frames = Math.floor(samples.length / ch);
    const h = this.history;
    const k = this.coef;
    for (let c = 0; c < ch; c++) {
      const base = c * TAPS * 2;
      let pos = this.pos;
      let max = this.max[c] ?? 0;
      for (let f = 0; f < frames; f++) {
        const x = samples[f * ch + c] ?? 0;
        h[base + pos] = x;
        h[base + pos + TAPS] = x;
        pos = pos + 1 === TAPS ? 0 : pos + 1;
        // The TAPS most recent samples, oldest first, start at base + pos. Interpolate the three
        // positions between the two samples in the middle of that window.
        let a1 = 0;
        let a2 = 0;
        let a3 = 0;
        const start = base + pos;
        for (let j = 0; j < TAPS; j++) {
          const v = h[start + j] ?? 0;
          a1 += (k[TAPS + j] ?? 0) * v;
          a2 += (k[2 * TAPS + j] ?? 0) * v;
          a3 += (k[3 * TAPS + j] ?? 0) * v;
        }
        max = Math.max(max, Math.abs(x), Math.abs(a1), Math.abs(a2), Math.abs(a3));
      }
      this.max[c] = max;
    }
    this.pos = (this.pos + frames) % TAPS;
  }

  /** Maximum true peak per channel since the last reset, dBTP (-Infinity for silence). */
  read(): number[] {
    return Array.from(this.max, (m) => gainToDb(m));
  }

  reset(): void {
    this.history.fill(0);
    this.max.fill(0);
    this.pos = 0;
  }
}
