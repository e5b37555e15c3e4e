// Per-channel sample peak and RMS in dBFS, with peak hold.
//
// Input: interleaved Float32Array frames, any chunk size. The meter works on fixed blocks (default
// 10 ms): a reading reflects the blocks completed so far, so it never depends on chunking.
// - peak: max |x| over the last `peakWindowMs` (default 100 ms, longer than the UI's read interval so
//   no peak is missed between two reads);
// - rms: plain RMS over the last `rmsWindowMs` (default 300 ms): sqrt(mean(x²)), no +3 dB "sine
//   calibration". A full-scale sine reads 0 dBFS peak and -3.01 dBFS RMS; a sine at -20 dBFS peak
//   reads -23.01 dBFS RMS;
// - hold: the highest peak, held for `holdMs` (default 1500 ms), then it falls back to the current
//   peak and holds that.
// Silence reads -Infinity. Until a window is full, it covers the blocks seen so far.

import { gainToDb } from './level.js';

export interface PeakRmsMeterOptions {
  sampleRate?: number;
  channels?: number;
  blockMs?: number;
  peakWindowMs?: number;
  rmsWindowMs?: number;
  holdMs?: number;
}

export interface ChannelLevel {
  /** dBFS sample peak. */
  peak: number;
  /** dBFS plain RMS. */
  rms: number;
  /** dBFS held peak. */
  hold: number;
}

export class PeakRmsMeter {
  readonly channels: number;
  private readonly blockFrames: number;
  private readonly peakBlocks: number;
  private readonly rmsBlocks: number;
  private readonly holdFrames: number;
  private readonly ringLength: number;
  private readonly blockPeak: Float64Array; // [block * channels + c], ring of block maxima
  private readonly blockSquares: Float64Array; // same layout, sums of squares
  private readonly curPeak: Float64Array;
  private readonly curSquares: Float64Array;
  private readonly holdValue: Float64Array;
  private readonly holdLeft: Float64Array; // frames
  private readonly level: Float64Array; // [c * 2] peak, [c * 2 + 1] rms, both linear
  private filled = 0;
  private blocks = 0;

  constructor(options: PeakRmsMeterOptions = {}) {
    const rate = options.sampleRate ?? 48000;
    this.channels = options.channels ?? 2;
    if (!Number.isInteger(this.channels) || this.channels < 1) throw new RangeError('channels must be >= 1');
    this.blockFrames = Math.max(1, Math.round(((options.blockMs ?? 10) * rate) / 1000));
    const blocksOf = (ms: number): number => Math.max(1, Math.round((ms * rate) / 1000 / this.blockFrames));
    this.peakBlocks = blocksOf(options.peakWindowMs ?? 100);
    this.rmsBlocks = blocksOf(options.rmsWindowMs ?? 300);
    this.holdFrames = Math.round(((options.holdMs ?? 1500) * rate) / 1000);
    this.ringLength = Math.max(this.peakBlocks, this.rmsBlocks);
    const ch = this.channels;
    this.blockPeak = new Float64Array(this.ringLength * ch);
    this.blockSquares = new Float64Array(this.ringLength * ch);
    this.curPeak = new Float64Array(ch);
    this.curSquares = new Float64Array(ch);
    this.holdValue = new Float64Array(ch);
    this.holdLeft = new Float64Array(ch);
    this.level = new Float64Array(ch * 2);
  }

  push(samples: Float32Array): void {
    const ch = this.channels;
    const frames = Math.floor(samples.length / ch);
    let start = 0;
    while (start < frames) {
      const n = Math.min(frames - start, this.blockFrames - this.filled);
      for (let c = 0; c < ch; c++) {
        let peak = this.curPeak[c] ?? 0;
        let squares = this.curSquares[c] ?? 0;
        const end = (start + n) * ch + c;
        for (let i = start * ch + c; i < end; i += ch) {
          const x = samples[i] ?? 0;
          const a = Math.abs(x);
          if (a > peak) peak = a;
          squares += x * x;
        }
        this.curPeak[c] = peak;
        this.curSquares[c] = squares;
      }
      start += n;
      this.filled += n;
      if (this.filled === this.blockFrames) this.endBlock();
    }
  }

  private endBlock(): void {
    const ch = this.channels;
    const slot = (this.blocks % this.ringLength) * ch;
    this.blockPeak.set(this.curPeak, slot);
    this.blockSquares.set(this.curSquares, slot);
    this.curPeak.fill(0);
    this.curSquares.fill(0);
    this.filled = 0;
    this.blocks += 1;
    const peakN = Math.min(this.peakBlocks, this.blocks);
    const rmsN = Math.min(this.rmsBlocks, this.blocks);
    for (let c = 0; c < ch; c++) {
      let peak = 0;
      let squares = 0;
      for (let b = 1; b <= Math.max(peakN, rmsN); b++) {
        const i = ((this.blocks - b) % this.ringLength) * ch + c;
        if (b <= peakN) peak = Math.max(peak, this.blockPeak[i] ?? 0);
        if (b <= rmsN) squares += this.blockSquares[i] ?? 0;
      }
      this.level[c * 2] = peak;
      this.level[c * 2 + 1] = Math.sqrt(squares / (rmsN * this.blockFrames));
      const left = (this.holdLeft[c] ?? 0) - this.blockFrames;
      if (peak >= (this.holdValue[c] ?? 0) || left <= 0) {
        this.holdValue[c] = peak;
        this.holdLeft[c] = this.holdFrames;
      } else {
        this.holdLeft[c] = left;
      }
    }
  }

  /** Levels per channel, in dBFS. */
  read(): ChannelLevel[] {
    const out: ChannelLevel[] = [];
    for (let c = 0; c < this.channels; c++) {
      out.push({
        peak: gainToDb(this.level[c * 2] ?? 0),
        rms: gainToDb(this.level[c * 2 + 1] ?? 0),
        hold: gainToDb(this.holdValue[c] ?? 0),
      });
    }
    return out;
  }

  reset(): void {
    for (const a of [this.blockPeak, this.blockSquares, this.curPeak, this.curSquares]) a.fill(0);
    for (const a of [this.holdValue, this.holdLeft, this.level]) a.fill(0);
    this.filled = 0;
    this.blocks = 0;
  }
}
