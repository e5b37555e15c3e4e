// One draw operation, as used both by compose() and by the single-kernel functions, so that a
// draw list and the same calls made one by one go through exactly the same code.
#pragma once

#include <napi.h>

#include <string>

#include "args.h"
#include "frame.h"

namespace regie {

enum class OpKind { kFill, kBlit, kScale, kOverlay, kCrossfade, kBorder };

struct Op {
  OpKind kind = OpKind::kFill;
  Rect rect;            // fill, border: the rect; scale: the destination rect
  Rect srcRect;         // blit, scale (whole source when hasSrcRect is false)
  bool hasSrcRect = false;
  Yuv color;            // fill, border
  int64_t x = 0;        // blit, overlay
  int64_t y = 0;        // blit, overlay
  int64_t thickness = 0;  // border
  double amount = 1.0;  // overlay: global alpha; crossfade: t (both in [0, 1])
  FrameRef src;         // blit, scale: I420 source; overlay: YUVA image; crossfade: a
  FrameRef other;       // crossfade: b
  Frame srcFrame;       // set by ResolveOp
  Frame otherFrame;     // set by ResolveOp
};

// Parses { op: 'fill' | 'blit' | 'scale' | 'overlay' | 'crossfade' | 'border', ... }.
Op ParseOp(Napi::Env env, Napi::Value value, const std::string& name);

// Takes the data pointers of the op's frames and checks them against dst (call after all parsing).
void ResolveOp(Napi::Env env, Op& op, const Frame& dst);

// Runs a resolved op on dst.
void RunOp(const Frame& dst, const Op& op);

}  // namespace regie
