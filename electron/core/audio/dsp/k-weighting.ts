// ITU-R BS.1770-4 K-weighting: a high-shelf ("head") filter followed by a high-pass (RLB) filter.
// The standard only lists the coefficients at 48 kHz. Here they are derived for any sample rate from the
// analogue prototype (bilinear transform with pre-warping), whose parameters reproduce the standard's
// 48 kHz table to better than 1e-8 (the same parameterisation as libebur128).

/** Normalised biquad (a0 = 1): y = b0 x + b1 x1 + b2 x2 - a1 y1 - a2 y2. */
export interface BiquadCoefficients {
  readonly b0: number;
  readonly b1: number;
  readonly b2: number;
  readonly a1: number;
  readonly a2: number;
}

export interface KWeightingCoefficients {
  readonly shelf: BiquadCoefficients;
  readonly highPass: BiquadCoefficients;
}

const SHELF_F0 = 1681.974450955533;
const SHELF_GAIN_DB = 3.999843853973347;
const SHELF_Q = 0.7071752369554196;
const SHELF_VB_EXPONENT = 0.4996667741545416;
const HIGHPASS_F0 = 38.13547087602444;
const HIGHPASS_Q = 0.5003270373238773;

export function kWeightingCoefficients(sampleRate: number): KWeightingCoefficients {
  if (!(sampleRate > 2 * SHELF_F0)) throw new RangeError(`sample rate too low: ${sampleRate}`);
  const ks = Math.tan((Math.PI * SHELF_F0) / sampleRate);
  const vh = Math.pow(10, SHELF_GAIN_DB / 20);
  const vb = Math.pow(vh, SHELF_VB_EXPONENT);
  const as0 = 1 + ks / SHELF_Q + ks * ks;
  const shelf: BiquadCoefficients = {
    b0: (vh + (vb * ks) / SHELF_Q + ks * ks) / as0,
    b1: (2 * (ks * ks - vh)) / as0,
    b2: (vh - (vb * ks) / SHELF_Q + ks * ks) / as0,
    a1: (2 * (ks * ks - 1)) / as0,
    a2: (1 - ks / SHELF_Q + ks * ks) / as0,
  };
  const kh = Math.tan((Math.PI * HIGHPASS_F0) / sampleRate);
  const ah0 = 1 + kh / HIGHPASS_Q + kh * kh;
  const highPass: BiquadCoefficients = {
    b0: 1,
    b1: -2,
    b2: 1,
    a1: (2 * (kh * kh - 1)) / ah0,
    a2: (1 - kh / HIGHPASS_Q + kh * kh) / ah0,
  };
  return { shelf, highPass };
}

/** Magnitude response (linear) of a biquad at frequency f. For tests and documentation. */
export function biquadMagnitude(c: BiquadCoefficients, f: number, sampleRate: number): number {
  const w = (2 * Math.PI * f) / sampleRate;
  const cos1 = Math.cos(w);
  const sin1 = Math.sin(w);
  const cos2 = Math.cos(2 * w);
  const sin2 = Math.sin(2 * w);
  const nr = c.b0 + c.b1 * cos1 + c.b2 * cos2;
  const ni = -(c.b1 * sin1 + c.b2 * sin2);
  const dr = 1 + c.a1 * cos1 + c.a2 * cos2;
  const di = -(c.a1 * sin1 + c.a2 * sin2);
  return Math.sqrt((nr * nr + ni * ni) / (dr * dr + di * di));
}
