#include "scale_filter.h"

#include <algorithm>
#include <cmath>

namespace regie {
namespace {

// Coverage of the source samples by one output sample; first is the index of w[0].
struct Taps {
  int64_t first = 0;
  std::vector<double> w;
};

Taps AreaTaps(double l, double r, int64_t lo, int64_t hi, double centre) {
  Taps t;
  l = std::max(l, static_cast<double>(lo));
  r = std::min(r, static_cast<double>(hi));
  if (r - l <= 1e-9) {  // the interval lies outside the source: use the nearest edge sample
    t.first = std::min(hi - 1, std::max(lo, static_cast<int64_t>(std::floor(centre))));
    t.w.push_back(1.0);
    return t;
  }
  t.first = static_cast<int64_t>(std::floor(l));
  const int64_t last = std::min(hi, static_cast<int64_t>(std::ceil(r)));
  for (int64_t p = t.first; p < last; ++p) {
    const double pd = static_cast<double>(p);
    t.w.push_back(std::max(0.0, std::min(r, pd + 1) - std::max(l, pd)) / (r - l));
  }
  // Rounding noise at the ends must not widen the filter.
  while (t.w.size() > 1 && t.w.back() < 1e-9) t.w.pop_back();
  while (t.w.size() > 1 && t.w.front() < 1e-9) {
    t.w.erase(t.w.begin());
    ++t.first;
  }
  return t;
}

Taps BilinearTaps(double c, int64_t lo, int64_t hi) {
  Taps t;
  c = std::min(static_cast<double>(hi - 1), std::max(static_cast<double>(lo), c));
  t.first = std::min(hi - 1, static_cast<int64_t>(std::floor(c)));
  const double f = c - static_cast<double>(t.first);
  t.w.push_back(1.0 - f);
  if (t.first + 1 < hi) t.w.push_back(f);
  return t;
}

}  // namespace

Axis BuildAxis(double offset, double step, int64_t begin, int64_t end, int64_t lo, int64_t hi, int bits) {
  const int64_t one = int64_t{1} << bits;
  const int64_t count = std::max<int64_t>(0, end - begin);
  std::vector<Taps> all(static_cast<size_t>(count));
  size_t taps = 1;
  for (int64_t n = 0; n < count; ++n) {
    const double i = static_cast<double>(begin + n);
    Taps& t = all[static_cast<size_t>(n)];
    if (step >= 1.0) {
      t = AreaTaps(offset + i * step, offset + (i + 1) * step, lo, hi, offset + (i + 0.5) * step);
    } else {
      t = BilinearTaps(offset + (i + 0.5) * step - 0.5, lo, hi);
    }
    taps = std::max(taps, t.w.size());
  }
  // Every output gets the same number of taps, starting early enough to stay inside [lo, hi).
  taps = std::min(taps, static_cast<size_t>(hi - lo));
  Axis axis;
  axis.begin = begin;
  axis.end = begin + count;
  axis.taps = static_cast<int>(taps);
  axis.start.resize(static_cast<size_t>(count));
  axis.weight.assign(static_cast<size_t>(count) * taps, 0);
  for (int64_t n = 0; n < count; ++n) {
    const Taps& t = all[static_cast<size_t>(n)];
    const int64_t start = std::max(lo, std::min(t.first, hi - static_cast<int64_t>(taps)));
    axis.start[static_cast<size_t>(n)] = static_cast<int32_t>(start);
    // Cumulative rounding: integer weights that sum to exactly `one`.
    double sum = 0;
    for (double v : t.w) sum += v;
    double acc = 0;
    int64_t prev = 0;
    for (size_t k = 0; k < t.w.size(); ++k) {
      acc += t.w[k];
      const int64_t cum = std::llround(acc / sum * static_cast<double>(one));
      const int64_t slot = t.first + static_cast<int64_t>(k) - start;
      if (slot >= 0 && slot < static_cast<int64_t>(taps)) {
        axis.weight[static_cast<size_t>(n) * taps + static_cast<size_t>(slot)] =
            static_cast<int16_t>(axis.weight[static_cast<size_t>(n) * taps + static_cast<size_t>(slot)] + (cum - prev));
      }
      prev = cum;
    }
  }
  return axis;
}

}  // namespace regie
