// Filter tables of the scaler, one per axis and plane.
#pragma once

#include <cstdint>
#include <vector>

namespace regie {

// Output sample i (in [begin, end), destination-plane coordinates) reads the source samples
// start[i - begin] .. + taps with weights weight[(i - begin) * taps + k], which sum to 1 << bits.
struct Axis {
  int64_t begin = 0;
  int64_t end = 0;
  int taps = 1;
  std::vector<int32_t> start;
  std::vector<int16_t> weight;
  int64_t Count() const { return end - begin; }
};

// Output sample i covers the source interval [offset + i * step, offset + (i + 1) * step), in
// source-plane units. step >= 1 (shrinking): area filter, each source sample weighted by the part of
// it that the interval covers. step < 1 (growing): bilinear between the two samples around the
// centre of the interval. Source samples are clamped to [lo, hi). bits <= 14.
Axis BuildAxis(double offset, double step, int64_t begin, int64_t end, int64_t lo, int64_t hi, int bits);

}  // namespace regie
