// Level conversions shared by the meters. dBFS is relative to a full-scale sample value of 1.0.

/** Amplitude (linear, 1.0 = full scale) to dBFS. 0 gives -Infinity. */
export function gainToDb(gain: number): number {
  return 20 * Math.log10(gain);
}

/** dBFS to linear amplitude. */
export function dbToGain(db: number): number {
  return Math.pow(10, db / 20);
}

/** Mean square (power, 1.0 = full-scale DC) to dB. 0 gives -Infinity. */
export function powerToDb(power: number): number {
  return 10 * Math.log10(power);
}

/** BS.1770 loudness of a (channel-weighted, K-weighted) mean square: -0.691 + 10 log10(z). */
export function energyToLufs(energy: number): number {
  return -0.691 + 10 * Math.log10(energy);
}

/** Inverse of energyToLufs. */
export function lufsToEnergy(lufs: number): number {
  return Math.pow(10, (lufs + 0.691) / 10);
}
