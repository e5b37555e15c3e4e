// Sample format conversion and the bus's gain + mix pass: the native kernels when the addon has them,
// else these TypeScript loops, which give the same values (test/unit/audio/native-kernels.test.ts).
import { nativeAudioKernels } from '../../../../native/audio.js';

/** dst[i] = src[i] / 32768 for i < count. */
export function s16ToFloatJs(src: Int16Array, dst: Float32Array, count: number): void {
  for (let i = 0; i < count; i++) dst[i] = (src[i] ?? 0) / 32768;
}

/** dst[i] = Math.round(src[i] · 32768) clamped to [-32768, 32767], for i < count (NaN gives 0). */
export function floatToS16Js(src: Float32Array, dst: Int16Array, count: number): void {
  for (let i = 0; i < count; i++) {
    const v = Math.round((src[i] ?? 0) * 32768);
    dst[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
  }
}

/**
 * Stereo gain ramp and mix in one pass: g goes from `from` to `to` across the block (reaching `to` on
 * the last frame, so a change never clicks); input *= g (post-fader, for the meters), mix += input.
 */
export function gainMixStereoJs(
  input: Float32Array,
  mix: Float32Array,
  frames: number,
  from: number,
  to: number,
): void {
  for (let i = 0; i < frames; i++) {
    const g = from + ((to - from) * (i + 1)) / frames;
    const l = (input[2 * i] ?? 0) * g;
    const r = (input[2 * i + 1] ?? 0) * g;
    input[2 * i] = l;
    input[2 * i + 1] = r;
    mix[2 * i] = (mix[2 * i] ?? 0) + l;
    mix[2 * i + 1] = (mix[2 * i + 1] ?? 0) + r;
  }
}

const native = nativeAudioKernels();

export const s16ToFloat = native?.s16ToFloat ?? s16ToFloatJs;
export const floatToS16 = native?.floatToS16 ?? floatToS16Js;
export const gainMixStereo = native?.gainMixStereo ?? gainMixStereoJs;
