// The audio kernels of the native addon (src/audio_addon.cc) for the DSP in electron/core/audio.
// Optional: undefined when the addon is not built, does not load, or predates them; the callers then
// run their TypeScript loops, which compute the same values.
import type { NativeAddon } from './load.js';
import { loadAddon } from './load.js';

export type { SincResample } from './load.js';

export type NativeAudioKernels = Required<
  Pick<NativeAddon, 'sincResample' | 's16ToFloat' | 'floatToS16' | 'gainMixStereo'>
>;

let cached: NativeAudioKernels | null | undefined;

/** The native audio kernels, or undefined (looked up once). */
export function nativeAudioKernels(): NativeAudioKernels | undefined {
  if (cached === undefined) {
    try {
      const { sincResample, s16ToFloat, floatToS16, gainMixStereo } = loadAddon();
      cached =
        sincResample && s16ToFloat && floatToS16 && gainMixStereo
          ? { sincResample, s16ToFloat, floatToS16, gainMixStereo }
          : null;
    } catch {
      cached = null;
    }
  }
  return cached ?? undefined;
}
