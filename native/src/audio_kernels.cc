#include "audio_kernels.h"

#include <cstddef>


namespace regie {
namespace {

constexpr int kHalf = kSincTaps / 2;
constexpr int kRow = 2 * kSincTaps;

// Frame gain of the fade-in: (n + 1) / (ramp + 1) for the first `ramp` frames, then 1.
inline double FadeGain(int& fadeIn, int ramp) {
  if (fadeIn >= ramp) return 1.0;
  ++fadeIn;
  return static_cast<double>(fadeIn) / (ramp + 1);
}

// Window start: the first of kSincTaps contiguous frames (the mirror makes them contiguous).
// ip >= 0, so the int64 -> uint32 wrap gives the same slot as JavaScript's (head + offset) & mask.
inline const float* Window(const SincRing& ring, int64_t ip) {
  const uint32_t offset = static_cast<uint32_t>(ip - kHalf + 1);
  return ring.data + static_cast<size_t>((ring.head + offset) & ring.mask) * ring.channels;
}

// The kernel row and the weight between it and the next one. pos >= 0, so truncation is Math.floor
// (and avoids a libm call on baseline x86-64, which has no rounding instruction).
inline const double* Row(const double* table, double pos, int64_t ip, double* w) {
  const double phase = (pos - static_cast<double>(ip)) * kSincPhases;
  int p0 = static_cast<int>(phase);
  *w = phase - p0;
  if (p0 > kSincPhases - 1) p0 = kSincPhases - 1;  // unreachable for 0 <= pos - ip < 1
  return table + static_cast<size_t>(p0) * kRow;
}

// Four partial sums per channel (taps j mod 4), added as (s0 + s1) + (s2 + s3): four independent
// dependency chains instead of one, in the order the TypeScript loop uses too.
double Stereo(const SincRing& ring, const double* table, const SincBlock& b) {
  double pos = b.pos;
  int fadeIn = b.fadeIn;
  float* out = b.out;
  for (int f = 0; f < b.frames; ++f) {
    const int64_t ip = static_cast<int64_t>(pos);
    double w;
    const double* row = Row(table, pos, ip, &w);
    const float* at = Window(ring, ip);
    const double gain = FadeGain(fadeIn, b.rampFrames);
    double l[4] = {0, 0, 0, 0};
    double r[4] = {0, 0, 0, 0};
    for (int j = 0; j < kSincTaps; j += 4) {
      for (int q = 0; q < 4; ++q) {
        const double k = row[2 * (j + q)] + w * row[2 * (j + q) + 1];
        l[q] += k * at[2 * (j + q)];
        r[q] += k * at[2 * (j + q) + 1];
      }
    }
    out[2 * f] = static_cast<float>(((l[0] + l[1]) + (l[2] + l[3])) * gain);
    out[2 * f + 1] = static_cast<float>(((r[0] + r[1]) + (r[2] + r[3])) * gain);
    pos += b.ratio;
  }
  return pos;
}

double AnyChannels(const SincRing& ring, const double* table, const SincBlock& b) {
  const int ch = ring.channels;
  double pos = b.pos;
  int fadeIn = b.fadeIn;
  double kernel[kSincTaps];
  for (int f = 0; f < b.frames; ++f) {
    const int64_t ip = static_cast<int64_t>(pos);
    double w;
    const double* row = Row(table, pos, ip, &w);
    const float* at = Window(ring, ip);
    const double gain = FadeGain(fadeIn, b.rampFrames);
    for (int j = 0; j < kSincTaps; ++j) kernel[j] = row[2 * j] + w * row[2 * j + 1];
    for (int c = 0; c < ch; ++c) {
      double s[4] = {0, 0, 0, 0};
      for (int j = 0; j < kSincTaps; j += 4) {
        for (int q = 0; q < 4; ++q) s[q] += kernel[j + q] * at[(j + q) * ch + c];
      }
      b.out[f * ch + c] = static_cast<float>(((s[0] + s[1]) + (s[2] + s[3])) * gain);
    }
    pos += b.ratio;
  }
  return pos;
}

}  // namespace

double SincResample(const SincRing& ring, const double* table, const SincBlock& block) {
  return ring.channels == 2 ? Stereo(ring, table, block) : AnyChannels(ring, table, block);
}

void S16ToFloat(const int16_t* src, float* dst, size_t count) {
  for (size_t i = 0; i < count; ++i) dst[i] = static_cast<float>(src[i] / 32768.0);
}

void FloatToS16(const float* src, int16_t* dst, size_t count) {
  for (size_t i = 0; i < count; ++i) {
    // Math.round(x) is floor(x + 0.5); shifted by 32768 so that truncation is the floor (no libm
    // call, no branch). x = src * 32768 comes from a float: the sum never rounds across an integer.
    double v = static_cast<double>(src[i]) * 32768.0 + 32768.5;
    v = v == v ? v : 32768.0;  // NaN gives 0
    v = v < 0.0 ? 0.0 : v;
    v = v > 65535.0 ? 65535.0 : v;
    dst[i] = static_cast<int16_t>(static_cast<int32_t>(v) - 32768);
  }
}

void GainMixStereo(float* input, float* mix, int frames, double from, double to) {
  for (int i = 0; i < frames; ++i) {
    const double g = from + ((to - from) * (i + 1)) / frames;
    const double l = input[2 * i] * g;
    const double r = input[2 * i + 1] * g;
    input[2 * i] = static_cast<float>(l);
    input[2 * i + 1] = static_cast<float>(r);
    mix[2 * i] = static_cast<float>(mix[2 * i] + l);
    mix[2 * i + 1] = static_cast<float>(mix[2 * i + 1] + r);
  }
}

}  // namespace regie
