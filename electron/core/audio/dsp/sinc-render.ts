// The interpolation loop of DriftResampler, in TypeScript and in the native addon.
//
// Both read `frames` output frames from a FrameRing's data at positions pos, pos + ratio, … through a
// 16-tap windowed sinc whose coefficients interpolate linearly between 256 tabulated phases
// (sincDeltaTable), fade in the first frames while fadeIn < rampFrames, and return the read position
// after the block. They do the same double-precision arithmetic in the same order, so they give the
// same floats; the native one costs a fraction of the CPU (docs/BENCHMARKS.md, audio DSP).
import type { SincResample } from '../../../../native/audio.js';
import { nativeAudioKernels } from '../../../../native/audio.js';

export const SINC_TAPS = 16;
export const SINC_PHASES = 256;
const HALF = SINC_TAPS / 2;
const ROW = 2 * SINC_TAPS;

export type SincRender = SincResample;

/** Which loop: the native kernel when the addon has it ('auto', the default), or one of them. */
export type ResampleKernel = 'auto' | 'native' | 'js';

const kernel = new Float64Array(SINC_TAPS);

/** The TypeScript loop (the fallback when the addon is missing). */
export const sincRenderJs: SincResample = (
  data,
  head,
  mask,
  channels,
  table,
  out,
  frames,
  pos,
  ratio,
  fadeIn,
  rampFrames,
) => {
  const ch = channels;
  for (let f = 0; f < frames; f++) {
    const ip = Math.floor(pos);
    const phase = (pos - ip) * SINC_PHASES;
    const p0 = Math.floor(phase);
    const w = phase - p0;
    const row = p0 * ROW;
    // Window start in `data`; the ring's mirror makes the SINC_TAPS frames contiguous.
    let at = ((head + ip - HALF + 1) & mask) * ch;
    const gain = fadeIn < rampFrames ? ++fadeIn / (rampFrames + 1) : 1;
    if (ch === 2) {
      // Four partial sums per channel (taps j mod 4), added as (s0 + s1) + (s2 + s3), as in C++.
      let l0 = 0;
      let l1 = 0;
      let l2 = 0;
      let l3 = 0;
      let r0 = 0;
      let r1 = 0;
      let r2 = 0;
      let r3 = 0;
      for (let i = row; i < row + ROW; i += 8) {
        const k0 = (table[i] ?? 0) + w * (table[i + 1] ?? 0);
        const k1 = (table[i + 2] ?? 0) + w * (table[i + 3] ?? 0);
        const k2 = (table[i + 4] ?? 0) + w * (table[i + 5] ?? 0);
        const k3 = (table[i + 6] ?? 0) + w * (table[i + 7] ?? 0);
        l0 += k0 * (data[at] ?? 0);
        r0 += k0 * (data[at + 1] ?? 0);
        l1 += k1 * (data[at + 2] ?? 0);
        r1 += k1 * (data[at + 3] ?? 0);
        l2 += k2 * (data[at + 4] ?? 0);
        r2 += k2 * (data[at + 5] ?? 0);
        l3 += k3 * (data[at + 6] ?? 0);
        r3 += k3 * (data[at + 7] ?? 0);
        at += 8;
      }
      out[2 * f] = (l0 + l1 + (l2 + l3)) * gain;
      out[2 * f + 1] = (r0 + r1 + (r2 + r3)) * gain;
    } else {
      for (let j = 0; j < SINC_TAPS; j++)
        kernel[j] = (table[row + 2 * j] ?? 0) + w * (table[row + 2 * j + 1] ?? 0);
      for (let c = 0; c < ch; c++) {
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        for (let j = 0; j < SINC_TAPS; j += 4) {
          const a = at + j * ch + c;
          s0 += (kernel[j] ?? 0) * (data[a] ?? 0);
          s1 += (kernel[j + 1] ?? 0) * (data[a + ch] ?? 0);
          s2 += (kernel[j + 2] ?? 0) * (data[a + 2 * ch] ?? 0);
          s3 += (kernel[j + 3] ?? 0) * (data[a + 3 * ch] ?? 0);
        }
        out[f * ch + c] = (s0 + s1 + (s2 + s3)) * gain;
      }
    }
    pos += ratio;
  }
  return pos;
};

/** The loop for `kernel`; 'native' throws when the addon does not have it. */
export function sincRender(kernel: ResampleKernel = 'auto'): SincRender {
  if (kernel === 'js') return sincRenderJs;
  const native = nativeAudioKernels()?.sincResample;
  if (native) return native;
  if (kernel === 'native') {
    throw new Error('The native audio kernels are not built; run `npm run build:native`');
  }
  return sincRenderJs;
}
