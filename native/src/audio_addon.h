// Registers the audio kernels (sincResample, s16ToFloat, floatToS16, gainMixStereo) on the exports.
#pragma once

#include <napi.h>

namespace regie {

void InitAudio(Napi::Env env, Napi::Object exports);

}  // namespace regie
