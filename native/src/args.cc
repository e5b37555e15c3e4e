#include "args.h"

#include <cmath>

namespace regie {
namespace {

constexpr int64_t kMaxDimension = 16384;
constexpr double kCoordLimit = 1073741824.0;  // 2^30

std::string Describe(Napi::Value value) {
  switch (value.Type()) {
    case napi_undefined: return "undefined";
    case napi_null: return "null";
    case napi_boolean: return "a boolean";
    case napi_number: return "a number";
    case napi_string: return "a string";
    case napi_symbol: return "a symbol";
    case napi_object: return value.IsArray() ? "an array" : "an object";
    case napi_function: return "a function";
    case napi_external: return "an external";
    case napi_bigint: return "a bigint";
  }
  return "an unknown value";
}

std::string Num(double v) {
  if (v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<int64_t>(v));
  return std::to_string(v);
}

int64_t ParseDimension(Napi::Env env, Napi::Value value, const std::string& name) {
  const double v = ParseNumber(env, value, name);
  if (v != std::floor(v) || v <= 0 || v > static_cast<double>(kMaxDimension)) {
    ThrowRange(env, name + " must be an integer in [2, " + std::to_string(kMaxDimension) + "], got " + Num(v));
  }
  const int64_t i = static_cast<int64_t>(v);
  if (i % 2 != 0) ThrowRange(env, name + " must be even for I420, got " + std::to_string(i));
  return i;
}

}  // namespace

void ThrowType(Napi::Env env, const std::string& message) { throw Napi::TypeError::New(env, message); }

void ThrowRange(Napi::Env env, const std::string& message) { throw Napi::RangeError::New(env, message); }

Napi::Object ExpectObject(Napi::Env env, Napi::Value value, const std::string& name) {
  if (!value.IsObject() || value.IsFunction()) {
    ThrowType(env, name + " must be an object, got " + Describe(value));
  }
  return value.As<Napi::Object>();
}

double ParseNumber(Napi::Env env, Napi::Value value, const std::string& name) {
  if (!value.IsNumber()) ThrowType(env, name + " must be a number, got " + Describe(value));
  const double v = value.As<Napi::Number>().DoubleValue();
  if (!std::isfinite(v)) ThrowRange(env, name + " must be finite, got " + std::to_string(v));
  return v;
}

int64_t ParseCoord(Napi::Env env, Napi::Value value, const std::string& name) {
  const double v = std::floor(ParseNumber(env, value, name) + 0.5);
  return static_cast<int64_t>(std::min(kCoordLimit, std::max(-kCoordLimit, v)));
}

Rect ParseRect(Napi::Env env, Napi::Value value, const std::string& name) {
  const Napi::Object o = ExpectObject(env, value, name);
  return {ParseCoord(env, o.Get("x"), name + ".x"), ParseCoord(env, o.Get("y"), name + ".y"),
          ParseCoord(env, o.Get("w"), name + ".w"), ParseCoord(env, o.Get("h"), name + ".h")};
}

Yuv ParseColor(Napi::Env env, Napi::Value value, const std::string& name) {
  const Napi::Object o = ExpectObject(env, value, name);
  auto component = [&](const char* key) {
    const std::string field = name + "." + key;
    const double v = ParseNumber(env, o.Get(key), field);
    if (v < 0 || v > 255) ThrowRange(env, field + " must be in [0, 255], got " + Num(v));
    return static_cast<uint8_t>(std::lround(v));
  };
  Yuv c;
  c.y = component("y");
  c.u = component("u");
  c.v = component("v");
  return c;
}

double ParseUnit(Napi::Env env, Napi::Value value, const std::string& name) {
  const double v = ParseNumber(env, value, name);
  return std::min(1.0, std::max(0.0, v));
}

FrameRef ParseFrame(Napi::Env env, Napi::Value value, const std::string& name, bool yuva) {
  const Napi::Object o = ExpectObject(env, value, name);
  FrameRef ref;
  ref.name = name;
  ref.yuva = yuva;
  ref.width = ParseDimension(env, o.Get("width"), name + ".width");
  ref.height = ParseDimension(env, o.Get("height"), name + ".height");
  ref.data = o.Get("data");
  return ref;
}

Frame Resolve(Napi::Env env, const FrameRef& ref) {
  const std::string field = ref.name + ".data";
  if (!ref.data.IsTypedArray()) {
    ThrowType(env, field + " must be a Uint8Array or Buffer, got " + Describe(ref.data));
  }
  const Napi::TypedArray array = ref.data.As<Napi::TypedArray>();
  const napi_typedarray_type type = array.TypedArrayType();
  if (type != napi_uint8_array && type != napi_uint8_clamped_array) {
    ThrowType(env, field + " must be a Uint8Array or Buffer, got another typed array");
  }
  napi_typedarray_type ignored;
  size_t length = 0;
  void* data = nullptr;
  napi_value buffer;
  size_t byteOffset = 0;
  if (napi_get_typedarray_info(env, ref.data, &ignored, &length, &data, &buffer, &byteOffset) != napi_ok) {
    throw Napi::Error::New(env, field + ": cannot read the typed array");
  }
  const size_t needed =
      ref.yuva ? Frame::YuvaSize(ref.width, ref.height) : Frame::I420Size(ref.width, ref.height);
  if (data == nullptr || length < needed) {
    ThrowRange(env, field + " is too small: " + std::to_string(length) + " bytes for a " +
                        std::to_string(ref.width) + "x" + std::to_string(ref.height) +
                        (ref.yuva ? " YUVA" : " I420") + " frame (needs " + std::to_string(needed) + ")");
  }
  Frame f;
  f.width = ref.width;
  f.height = ref.height;
  f.base = static_cast<uint8_t*>(data);
  f.bytes = needed;
  f.hasAlpha = ref.yuva;
  return f;
}

}  // namespace regie
