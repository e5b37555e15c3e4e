// Plain views of I420 frames and the geometry helpers shared by the kernels.
// Nothing here knows about N-API: the kernels get validated views and clipped integer rects.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

namespace regie {

// One 8-bit plane: `stride` bytes per row, `width` x `height` samples.
struct Plane {
  uint8_t* data = nullptr;
  int64_t width = 0;
  int64_t height = 0;
  int64_t stride = 0;

  uint8_t* Row(int64_t y) const { return data + y * stride; }
};

// I420 (Y, then U, then V, chroma at half resolution), optionally followed by a full-resolution
// alpha plane (the YUVA images used by overlay). width and height are even and > 0.
struct Frame {
  int64_t width = 0;
  int64_t height = 0;
  uint8_t* base = nullptr;  // first byte of the Y plane
  size_t bytes = 0;         // bytes that belong to the frame (I420, plus A for YUVA)
  bool hasAlpha = false;

  static size_t LumaSize(int64_t w, int64_t h) { return static_cast<size_t>(w * h); }
  static size_t ChromaSize(int64_t w, int64_t h) { return static_cast<size_t>((w / 2) * (h / 2)); }
  static size_t I420Size(int64_t w, int64_t h) { return LumaSize(w, h) + 2 * ChromaSize(w, h); }
  static size_t YuvaSize(int64_t w, int64_t h) { return I420Size(w, h) + LumaSize(w, h); }

  Plane Y() const { return {base, width, height, width}; }
  Plane U() const { return {base + LumaSize(width, height), width / 2, height / 2, width / 2}; }
  Plane V() const {
    return {base + LumaSize(width, height) + ChromaSize(width, height), width / 2, height / 2, width / 2};
  }
  Plane A() const { return {base + I420Size(width, height), width, height, width}; }
};

struct Yuv {
  uint8_t y = 16;
  uint8_t u = 128;
  uint8_t v = 128;
};

// Integer rectangle; w or h <= 0 means empty. Coordinates are kept within +-2^30 by the parser,
// so sums never overflow int64.
struct Rect {
  int64_t x = 0;
  int64_t y = 0;
  int64_t w = 0;
  int64_t h = 0;

  bool Empty() const { return w <= 0 || h <= 0; }
  int64_t Right() const { return x + w; }
  int64_t Bottom() const { return y + h; }
};

inline Rect Intersect(const Rect& a, const Rect& b) {
  const int64_t x0 = std::max(a.x, b.x);
  const int64_t y0 = std::max(a.y, b.y);
  const int64_t x1 = std::min(a.Right(), b.Right());
  const int64_t y1 = std::min(a.Bottom(), b.Bottom());
  if (x1 <= x0 || y1 <= y0) return {0, 0, 0, 0};
  return {x0, y0, x1 - x0, y1 - y0};
}

inline int64_t FloorDiv2(int64_t v) { return v >= 0 ? v / 2 : -((-v + 1) / 2); }
inline int64_t CeilDiv2(int64_t v) { return -FloorDiv2(-v); }
inline int64_t FloorEven(int64_t v) { return FloorDiv2(v) * 2; }

// The chroma samples touched by a luma rect: every 2x2 block that the rect covers, even partly.
// (A one-pixel border at an odd position therefore still gets its colour in chroma.)
inline Rect ChromaCover(const Rect& luma) {
  if (luma.Empty()) return {0, 0, 0, 0};
  const int64_t x0 = FloorDiv2(luma.x);
  const int64_t y0 = FloorDiv2(luma.y);
  return {x0, y0, CeilDiv2(luma.Right()) - x0, CeilDiv2(luma.Bottom()) - y0};
}

// True when the bytes of two frames overlap (a kernel then reads from a private copy of its source).
inline bool Overlaps(const Frame& a, const Frame& b) {
  return a.base < b.base + b.bytes && b.base < a.base + a.bytes;
}

// A private copy of a frame, for sources that overlap their destination.
struct FrameCopy {
  std::vector<uint8_t> storage;
  Frame view;

  explicit FrameCopy(const Frame& f) : storage(f.base, f.base + f.bytes), view(f) { view.base = storage.data(); }
};

inline Rect Bounds(const Plane& p) { return {0, 0, p.width, p.height}; }

// Rounded x / 255 for 0 <= x <= 255 * 255 (exact over that range).
inline uint32_t Div255(uint32_t x) {
  x += 128;
  return (x + (x >> 8)) >> 8;
}

}  // namespace regie
