// EBU R128 / ITU-R BS.1770-4 loudness meter: momentary, short-term, integrated and loudness range.
//
// Input: interleaved Float32Array frames (L R L R … for stereo), any chunk size. Results only depend on
// the samples, never on how they were chunked. Internally the K-weighted mean square of each channel is
// summed (with the BS.1770 channel weights) over 100 ms sub-blocks, and every figure is built from them:
// - momentary: last 4 sub-blocks (400 ms sliding, updated every 100 ms);
// - short-term: last 30 sub-blocks (3 s, updated every 100 ms);
// - integrated: 400 ms gating blocks with 75 % overlap, absolute gate -70 LUFS, relative gate -10 LU;
// - LRA (EBU Tech 3342): 3 s short-term blocks every 100 ms, gates -70 LUFS / -20 LU, 10th to 95th
//   percentile.
// Before 400 ms (3 s) of audio exist, momentary (short-term) averages the sub-blocks available so far.
// A figure with no data is -Infinity (LRA is 0 LU, a range).

import { GatingHistogram } from './gating-histogram.js';
import { kWeightingCoefficients } from './k-weighting.js';
import { energyToLufs } from './level.js';

export interface LoudnessMeterOptions {
  /** Hz, default 48000. */
  sampleRate?: number;
  /** Interleaved channels, default 2. */
  channels?: number;
  /** BS.1770 weights per channel. Default: 1 each; for 6 channels (5.1: L R C LFE Ls Rs) 1 1 1 0 1.41 1.41. */
  channelWeights?: readonly number[];
}

export interface LoudnessReading {
  /** LUFS, 400 ms. */
  momentary: number;
  /** LUFS, 3 s. */
  shortTerm: number;
  /** LUFS, gated, since start or reset. */
  integrated: number;
  /** LU, loudness range since start or reset. */
  lra: number;
}

const SUB_BLOCKS_MOMENTARY = 4;
const SUB_BLOCKS_SHORT_TERM = 30;

function defaultWeights(channels: number): number[] {
  if (channels === 6) return [1, 1, 1, 0, 1.41, 1.41];
  return new Array<number>(channels).fill(1);
}

export class LoudnessMeter {
  readonly sampleRate: number;
  readonly channels: number;
  private readonly weights: Float64Array;
  private readonly coef: Float64Array; // shelf b0 b1 b2 a1 a2, high-pass b0 b1 b2 a1 a2
  private readonly state: Float64Array; // per channel: x1 x2 y1 y2 (shelf), z1 z2 (high-pass out)
  private readonly subBlockFrames: number;
  private readonly acc: Float64Array; // per-channel sum of squares of the current sub-block
  private filled = 0; // frames in the current sub-block
  private readonly ring = new Float64Array(SUB_BLOCKS_SHORT_TERM); // weighted mean square per sub-block
  private subBlocks = 0;
  private readonly gating = new GatingHistogram();
  private readonly range = new GatingHistogram();
  private cached: LoudnessReading | undefined;

  constructor(options: LoudnessMeterOptions = {}) {
    this.sampleRate = options.sampleRate ?? 48000;
    this.channels = options.channels ?? 2;
    if (!Number.isInteger(this.channels) || this.channels < 1) throw new RangeError('channels must be >= 1');
    const weights = options.channelWeights ?? defaultWeights(this.channels);
    if (weights.length !== this.channels) throw new RangeError('one channel weight per channel');
    this.weights = Float64Array.from(weights);
    const { shelf, highPass } = kWeightingCoefficients(this.sampleRate);
    this.coef = Float64Array.of(
      shelf.b0,
      shelf.b1,
      shelf.b2,
      shelf.a1,
      shelf.a2,
      highPass.b0,
      highPass.b1,
      highPass.b2,
      highPass.a1,
      highPass.a2,
    );
    this.state = new Float64Array(this.channels * 6);
    this.acc = new Float64Array(this.channels);
    this.subBlockFrames = Math.round(this.sampleRate / 10);
  }

  /** Feed interleaved samples (length must be a multiple of the channel count). */
  push(samples: Float32Array): void {
    const ch = this.channels;
    const frames = Math.floor(samples.length / ch);
    let start = 0;
    while (start < frames) {
      const n = Math.min(frames - start, this.subBlockFrames - this.filled);
      for (let c = 0; c < ch; c++) this.filterSegment(samples, start, n, c);
      start += n;
      this.filled += n;
      if (this.filled === this.subBlockFrames) this.endSubBlock();
    }
  }

  /** K-weight frames [start, start + n) of channel c and add their squares to the sub-block sum. */
  private filterSegment(samples: Float32Array, start: number, n: number, c: number): void {
    const k = this.coef;
    const sb0 = k[0] ?? 0,
      sb1 = k[1] ?? 0,
      sb2 = k[2] ?? 0,
      sa1 = k[3] ?? 0,
      sa2 = k[4] ?? 0;
    const hb0 = k[5] ?? 0,
      hb1 = k[6] ?? 0,
      hb2 = k[7] ?? 0,
      ha1 = k[8] ?? 0,
      ha2 = k[9] ?? 0;
    const s = this.state;
    const o = c * 6;
    let x1 = s[o] ?? 0,
      x2 = s[o + 1] ?? 0,
      y1 = s[o + 2] ?? 0,
      y2 = s[o + 3] ?? 0;
    let z1 = s[o + 4] ?? 0,
      z2 = s[o + 5] ?? 0;
    let sum = this.acc[c] ?? 0;
    const ch = this.channels;
    const end = (start + n) * ch + c;
    for (let i = start * ch + c; i < end; i += ch) {
      const x = samples[i] ?? 0;
      const y = sb0 * x + sb1 * x1 + sb2 * x2 - sa1 * y1 - sa2 * y2;
      const z = hb0 * y + hb1 * y1 + hb2 * y2 - ha1 * z1 - ha2 * z2;
      x2 = x1;
      x1 = x;
      y2 = y1;
      y1 = y;
      z2 = z1;
      z1 = z;
      sum += z * z;
    }
    s[o] = x1;
    s[o + 1] = x2;
    s[o + 2] = y1;
    s[o + 3] = y2;
    s[o + 4] = z1;
    s[o + 5] = z2;
    this.acc[c] = sum;
  }

  private endSubBlock(): void {
    let energy = 0;
    for (let c = 0; c < this.channels; c++) energy += (this.weights[c] ?? 0) * (this.acc[c] ?? 0);
    this.acc.fill(0);
    this.filled = 0;
    this.ring[this.subBlocks % SUB_BLOCKS_SHORT_TERM] = energy / this.subBlockFrames;
    this.subBlocks += 1;
    this.cached = undefined;
    if (this.subBlocks >= SUB_BLOCKS_MOMENTARY) this.gating.add(this.windowEnergy(SUB_BLOCKS_MOMENTARY));
    if (this.subBlocks >= SUB_BLOCKS_SHORT_TERM) this.range.add(this.windowEnergy(SUB_BLOCKS_SHORT_TERM));
  }

  /** Mean of the last `count` sub-block energies (fewer if fewer exist). */
  private windowEnergy(count: number): number {
    const n = Math.min(count, this.subBlocks);
    let sum = 0;
    for (let i = 1; i <= n; i++) sum += this.ring[(this.subBlocks - i) % SUB_BLOCKS_SHORT_TERM] ?? 0;
    return sum / n;
  }

  read(): LoudnessReading {
    if (this.cached) return { ...this.cached };
    const empty = this.subBlocks === 0;
    this.cached = {
      momentary: empty ? -Infinity : energyToLufs(this.windowEnergy(SUB_BLOCKS_MOMENTARY)),
      shortTerm: empty ? -Infinity : energyToLufs(this.windowEnergy(SUB_BLOCKS_SHORT_TERM)),
      integrated: this.gating.gatedLoudness(-10),
      lra: this.range.percentileRange(-20, 0.1, 0.95),
    };
    return { ...this.cached };
  }

  /** Forget everything (integrated and LRA restart), keep the configuration. */
  reset(): void {
    this.state.fill(0);
    this.acc.fill(0);
    this.ring.fill(0);
    this.filled = 0;
    this.subBlocks = 0;
    this.gating.reset();
    this.range.reset();
    this.cached = undefined;
  }
}
