// N-API face of audio_kernels: called a few times per block per source (about 240 blocks a second
// for 8 sources), on the caller's typed arrays in place. Arguments are checked without allocating;
// error messages are built only when a check fails.
#include "audio_addon.h"

#include <cmath>
#include <cstdint>
#include <string>

#include "args.h"
#include "audio_kernels.h"

namespace regie {
namespace {

[[noreturn]] void Fail(Napi::Env env, bool type, const char* fn, const char* name, const char* what) {
  const std::string message = std::string(fn) + ": " + name + " " + what;
  if (type) ThrowType(env, message);
  ThrowRange(env, message);
}

template <typename T>
T Typed(Napi::Env env, Napi::Value v, napi_typedarray_type type, const char* fn, const char* name) {
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != type) {
    Fail(env, true, fn, name, "has the wrong type");
  }
  return v.As<T>();
}

double Num(Napi::Env env, Napi::Value v, const char* fn, const char* name) {
  if (!v.IsNumber()) Fail(env, true, fn, name, "must be a number");
  const double d = v.As<Napi::Number>().DoubleValue();
  if (!std::isfinite(d)) Fail(env, false, fn, name, "must be finite");
  return d;
}

// An integer in [lo, hi].
int64_t Int(Napi::Env env, Napi::Value v, const char* fn, const char* name, double lo, double hi) {
  const double d = Num(env, v, fn, name);
  if (d < lo || d > hi || d != std::floor(d)) Fail(env, false, fn, name, "is out of range");
  return static_cast<int64_t>(d);
}

// sincResample(data, head, mask, channels, table, out, frames, pos, ratio, fadeIn, rampFrames) -> pos
Napi::Value SincResampleJs(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const char* fn = "sincResample";
  const auto data = Typed<Napi::Float32Array>(env, info[0], napi_float32_array, fn, "data");
  const int64_t head = Int(env, info[1], fn, "head", 0, 1 << 28);
  const int64_t mask = Int(env, info[2], fn, "mask", kSincTaps - 1, (1 << 28) - 1);
  const int64_t channels = Int(env, info[3], fn, "channels", 1, 64);
  const auto table = Typed<Napi::Float64Array>(env, info[4], napi_float64_array, fn, "table");
  auto out = Typed<Napi::Float32Array>(env, info[5], napi_float32_array, fn, "out");
  const int64_t frames = Int(env, info[6], fn, "frames", 0, 1 << 24);
  const double pos = Num(env, info[7], fn, "pos");
  const double ratio = Num(env, info[8], fn, "ratio");
  const int64_t fadeIn = Int(env, info[9], fn, "fadeIn", 0, 1 << 30);
  const int64_t ramp = Int(env, info[10], fn, "rampFrames", 1, 1 << 30);
  if (((mask + 1) & mask) != 0 || head > mask) Fail(env, false, fn, "mask", "must be 2^n - 1 and >= head");
  if (data.ElementLength() < static_cast<size_t>(2 * (mask + 1) * channels)) {
    Fail(env, false, fn, "data", "is shorter than 2 x (mask + 1) frames");
  }
  if (table.ElementLength() < static_cast<size_t>(kSincPhases * kSincTaps * 2)) {
    Fail(env, false, fn, "table", "is shorter than 256 rows of 16 pairs");
  }
  if (out.ElementLength() < static_cast<size_t>(frames * channels)) {
    Fail(env, false, fn, "out", "is shorter than frames x channels");
  }
  if (pos < kSincTaps / 2 - 1 || ratio <= 0 || ratio > 4 || pos + ratio * static_cast<double>(frames) > 1e12) {
    Fail(env, false, fn, "pos or ratio", "is out of range");
  }
  const SincRing ring{data.Data(), static_cast<uint32_t>(head), static_cast<uint32_t>(mask),
                      static_cast<int>(channels)};
  const SincBlock block{out.Data(), static_cast<int>(frames), pos, ratio, static_cast<int>(fadeIn),
                        static_cast<int>(ramp)};
  return Napi::Number::New(env, SincResample(ring, table.Data(), block));
}

// s16ToFloat(src: Int16Array, dst: Float32Array, count)
Napi::Value S16ToFloatJs(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const char* fn = "s16ToFloat";
  const auto src = Typed<Napi::Int16Array>(env, info[0], napi_int16_array, fn, "src");
  auto dst = Typed<Napi::Float32Array>(env, info[1], napi_float32_array, fn, "dst");
  const auto count = static_cast<size_t>(Int(env, info[2], fn, "count", 0, 1 << 30));
  if (src.ElementLength() < count || dst.ElementLength() < count) Fail(env, false, fn, "count", "exceeds an array");
  S16ToFloat(src.Data(), dst.Data(), count);
  return env.Undefined();
}

// floatToS16(src: Float32Array, dst: Int16Array, count)
Napi::Value FloatToS16Js(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const char* fn = "floatToS16";
  const auto src = Typed<Napi::Float32Array>(env, info[0], napi_float32_array, fn, "src");
  auto dst = Typed<Napi::Int16Array>(env, info[1], napi_int16_array, fn, "dst");
  const auto count = static_cast<size_t>(Int(env, info[2], fn, "count", 0, 1 << 30));
  if (src.ElementLength() < count || dst.ElementLength() < count) Fail(env, false, fn, "count", "exceeds an array");
  FloatToS16(src.Data(), dst.Data(), count);
  return env.Undefined();
}

// gainMixStereo(input: Float32Array, mix: Float32Array, frames, from, to)
Napi::Value GainMixStereoJs(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const char* fn = "gainMixStereo";
  auto input = Typed<Napi::Float32Array>(env, info[0], napi_float32_array, fn, "input");
  auto mix = Typed<Napi::Float32Array>(env, info[1], napi_float32_array, fn, "mix");
  const int64_t frames = Int(env, info[2], fn, "frames", 0, 1 << 24);
  const double from = Num(env, info[3], fn, "from");
  const double to = Num(env, info[4], fn, "to");
  const auto n = static_cast<size_t>(2 * frames);
  if (input.ElementLength() < n || mix.ElementLength() < n) Fail(env, false, fn, "frames", "exceeds an array");
  GainMixStereo(input.Data(), mix.Data(), static_cast<int>(frames), from, to);
  return env.Undefined();
}

}  // namespace

void InitAudio(Napi::Env env, Napi::Object exports) {
  exports.Set("sincResample", Napi::Function::New(env, SincResampleJs, "sincResample"));
  exports.Set("s16ToFloat", Napi::Function::New(env, S16ToFloatJs, "s16ToFloat"));
  exports.Set("floatToS16", Napi::Function::New(env, FloatToS16Js, "floatToS16"));
  exports.Set("gainMixStereo", Napi::Function::New(env, GainMixStereoJs, "gainMixStereo"));
}

}  // namespace regie
