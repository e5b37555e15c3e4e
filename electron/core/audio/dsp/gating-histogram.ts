// Histogram of gating-block loudness for BS.1770 integrated loudness and EBU Tech 3342 loudness range.
//
// Blocks below the absolute gate (-70 LUFS) are dropped on entry. The others land in 0.01 LU bins
// (from -70 to +30 LUFS, clamped) that keep both a count and the exact sum of the blocks' energies, so
// memory and the cost of a query stay constant over an 8-hour day. Gated means are exact except for
// the blocks that share the 0.01 LU bin of the relative threshold; percentiles are exact to 0.005 LU.

import { energyToLufs, lufsToEnergy } from './level.js';

const ABSOLUTE_GATE_LUFS = -70;
const TOP_LUFS = 30;
const BINS_PER_LU = 100;
const BIN_COUNT = (TOP_LUFS - ABSOLUTE_GATE_LUFS) * BINS_PER_LU;
const ABSOLUTE_GATE_ENERGY = lufsToEnergy(ABSOLUTE_GATE_LUFS);

export class GatingHistogram {
  private readonly counts = new Float64Array(BIN_COUNT);
  private readonly energies = new Float64Array(BIN_COUNT);
  private total = 0;
  private totalEnergy = 0;

  /** Number of blocks above the absolute gate. */
  get count(): number {
    return this.total;
  }

  /** Add one block, given as its channel-weighted mean square (BS.1770 "z" summed with weights). */
  add(energy: number): void {
    if (!(energy > ABSOLUTE_GATE_ENERGY)) return;
    const bin = Math.min(
      BIN_COUNT - 1,
      Math.floor((energyToLufs(energy) - ABSOLUTE_GATE_LUFS) * BINS_PER_LU),
    );
    this.counts[bin] = (this.counts[bin] ?? 0) + 1;
    this.energies[bin] = (this.energies[bin] ?? 0) + energy;
    this.total += 1;
    this.totalEnergy += energy;
  }

  reset(): void {
    this.counts.fill(0);
    this.energies.fill(0);
    this.total = 0;
    this.totalEnergy = 0;
  }

  /** First bin whose centre lies above (mean loudness of the absolutely gated blocks + relativeGateLu). */
  private relativeGateBin(relativeGateLu: number): number {
    const threshold = energyToLufs(this.totalEnergy / this.total) + relativeGateLu;
    const bin = Math.ceil((threshold - ABSOLUTE_GATE_LUFS) * BINS_PER_LU - 0.5);
    return Math.max(0, bin);
  }

  /** BS.1770-4 gated loudness (LUFS): mean energy of the blocks above the relative gate. */
  gatedLoudness(relativeGateLu: number): number {
    if (this.total === 0) return -Infinity;
    let n = 0;
    let sum = 0;
    for (let i = this.relativeGateBin(relativeGateLu); i < BIN_COUNT; i++) {
      n += this.counts[i] ?? 0;
      sum += this.energies[i] ?? 0;
    }
    return n > 0 ? energyToLufs(sum / n) : -Infinity;
  }

  /**
   * EBU Tech 3342 loudness range (LU): spread between the low and high percentiles of the blocks above
   * the relative gate (nearest rank, as libebur128). 0 when there is no block.
   */
  percentileRange(relativeGateLu: number, low: number, high: number): number {
    if (this.total === 0) return 0;
    const first = this.relativeGateBin(relativeGateLu);
    let n = 0;
    for (let i = first; i < BIN_COUNT; i++) n += this.counts[i] ?? 0;
    if (n === 0) return 0;
    const lowRank = Math.round((n - 1) * low);
    const highRank = Math.round((n - 1) * high);
    let lowBin = -1;
    let highBin = -1;
    let seen = 0;
    for (let i = first; i < BIN_COUNT && highBin < 0; i++) {
      seen += this.counts[i] ?? 0;
      if (lowBin < 0 && seen > lowRank) lowBin = i;
      if (seen > highRank) highBin = i;
    }
    return (highBin - lowBin) / BINS_PER_LU;
  }
}
