// Audio kernels on interleaved float samples. Arguments are already validated by the caller
// (audio_addon.cc): every pointer covers what the kernel reads or writes.
#pragma once

#include <cstddef>
#include <cstdint>

namespace regie {

constexpr int kSincTaps = 16;
constexpr int kSincPhases = 256;

struct SincRing {
  const float* data;  // 2 x capacity frames: the ring, then its mirror (FrameRing.data)
  uint32_t head;      // slot of the oldest frame
  uint32_t mask;      // capacity - 1, capacity a power of two >= kSincTaps
  int channels;
};

struct SincBlock {
  float* out;  // frames x channels, interleaved
  int frames;
  double pos;    // read position in frames from the oldest one (>= kSincTaps / 2 - 1)
  double ratio;  // input frames per output frame
  int fadeIn;    // frames of fade-in done so far
  int rampFrames;
};

// Windowed-sinc interpolation of `block.frames` output frames from the ring, reading the tabulated
// kernel pairs (c, next - c) of sincDeltaTable (kSincPhases rows of 2 x kSincTaps doubles). The same
// arithmetic, in the same order, as DriftResampler's TypeScript render (sinc-render.ts), so both give
// the same floats. Returns the read position after the block.
double SincResample(const SincRing& ring, const double* table, const SincBlock& block);

// dst[i] = src[i] / 32768 (exact).
void S16ToFloat(const int16_t* src, float* dst, size_t count);

// dst[i] = round(src[i] * 32768) clamped to [-32768, 32767], rounding halves up as Math.round does;
// NaN gives 0 (as storing NaN in an Int16Array does).
void FloatToS16(const float* src, int16_t* dst, size_t count);

// Stereo gain ramp and mix: g = from + (to - from) (i + 1) / frames; input *= g; mix += input, with
// the sum taken before the product is rounded to float (as the bus's TypeScript loop does).
void GainMixStereo(float* input, float* mix, int frames, double from, double to);

}  // namespace regie
