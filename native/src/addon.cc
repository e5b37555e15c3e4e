// N-API entry points. Each function parses all its arguments, then resolves the buffers, then
// runs the kernel synchronously on the caller's memory (no copies, no JS runs meanwhile).
#include <napi.h>

#include <string>
#include <vector>

#include "args.h"
#include "audio_addon.h"
#include "io_addon.h"
#include "ops.h"
#include "parallel.h"

namespace regie {
namespace {

// Runs one op built from positional arguments, exactly as compose() would run it.
void RunSingle(Napi::Env env, const FrameRef& dstRef, Op& op) {
  const Frame dst = Resolve(env, dstRef);
  ResolveOp(env, op, dst);
  RunOp(dst, op);
}

Napi::Value FillJs(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const FrameRef dst = ParseFrame(env, info[0], "fill: dst", false);
  Op op;
  op.kind = OpKind::kFill;
  op.rect = ParseRect(env, info[1], "fill: rect");
  op.color = ParseColor(env, info[2], "fill: color");
  RunSingle(env, dst, op);
  return env.Undefined();
}

Napi::Value BorderJs(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const FrameRef dst = ParseFrame(env, info[0], "border: dst", false);
  Op op;
  op.kind = OpKind::kBorder;
  op.rect = ParseRect(env, info[1], "border: rect");
  op.thickness = ParseCoord(env, info[2], "border: thickness");
  op.color = ParseColor(env, info[3], "border: color");
  RunSingle(env, dst, op);
  return env.Undefined();
}

void ParseOptionalSrcRect(Napi::Env env, Napi::Value v, Op& op, const std::string& name) {
  op.hasSrcRect = !(v.IsUndefined() || v.IsNull());
  if (op.hasSrcRect) op.srcRect = ParseRect(env, v, name);
}

Napi::Value BlitJs(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const FrameRef dst = ParseFrame(env, info[0], "blit: dst", false);
  Op op;
  op.kind = OpKind::kBlit;
  op.src = ParseFrame(env, info[1], "blit: src", false);
  op.x = ParseCoord(env, info[2], "blit: x");
  op.y = ParseCoord(env, info[3], "blit: y");
  ParseOptionalSrcRect(env, info[4], op, "blit: srcRect");
  RunSingle(env, dst, op);
  return env.Undefined();
}

Napi::Value ScaleJs(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const FrameRef dst = ParseFrame(env, info[0], "scale: dst", false);
  Op op;
  op.kind = OpKind::kScale;
  op.rect = ParseRect(env, info[1], "scale: dstRect");
  op.src = ParseFrame(env, info[2], "scale: src", false);
  ParseOptionalSrcRect(env, info[3], op, "scale: srcRect");
  RunSingle(env, dst, op);
  return env.Undefined();
}

Napi::Value OverlayJs(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const FrameRef dst = ParseFrame(env, info[0], "overlay: dst", false);
  Op op;
  op.kind = OpKind::kOverlay;
  op.src = ParseFrame(env, info[1], "overlay: src", true);
  op.x = ParseCoord(env, info[2], "overlay: x");
  op.y = ParseCoord(env, info[3], "overlay: y");
  op.amount = info[4].IsUndefined() ? 1.0 : ParseUnit(env, info[4], "overlay: alpha");
  RunSingle(env, dst, op);
  return env.Undefined();
}

Napi::Value CrossfadeJs(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const FrameRef dst = ParseFrame(env, info[0], "crossfade: dst", false);
  Op op;
  op.kind = OpKind::kCrossfade;
  op.src = ParseFrame(env, info[1], "crossfade: a", false);
  op.other = ParseFrame(env, info[2], "crossfade: b", false);
  op.amount = ParseUnit(env, info[3], "crossfade: t");
  RunSingle(env, dst, op);
  return env.Undefined();
}

Napi::Value ComposeJs(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const FrameRef dstRef = ParseFrame(env, info[0], "compose: dst", false);
  if (!info[1].IsArray()) ThrowType(env, "compose: ops must be an array of draw operations");
  const Napi::Array list = info[1].As<Napi::Array>();
  const uint32_t count = list.Length();
  std::vector<Op> ops;
  ops.reserve(count);
  for (uint32_t i = 0; i < count; ++i) {
    ops.push_back(ParseOp(env, list.Get(i), "compose: ops[" + std::to_string(i) + "]"));
  }
  // All properties are read: now take the pointers, and draw only if every op is valid.
  const Frame dst = Resolve(env, dstRef);
  for (Op& op : ops) ResolveOp(env, op, dst);
  for (const Op& op : ops) RunOp(dst, op);
  return env.Undefined();
}

Napi::Value SetThreadsJs(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const double n = ParseNumber(env, info[0], "setThreads: n");
  if (n != 1 && n != 2) ThrowRange(env, "setThreads: n must be 1 or 2");
  SetThreadCount(static_cast<int>(n));
  return Napi::Number::New(env, ThreadCount());
}

Napi::Value GetThreadsJs(const Napi::CallbackInfo& info) { return Napi::Number::New(info.Env(), ThreadCount()); }

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("fill", Napi::Function::New(env, FillJs, "fill"));
  exports.Set("border", Napi::Function::New(env, BorderJs, "border"));
  exports.Set("blit", Napi::Function::New(env, BlitJs, "blit"));
  exports.Set("scale", Napi::Function::New(env, ScaleJs, "scale"));
  exports.Set("overlay", Napi::Function::New(env, OverlayJs, "overlay"));
  exports.Set("crossfade", Napi::Function::New(env, CrossfadeJs, "crossfade"));
  exports.Set("compose", Napi::Function::New(env, ComposeJs, "compose"));
  exports.Set("setThreads", Napi::Function::New(env, SetThreadsJs, "setThreads"));
  exports.Set("getThreads", Napi::Function::New(env, GetThreadsJs, "getThreads"));
  InitIo(env, exports);
  InitAudio(env, exports);
  exports.Set("abiVersion", Napi::Number::New(env, 3));
  return exports;
}

}  // namespace
}  // namespace regie

static Napi::Object InitRegieCompositor(Napi::Env env, Napi::Object exports) { return regie::Init(env, exports); }

NODE_API_MODULE(regie_compositor, InitRegieCompositor)
