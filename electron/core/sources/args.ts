// ffmpeg arguments for a source, as pure functions of typed settings (STYLE.md 7). Every source is
// normalized to raw I420 at the program size and rate on stdout (pipe:1) and to 48 kHz stereo s16le
// on fd 3 (pipe:3). The builders live in ./args/; this module is their public face.
export type { InputPlan, ProgramFormat, SourceArgsOptions } from './args/types.js';
export {
  escapeFilterValue,
  normalizeAudioFilter,
  normalizeFilter,
  type AudioTiming,
} from './args/filters.js';
export { inputArgs, inputPlan, sourceArgs } from './args/source.js';
export { labelFilter, SINE_PEAK_DBFS, toneGraph } from './args/generated.js';
export { NETWORK_TIMEOUT_S, urlInputOptions } from './args/network.js';
export { avfoundationScreenName, screenInput } from './args/screen.js';
export { parseDeviceId, PULSE_FRAGMENT_BYTES } from './args/devices.js';
