// The level of one frequency in decoded PCM (Goertzel), per window: a routing check ("this tone, not
// that one") that a dropout, a click or the codec's noise floor does not fool, unlike counting zero
// crossings or taking the peak of the whole signal.

/** Amplitude (peak of the sine, 1.0 = full scale) of `hz` in `pcm[from, to)`, s16 mono at `rate`. */
export function toneAmplitude(pcm: Int16Array, rate: number, hz: number, from = 0, to = pcm.length): number {
  const n = to - from;
  if (n <= 0) return 0;
  const w = (2 * Math.PI * hz) / rate;
  const coeff = 2 * Math.cos(w);
  let s1 = 0;
  let s2 = 0;
  for (let i = from; i < to; i++) {
    const s0 = (pcm[i] ?? 0) / 32768 + coeff * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  const power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
  return (2 * Math.sqrt(Math.max(power, 0))) / n;
}

/**
 * The amplitude of `hz` in each window of `windowMs` (a whole number of cycles is not needed at 100 ms:
 * the leakage is under 1 %), in dBFS, sorted from quietest to loudest.
 */
export function toneLevelsDb(pcm: Int16Array, rate: number, hz: number, windowMs = 100): number[] {
  const size = Math.round((rate * windowMs) / 1000);
  const levels: number[] = [];
  for (let from = 0; from + size <= pcm.length; from += size)
    levels.push(20 * Math.log10(Math.max(toneAmplitude(pcm, rate, hz, from, from + size), 1e-9)));
  return levels.sort((a, b) => a - b);
}
