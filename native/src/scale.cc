// Separable scaler. Per output row: a vertical pass (8-bit weights, exact in 16-bit lanes) into a
// row of 9.7 fixed-point values, then a horizontal pass (14-bit weights) back to 8 bits. The
// horizontal pass is a gather; on x86 it runs on SSE2 with pmaddwd over pairs of taps.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <utility>
#include <vector>

#if defined(__SSE2__) || defined(_M_X64)
#include <emmintrin.h>
#define REGIE_SSE2 1
#endif

#include "kernels.h"
#include "parallel.h"
#include "scale_filter.h"

namespace regie {
namespace {

constexpr int kVerticalBits = 8;     // sum of w * src <= 255 * 256: fits 16 bits
constexpr int kHorizontalBits = 14;  // sum of w * tmp <= 32640 * 16384 (+ rounding): fits int32
constexpr int kHorizontalShift = kHorizontalBits + 7;

// out[x] = round(sum_k w[k] * rows[k][x] / 2): the 16-bit lanes never overflow (weights sum to 256).
template <int N>
void VerticalRow(const uint8_t* const* rows, const int16_t* w, uint16_t* __restrict out, int64_t n) {
  uint16_t wk[N];
  const uint8_t* __restrict r[N];
  for (int k = 0; k < N; ++k) {
    wk[k] = static_cast<uint16_t>(w[k]);
    r[k] = rows[k];
  }
  for (int64_t x = 0; x < n; ++x) {
    uint16_t sum = 1;
    for (int k = 0; k < N; ++k) sum = static_cast<uint16_t>(sum + static_cast<uint16_t>(wk[k] * r[k][x]));
    out[x] = static_cast<uint16_t>(sum >> 1);
  }
}

void VerticalRowN(const uint8_t* const* rows, const int16_t* w, int taps, uint16_t* __restrict out, int64_t n) {
  for (int64_t x = 0; x < n; ++x) out[x] = 1;
  for (int k = 0; k < taps; ++k) {
    const uint8_t* __restrict row = rows[k];
    const uint16_t wk = static_cast<uint16_t>(w[k]);
    for (int64_t x = 0; x < n; ++x) out[x] = static_cast<uint16_t>(out[x] + static_cast<uint16_t>(wk * row[x]));
  }
  for (int64_t x = 0; x < n; ++x) out[x] = static_cast<uint16_t>(out[x] >> 1);
}

void Vertical(const uint8_t* const* rows, const int16_t* w, int taps, uint16_t* out, int64_t n) {
  switch (taps) {
    case 1: return VerticalRow<1>(rows, w, out, n);
    case 2: return VerticalRow<2>(rows, w, out, n);
    case 3: return VerticalRow<3>(rows, w, out, n);
    case 4: return VerticalRow<4>(rows, w, out, n);
    case 5: return VerticalRow<5>(rows, w, out, n);
    case 6: return VerticalRow<6>(rows, w, out, n);
    default: return VerticalRowN(rows, w, taps, out, n);
  }
}

// The horizontal taps of one plane, relative to the first source column that the pass reads.
struct HorizontalTable {
  int taps = 1;
  int pairs = 1;                 // taps rounded up to pairs (the odd one out has weight 0)
  std::vector<int32_t> start;    // per output
  std::vector<int16_t> weight;   // per output, `taps` weights
  std::vector<int16_t> grouped;  // per group of 4 outputs and pair p: 4 x (w[2p], w[2p + 1])
};

HorizontalTable MakeHorizontal(const Axis& ax, int64_t c0) {
  HorizontalTable h;
  h.taps = ax.taps;
  h.pairs = (ax.taps + 1) / 2;
  const size_t n = static_cast<size_t>(ax.Count());
  h.start.resize(n);
  for (size_t i = 0; i < n; ++i) h.start[i] = static_cast<int32_t>(ax.start[i] - c0);
  h.weight = ax.weight;
  const size_t groups = n / 4;
  h.grouped.assign(groups * static_cast<size_t>(h.pairs) * 8, 0);
  for (size_t g = 0; g < groups; ++g) {
    for (int p = 0; p < h.pairs; ++p) {
      for (size_t k = 0; k < 4; ++k) {
        const size_t i = g * 4 + k;
        for (int t = 0; t < 2; ++t) {
          const int tap = 2 * p + t;
          const int16_t w = tap < ax.taps ? ax.weight[i * static_cast<size_t>(ax.taps) + static_cast<size_t>(tap)] : 0;
          h.grouped[(g * static_cast<size_t>(h.pairs) + static_cast<size_t>(p)) * 8 + k * 2 + static_cast<size_t>(t)] = w;
        }
      }
    }
  }
  return h;
}

inline uint8_t HorizontalOne(const uint16_t* in, const HorizontalTable& h, size_t i) {
  const uint16_t* p = in + h.start[i];
  const int16_t* w = &h.weight[i * static_cast<size_t>(h.taps)];
  uint32_t sum = 1u << (kHorizontalShift - 1);
  for (int k = 0; k < h.taps; ++k) sum += static_cast<uint32_t>(w[k]) * p[k];
  return static_cast<uint8_t>(sum >> kHorizontalShift);
}

// `in` holds at least one readable sample past the last tap (the zero-weight odd tap of a pair).
void Horizontal(const uint16_t* in, const HorizontalTable& h, uint8_t* __restrict out, int64_t count) {
  const size_t n = static_cast<size_t>(count);
  size_t i = 0;
#ifdef REGIE_SSE2
  const __m128i round = _mm_set1_epi32(1 << (kHorizontalShift - 1));
  auto load2 = [in](int32_t idx) {
    int32_t v;
    std::memcpy(&v, in + idx, sizeof v);
    return _mm_cvtsi32_si128(v);
  };
  for (; i + 4 <= n; i += 4) {
    const int32_t* s = &h.start[i];
    const int16_t* w = &h.grouped[(i / 4) * static_cast<size_t>(h.pairs) * 8];
    __m128i acc = round;
    for (int p = 0; p < h.pairs; ++p) {
      const __m128i lo = _mm_unpacklo_epi32(load2(s[0] + 2 * p), load2(s[1] + 2 * p));
      const __m128i hi = _mm_unpacklo_epi32(load2(s[2] + 2 * p), load2(s[3] + 2 * p));
      const __m128i px = _mm_unpacklo_epi64(lo, hi);
      const __m128i wp = _mm_loadu_si128(reinterpret_cast<const __m128i*>(w + p * 8));
      acc = _mm_add_epi32(acc, _mm_madd_epi16(px, wp));
    }
    const __m128i v = _mm_srai_epi32(acc, kHorizontalShift);
    const __m128i b = _mm_packus_epi16(_mm_packs_epi32(v, v), _mm_setzero_si128());
    const int32_t four = _mm_cvtsi128_si32(b);
    std::memcpy(out + i, &four, sizeof four);
  }
#endif
  for (; i < n; ++i) out[i] = HorizontalOne(in, h, i);
}

// One plane's share of a scale: the filter tables and the source columns the vertical pass reads.
struct PlaneJob {
  Plane dst;
  Plane src;
  Axis ay;
  HorizontalTable h;
  int64_t xBegin = 0;  // first destination column
  int64_t outputs = 0;  // destination columns
  int64_t c0 = 0;       // first source column read
  int64_t cols = 0;     // source columns read
};

PlaneJob MakeJob(const Plane& dst, const Plane& src, const Axis& ax, Axis ay) {
  PlaneJob job;
  job.dst = dst;
  job.src = src;
  job.ay = std::move(ay);
  if (ax.Count() <= 0 || job.ay.Count() <= 0) return job;
  int64_t c0 = ax.start.front();
  int64_t c1 = c0 + ax.taps;
  for (int32_t s : ax.start) {
    c0 = std::min<int64_t>(c0, s);
    c1 = std::max<int64_t>(c1, s + ax.taps);
  }
  job.h = MakeHorizontal(ax, c0);
  job.xBegin = ax.begin;
  job.outputs = ax.Count();
  job.c0 = c0;
  job.cols = c1 - c0;
  return job;
}

int64_t Rows(const PlaneJob& job) { return job.outputs > 0 ? job.ay.Count() : 0; }

// Rows [begin, end) of one plane; tmp holds at least cols + 2 samples, the last two zero.
void RunRows(const PlaneJob& job, int64_t begin, int64_t end, uint16_t* tmp, std::vector<const uint8_t*>& rows) {
  const Axis& ay = job.ay;
  rows.resize(static_cast<size_t>(ay.taps));
  for (int64_t j = begin; j < end; ++j) {
    const int64_t s = ay.start[static_cast<size_t>(j)];
    for (int k = 0; k < ay.taps; ++k) rows[static_cast<size_t>(k)] = job.src.Row(s + k) + job.c0;
    Vertical(rows.data(), &ay.weight[static_cast<size_t>(j) * static_cast<size_t>(ay.taps)], ay.taps, tmp, job.cols);
    tmp[job.cols] = 0;
    tmp[job.cols + 1] = 0;
    Horizontal(tmp, job.h, job.dst.Row(ay.begin + j) + job.xBegin, job.outputs);
  }
}

// All rows of the three planes form one index space, so a scale is one split across threads.
void RunJobs(const PlaneJob (&jobs)[3]) {
  int64_t total = 0;
  int64_t work = 0;
  size_t maxCols = 0;
  for (const PlaneJob& job : jobs) {
    total += Rows(job);
    work += Rows(job) * (job.cols * job.ay.taps + job.outputs * job.h.taps);
    maxCols = std::max(maxCols, static_cast<size_t>(job.cols));
  }
  ParallelFor(total, work, [&](int64_t begin, int64_t end) {
    std::vector<uint16_t> tmp(maxCols + 2, 0);
    std::vector<const uint8_t*> rows;
    int64_t base = 0;
    for (const PlaneJob& job : jobs) {
      const int64_t n = Rows(job);
      const int64_t b = std::max(begin, base);
      const int64_t e = std::min(end, base + n);
      if (b < e) RunRows(job, b - base, e - base, tmp.data(), rows);
      base += n;
    }
  });
}

}  // namespace

void Scale(const Frame& dst, const Rect& dstRect, const Frame& srcIn, const Rect& srcRect) {
  if (dstRect.Empty() || srcRect.Empty()) return;
  std::unique_ptr<FrameCopy> copy;
  if (Overlaps(dst, srcIn)) copy = std::make_unique<FrameCopy>(srcIn);
  const Frame& src = copy ? copy->view : srcIn;

  const Rect vis = Intersect(srcRect, Bounds(src.Y()));
  if (vis.Empty()) return;
  // Affine map from dst luma to src luma: s = offset + d * step, per axis.
  const double stepX = static_cast<double>(srcRect.w) / static_cast<double>(dstRect.w);
  const double stepY = static_cast<double>(srcRect.h) / static_cast<double>(dstRect.h);
  const double offX = static_cast<double>(srcRect.x) - static_cast<double>(dstRect.x) * stepX;
  const double offY = static_cast<double>(srcRect.y) - static_cast<double>(dstRect.y) * stepY;
  // The dst part that shows the visible source (clipping the source keeps the geometry).
  auto toDst = [](double s, double off, double step) { return static_cast<int64_t>(std::llround((s - off) / step)); };
  Rect out{toDst(static_cast<double>(vis.x), offX, stepX), toDst(static_cast<double>(vis.y), offY, stepY), 0, 0};
  out.w = toDst(static_cast<double>(vis.Right()), offX, stepX) - out.x;
  out.h = toDst(static_cast<double>(vis.Bottom()), offY, stepY) - out.y;
  out = Intersect(Intersect(out, dstRect), Bounds(dst.Y()));
  if (out.Empty()) return;

  // Chroma: the same map at half resolution, on every chroma sample that `out` touches.
  const Rect cOut = ChromaCover(out);
  const Rect cVis = ChromaCover(vis);
  const Axis lx = BuildAxis(offX, stepX, out.x, out.Right(), vis.x, vis.Right(), kHorizontalBits);
  const Axis cx = BuildAxis(offX / 2, stepX, cOut.x, cOut.Right(), cVis.x, cVis.Right(), kHorizontalBits);
  const Axis cy = BuildAxis(offY / 2, stepY, cOut.y, cOut.Bottom(), cVis.y, cVis.Bottom(), kVerticalBits);
  const PlaneJob jobs[3] = {
      MakeJob(dst.Y(), src.Y(), lx, BuildAxis(offY, stepY, out.y, out.Bottom(), vis.y, vis.Bottom(), kVerticalBits)),
      MakeJob(dst.U(), src.U(), cx, cy),
      MakeJob(dst.V(), src.V(), cx, cy),
  };
  RunJobs(jobs);
}

}  // namespace regie
