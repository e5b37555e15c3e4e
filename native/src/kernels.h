// Pixel kernels on I420 frames. Arguments are already validated (frames big enough for their
// dimensions); every kernel clips to the destination and never touches memory outside the frames.
#pragma once

#include <cstdint>

#include "frame.h"

namespace regie {

// Fills rect (luma exact; chroma on every 2x2 block the rect touches).
void Fill(const Frame& dst, const Rect& rect, Yuv color);

// Draws a frame of `thickness` pixels inside rect (thickness >= half the rect fills it).
void Border(const Frame& dst, const Rect& rect, int64_t thickness, Yuv color);

// 1:1 copy of srcRect (clipped to src, widened to even) to (x, y) (rounded down to even), clipped to dst.
void Blit(const Frame& dst, const Frame& src, int64_t x, int64_t y, const Rect& srcRect);

// Scales srcRect of src into dstRect of dst, per plane: area filter (box average with fractional
// coverage) on an axis that shrinks, bilinear on an axis that grows. Clipping keeps the geometry.
void Scale(const Frame& dst, const Rect& dstRect, const Frame& src, const Rect& srcRect);

// Blends a YUVA image at (x, y) (rounded down to even): a = A * globalAlpha / 255,
// out = (src * a + dst * (255 - a)) / 255 rounded; chroma uses the mean alpha of each 2x2 block.
void Overlay(const Frame& dst, const Frame& yuva, int64_t x, int64_t y, uint32_t globalAlpha255);

// dst = (a * (256 - w) + b * w + 128) >> 8 with w in [0, 256]; all three frames the same size.
// dst may be a or b.
void Crossfade(const Frame& dst, const Frame& a, const Frame& b, uint32_t w256);

}  // namespace regie
