// Registers makePipe, FrameReader and FrameWriter on the addon's exports.
#pragma once

#include <napi.h>

namespace regie {

void InitIo(Napi::Env env, Napi::Object exports);

}  // namespace regie
