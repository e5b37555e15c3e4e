#include "ops.h"

#include <cmath>

#include "kernels.h"

namespace regie {
namespace {

bool IsMissing(const Napi::Value& v) { return v.IsUndefined() || v.IsNull(); }

}  // namespace

Op ParseOp(Napi::Env env, Napi::Value value, const std::string& name) {
  const Napi::Object o = ExpectObject(env, value, name);
  const Napi::Value tag = o.Get("op");
  if (!tag.IsString()) ThrowType(env, name + ".op must be a string naming the operation");
  const std::string kind = tag.As<Napi::String>().Utf8Value();
  Op op;
  if (kind == "fill") {
    op.kind = OpKind::kFill;
    op.rect = ParseRect(env, o.Get("rect"), name + ".rect");
    op.color = ParseColor(env, o.Get("color"), name + ".color");
  } else if (kind == "border") {
    op.kind = OpKind::kBorder;
    op.rect = ParseRect(env, o.Get("rect"), name + ".rect");
    op.thickness = ParseCoord(env, o.Get("thickness"), name + ".thickness");
    op.color = ParseColor(env, o.Get("color"), name + ".color");
  } else if (kind == "blit") {
    op.kind = OpKind::kBlit;
    op.src = ParseFrame(env, o.Get("src"), name + ".src", false);
    op.x = ParseCoord(env, o.Get("x"), name + ".x");
    op.y = ParseCoord(env, o.Get("y"), name + ".y");
    const Napi::Value sr = o.Get("srcRect");
    op.hasSrcRect = !IsMissing(sr);
    if (op.hasSrcRect) op.srcRect = ParseRect(env, sr, name + ".srcRect");
  } else if (kind == "scale") {
    op.kind = OpKind::kScale;
    op.src = ParseFrame(env, o.Get("src"), name + ".src", false);
    op.rect = ParseRect(env, o.Get("dstRect"), name + ".dstRect");
    const Napi::Value sr = o.Get("srcRect");
    op.hasSrcRect = !IsMissing(sr);
    if (op.hasSrcRect) op.srcRect = ParseRect(env, sr, name + ".srcRect");
  } else if (kind == "overlay") {
    op.kind = OpKind::kOverlay;
    op.src = ParseFrame(env, o.Get("src"), name + ".src", true);
    op.x = ParseCoord(env, o.Get("x"), name + ".x");
    op.y = ParseCoord(env, o.Get("y"), name + ".y");
    const Napi::Value alpha = o.Get("alpha");
    op.amount = IsMissing(alpha) ? 1.0 : ParseUnit(env, alpha, name + ".alpha");
  } else if (kind == "crossfade") {
    op.kind = OpKind::kCrossfade;
    op.src = ParseFrame(env, o.Get("a"), name + ".a", false);
    op.other = ParseFrame(env, o.Get("b"), name + ".b", false);
    op.amount = ParseUnit(env, o.Get("t"), name + ".t");
  } else {
    ThrowType(env, name + ".op must be one of fill, blit, scale, overlay, crossfade, border; got '" + kind + "'");
  }
  return op;
}

void ResolveOp(Napi::Env env, Op& op, const Frame& dst) {
  switch (op.kind) {
    case OpKind::kFill:
    case OpKind::kBorder:
      return;
    case OpKind::kBlit:
    case OpKind::kScale:
    case OpKind::kOverlay:
      op.srcFrame = Resolve(env, op.src);
      if (!op.hasSrcRect) op.srcRect = {0, 0, op.srcFrame.width, op.srcFrame.height};
      return;
    case OpKind::kCrossfade:
      op.srcFrame = Resolve(env, op.src);
      op.otherFrame = Resolve(env, op.other);
      for (const Frame* f : {&op.srcFrame, &op.otherFrame}) {
        if (f->width != dst.width || f->height != dst.height) {
          const FrameRef& ref = f == &op.srcFrame ? op.src : op.other;
          ThrowRange(env, ref.name + " is " + std::to_string(f->width) + "x" + std::to_string(f->height) +
                              " but the destination is " + std::to_string(dst.width) + "x" +
                              std::to_string(dst.height) + ": crossfade needs frames of the same size");
        }
      }
      return;
  }
}

void RunOp(const Frame& dst, const Op& op) {
  switch (op.kind) {
    case OpKind::kFill:
      return Fill(dst, op.rect, op.color);
    case OpKind::kBorder:
      return Border(dst, op.rect, op.thickness, op.color);
    case OpKind::kBlit:
      return Blit(dst, op.srcFrame, op.x, op.y, op.srcRect);
    case OpKind::kScale:
      return Scale(dst, op.rect, op.srcFrame, op.srcRect);
    case OpKind::kOverlay:
      return Overlay(dst, op.srcFrame, op.x, op.y, static_cast<uint32_t>(std::lround(op.amount * 255)));
    case OpKind::kCrossfade:
      return Crossfade(dst, op.srcFrame, op.otherFrame, static_cast<uint32_t>(std::lround(op.amount * 256)));
  }
}

}  // namespace regie
