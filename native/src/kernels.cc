#include "kernels.h"

#include <cstring>
#include <memory>

#include "parallel.h"

namespace regie {
namespace {

void FillPlane(const Plane& p, const Rect& r, uint8_t value) {
  const Rect c = Intersect(r, Bounds(p));
  if (c.Empty()) return;
  // Memory-bound: one thread already runs at memory speed.
  for (int64_t row = 0; row < c.h; ++row) std::memset(p.Row(c.y + row) + c.x, value, static_cast<size_t>(c.w));
}

void CopyPlane(const Plane& dst, int64_t dx, int64_t dy, const Plane& src, int64_t sx, int64_t sy, int64_t w,
               int64_t h) {
  for (int64_t row = 0; row < h; ++row) {
    std::memcpy(dst.Row(dy + row) + dx, src.Row(sy + row) + sx, static_cast<size_t>(w));
  }
}

// round(x / 255) for x <= 255 * 255, in 16-bit arithmetic (so SIMD gets 8 lanes).
inline uint16_t Div255u16(uint16_t x) {
  x = static_cast<uint16_t>(x + 128);
  return static_cast<uint16_t>(static_cast<uint16_t>(x + (x >> 8)) >> 8);
}

// Blends one row: d = round((s * a + d * (255 - a)) / 255), a = alpha[i] (already 0..255).
inline void BlendRow(uint8_t* __restrict d, const uint8_t* __restrict s, const uint8_t* __restrict alpha,
                     int64_t n) {
  for (int64_t i = 0; i < n; ++i) {
    const uint16_t a = alpha[i];
    const uint16_t mix = static_cast<uint16_t>(static_cast<uint16_t>(s[i] * a) +
                                               static_cast<uint16_t>(d[i] * static_cast<uint16_t>(255 - a)));
    d[i] = static_cast<uint8_t>(Div255u16(mix));
  }
}

// Effective luma alpha for one row: A * g / 255 (g == 255 is a plain copy).
inline void LumaAlphaRow(uint8_t* __restrict out, const uint8_t* __restrict a, uint32_t g, int64_t n) {
  if (g == 255) {
    std::memcpy(out, a, static_cast<size_t>(n));
    return;
  }
  const uint16_t g16 = static_cast<uint16_t>(g);
  for (int64_t i = 0; i < n; ++i) out[i] = static_cast<uint8_t>(Div255u16(static_cast<uint16_t>(a[i] * g16)));
}

// Effective chroma alpha for one chroma row: mean of each 2x2 block of A, times g / 255.
inline void ChromaAlphaRow(uint8_t* __restrict out, const uint8_t* __restrict a0, const uint8_t* __restrict a1,
                           uint32_t g, int64_t n) {
  const uint16_t g16 = static_cast<uint16_t>(g);
  for (int64_t i = 0; i < n; ++i) {
    const uint16_t sum = static_cast<uint16_t>(a0[2 * i] + a0[2 * i + 1] + a1[2 * i] + a1[2 * i + 1] + 2);
    const uint16_t mean = static_cast<uint16_t>(sum >> 2);
    out[i] = static_cast<uint8_t>(Div255u16(static_cast<uint16_t>(mean * g16)));
  }
}

}  // namespace

void Fill(const Frame& dst, const Rect& rect, Yuv color) {
  const Rect luma = Intersect(rect, Bounds(dst.Y()));
  if (luma.Empty()) return;
  const Rect chroma = ChromaCover(luma);
  FillPlane(dst.Y(), luma, color.y);
  FillPlane(dst.U(), chroma, color.u);
  FillPlane(dst.V(), chroma, color.v);
}

void Border(const Frame& dst, const Rect& rect, int64_t thickness, Yuv color) {
  if (rect.Empty() || thickness <= 0) return;
  if (2 * thickness >= rect.w || 2 * thickness >= rect.h) {
    Fill(dst, rect, color);
    return;
  }
  const int64_t t = thickness;
  Fill(dst, {rect.x, rect.y, rect.w, t}, color);
  Fill(dst, {rect.x, rect.Bottom() - t, rect.w, t}, color);
  Fill(dst, {rect.x, rect.y + t, t, rect.h - 2 * t}, color);
  Fill(dst, {rect.Right() - t, rect.y + t, t, rect.h - 2 * t}, color);
}

void Blit(const Frame& dst, const Frame& srcIn, int64_t x, int64_t y, const Rect& srcRect) {
  std::unique_ptr<FrameCopy> copy;
  if (Overlaps(dst, srcIn)) copy = std::make_unique<FrameCopy>(srcIn);
  const Frame& src = copy ? copy->view : srcIn;

  if (srcRect.Empty()) return;
  // Snap to the chroma grid: the source rect widens to even edges, and its (snapped) origin goes
  // to the (snapped) destination point. Everything below is then even.
  const int64_t sx0 = FloorEven(srcRect.x), sy0 = FloorEven(srcRect.y);
  const Rect snapped{sx0, sy0, -FloorEven(-srcRect.Right()) - sx0, -FloorEven(-srcRect.Bottom()) - sy0};
  const int64_t px = FloorEven(x), py = FloorEven(y);
  const Rect visible = Intersect(snapped, Bounds(src.Y()));
  if (visible.Empty()) return;
  const Rect placed{px + (visible.x - snapped.x), py + (visible.y - snapped.y), visible.w, visible.h};
  const Rect d = Intersect(placed, Bounds(dst.Y()));
  if (d.Empty()) return;
  const int64_t ox = visible.x + (d.x - placed.x);
  const int64_t oy = visible.y + (d.y - placed.y);
  CopyPlane(dst.Y(), d.x, d.y, src.Y(), ox, oy, d.w, d.h);
  CopyPlane(dst.U(), d.x / 2, d.y / 2, src.U(), ox / 2, oy / 2, d.w / 2, d.h / 2);
  CopyPlane(dst.V(), d.x / 2, d.y / 2, src.V(), ox / 2, oy / 2, d.w / 2, d.h / 2);
}

void Overlay(const Frame& dst, const Frame& yuvaIn, int64_t x, int64_t y, uint32_t g) {
  if (g == 0) return;
  std::unique_ptr<FrameCopy> copy;
  if (Overlaps(dst, yuvaIn)) copy = std::make_unique<FrameCopy>(yuvaIn);
  const Frame& src = copy ? copy->view : yuvaIn;

  const Rect placed{FloorEven(x), FloorEven(y), src.width, src.height};
  const Rect d = Intersect(placed, Bounds(dst.Y()));
  if (d.Empty()) return;
  const int64_t ox = d.x - placed.x;  // even
  const int64_t oy = d.y - placed.y;  // even
  const Plane sy = src.Y(), su = src.U(), sv = src.V(), sa = src.A();
  const Plane dy = dst.Y(), du = dst.U(), dv = dst.V();

  // Work in pairs of luma rows, so each chunk also owns its chroma row.
  const int64_t pairs = d.h / 2;
  ParallelFor(pairs, d.w * d.h * 2, [&](int64_t begin, int64_t end) {
    std::unique_ptr<uint8_t[]> alpha(new uint8_t[static_cast<size_t>(d.w)]);
    for (int64_t p = begin; p < end; ++p) {
      for (int64_t k = 0; k < 2; ++k) {
        const int64_t row = 2 * p + k;
        LumaAlphaRow(alpha.get(), sa.Row(oy + row) + ox, g, d.w);
        BlendRow(dy.Row(d.y + row) + d.x, sy.Row(oy + row) + ox, alpha.get(), d.w);
      }
      const int64_t cw = d.w / 2;
      ChromaAlphaRow(alpha.get(), sa.Row(oy + 2 * p) + ox, sa.Row(oy + 2 * p + 1) + ox, g, cw);
      BlendRow(du.Row(d.y / 2 + p) + d.x / 2, su.Row(oy / 2 + p) + ox / 2, alpha.get(), cw);
      BlendRow(dv.Row(d.y / 2 + p) + d.x / 2, sv.Row(oy / 2 + p) + ox / 2, alpha.get(), cw);
    }
  });
}

void Crossfade(const Frame& dst, const Frame& a, const Frame& b, uint32_t w) {
  const size_t total = Frame::I420Size(dst.width, dst.height);
  // a * (256 - w) + b * w + 128 <= 255 * 256 + 128: 16-bit lanes suffice.
  const uint16_t wb = static_cast<uint16_t>(w > 256 ? 256 : w);
  const uint16_t wa = static_cast<uint16_t>(256 - wb);
  constexpr size_t kBlock = 4096;  // through a small buffer, so dst may alias a or b
  const int64_t blocks = static_cast<int64_t>((total + kBlock - 1) / kBlock);
  ParallelFor(blocks, static_cast<int64_t>(total), [&](int64_t begin, int64_t end) {
    alignas(64) uint8_t tmp[kBlock];
    for (int64_t blk = begin; blk < end; ++blk) {
      const size_t off = static_cast<size_t>(blk) * kBlock;
      const size_t n = std::min(kBlock, total - off);
      const uint8_t* __restrict pa = a.base + off;
      const uint8_t* __restrict pb = b.base + off;
      for (size_t i = 0; i < n; ++i) {
        tmp[i] = static_cast<uint8_t>(static_cast<uint16_t>(pa[i] * wa + pb[i] * wb + 128) >> 8);
      }
      std::memcpy(dst.base + off, tmp, n);
    }
  });
}

}  // namespace regie
