// Validation of JavaScript arguments. Every parser throws a JS TypeError (wrong type) or RangeError
// (bad value) with the argument's name in the message.
//
// Frames are parsed in two steps: ParseFrame reads the properties (which may run JS getters), and
// Resolve later takes the data pointer and checks the length. Callers read all their properties
// first and resolve last, so no getter can detach or shrink a buffer after its pointer was taken.
#pragma once

#include <napi.h>

#include <string>

#include "frame.h"

namespace regie {

struct FrameRef {
  int64_t width = 0;
  int64_t height = 0;
  bool yuva = false;
  std::string name;
  Napi::Value data;  // a Uint8Array, checked at Resolve
};

[[noreturn]] void ThrowType(Napi::Env env, const std::string& message);
[[noreturn]] void ThrowRange(Napi::Env env, const std::string& message);

Napi::Object ExpectObject(Napi::Env env, Napi::Value value, const std::string& name);

// A finite number.
double ParseNumber(Napi::Env env, Napi::Value value, const std::string& name);

// A finite number, rounded to the nearest integer and clamped to +-2^30 (positions and sizes).
int64_t ParseCoord(Napi::Env env, Napi::Value value, const std::string& name);

// { x, y, w, h }: finite numbers (rounded). Negative sizes give an empty rect; kernels clip.
Rect ParseRect(Napi::Env env, Napi::Value value, const std::string& name);

// { y, u, v }: numbers in [0, 255] (rounded).
Yuv ParseColor(Napi::Env env, Napi::Value value, const std::string& name);

// A number in [0, 1] (values a little outside are clamped; NaN is an error).
double ParseUnit(Napi::Env env, Napi::Value value, const std::string& name);

// { width, height, data }: even positive integer sizes (at most 16384).
FrameRef ParseFrame(Napi::Env env, Napi::Value value, const std::string& name, bool yuva);

// Checks that data is a Uint8Array (or Buffer / Uint8ClampedArray) big enough for the frame.
Frame Resolve(Napi::Env env, const FrameRef& ref);

}  // namespace regie
