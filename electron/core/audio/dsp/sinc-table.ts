// Kaiser-windowed sinc interpolation kernels, tabulated per fractional phase.
//
// Row p (0 <= p <= phases) holds the `taps` coefficients that interpolate a signal at position i + p/phases
// from the samples x[i - taps/2 + 1] … x[i + taps/2], in that order. Rows are normalised to unity DC gain.
// Intermediate positions interpolate linearly between two rows. Tables are cached per shape: they are
// built once and shared.

export interface SincTable {
  readonly taps: number;
  readonly phases: number;
  /** (phases + 1) rows of `taps` coefficients. */
  readonly table: Float32Array;
}

/** Modified Bessel function of the first kind, order 0 (power series). */
export function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const q = (x * x) / 4;
  for (let k = 1; k < 64 && term > sum * 1e-17; k++) {
    term *= q / (k * k);
    sum += term;
  }
  return sum;
}

const cache = new Map<string, SincTable>();

/**
 * @param taps even number of taps
 * @param phases number of tabulated fractional positions per sample
 * @param cutoff -6 dB point as a fraction of the Nyquist frequency (1 = Nyquist)
 * @param beta Kaiser window shape (about 6 gives 60 dB of stop band, 8.6 gives 86 dB)
 */
export function sincTable(taps: number, phases: number, cutoff: number, beta: number): SincTable {
  if (taps < 2 || taps % 2 !== 0) throw new RangeError('taps must be even and >= 2');
  const key = `${taps}/${phases}/${cutoff}/${beta}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const half = taps / 2;
  const table = new Float32Array((phases + 1) * taps);
  const i0Beta = besselI0(beta);
  const row = new Float64Array(taps);
  for (let p = 0; p <= phases; p++) {
    const mu = p / phases;
    let sum = 0;
    for (let j = 0; j < taps; j++) {
      const t = j - (half - 1) - mu;
      const u = t / half;
      const window = Math.abs(u) >= 1 ? 0 : besselI0(beta * Math.sqrt(1 - u * u)) / i0Beta;
      const arg = Math.PI * cutoff * t;
      const sinc = t === 0 ? 1 : Math.sin(arg) / arg;
      const v = cutoff * sinc * window;
      row[j] = v;
      sum += v;
    }
    for (let j = 0; j < taps; j++) table[p * taps + j] = (row[j] ?? 0) / sum;
  }
  const result: SincTable = { taps, phases, table };
  cache.set(key, result);
  return result;
}

const deltaCache = new Map<SincTable, Float64Array>();

/**
 * The same kernels as pairs (c, next - c): for phase p and weight w in [0, 1), coefficient j is
 * d[2 (p taps + j)] + w · d[2 (p taps + j) + 1]. One contiguous row per phase, for the inner loops.
 */
export function sincDeltaTable(t: SincTable): Float64Array {
  const hit = deltaCache.get(t);
  if (hit) return hit;
  const d = new Float64Array(t.phases * t.taps * 2);
  for (let i = 0; i < t.phases * t.taps; i++) {
    const c = t.table[i] ?? 0;
    d[2 * i] = c;
    d[2 * i + 1] = (t.table[i + t.taps] ?? 0) - c;
  }
  deltaCache.set(t, d);
  return d;
}
