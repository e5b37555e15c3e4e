// Pure TypeScript audio DSP for the meters and the frame sync: no I/O, no allocation per sample.
// All sample data is interleaved Float32Array (L R L R … for stereo), 48 kHz by default.

export { DelayLine, type DelayLineOptions } from './delay-line.js';
export { DriftController, type DriftControllerOptions } from './drift-controller.js';
export { DriftResampler, type DriftResamplerOptions } from './drift-resampler.js';
export {
  kWeightingCoefficients,
  type BiquadCoefficients,
  type KWeightingCoefficients,
} from './k-weighting.js';
export { dbToGain, energyToLufs, gainToDb, lufsToEnergy, powerToDb } from './level.js';
export { LoudnessMeter, type LoudnessMeterOptions, type LoudnessReading } from './loudness-meter.js';
export { PeakRmsMeter, type ChannelLevel, type PeakRmsMeterOptions } from './peak-rms-meter.js';
export { TruePeakMeter, type TruePeakMeterOptions } from './true-peak-meter.js';
