# C++17 N-API compositor addon (node-addon-api, C++ exceptions on). Built by scripts/build-native.mjs.
# node-addon-api is used as headers only (no dependency target), so node-gyp writes nothing outside
# native/build.
{
  'targets': [
    {
      'target_name': 'regie_compositor',
      'sources': [
        'src/addon.cc',
        'src/args.cc',
        'src/audio_addon.cc',
        'src/audio_kernels.cc',
        'src/io_addon.cc',
        'src/kernels.cc',
        'src/ops.cc',
        'src/parallel.cc',
        'src/pipe_io.cc',
        'src/scale.cc',
        'src/scale_filter.cc',
      ],
      'include_dirs': ["<!(node -p \"require('node-addon-api').include_dir\")"],
      'defines': ['NAPI_VERSION=8', 'NAPI_CPP_EXCEPTIONS', 'NODE_ADDON_API_DISABLE_DEPRECATED'],
      'cflags!': ['-fno-exceptions', '-O2', '-O1', '-Os'],
      'cflags_cc!': ['-fno-exceptions', '-fno-rtti', '-std=gnu++14', '-std=gnu++17', '-O2', '-O1', '-Os'],
      'cflags_cc': ['-std=c++17', '-O3', '-Wall', '-Wextra', '-fexceptions'],
      'conditions': [
        ["OS=='linux'", {
          'ldflags': ['-pthread'],
          'cflags_cc': ['-pthread'],
        }],
        ["OS=='mac'", {
          'xcode_settings': {
            'CLANG_CXX_LANGUAGE_STANDARD': 'c++17',
            'CLANG_CXX_LIBRARY': 'libc++',
            'GCC_ENABLE_CPP_EXCEPTIONS': 'YES',
            'GCC_OPTIMIZATION_LEVEL': '3',
            'MACOSX_DEPLOYMENT_TARGET': '10.15',
          },
        }],
        ["OS=='win'", {
          'defines': ['_HAS_EXCEPTIONS=1'],
          'msvs_settings': {
            'VCCLCompilerTool': {
              'AdditionalOptions': ['/std:c++17'],
              'ExceptionHandling': 1,
              'Optimization': 2,
            },
          },
        }],
      ],
    },
  ],
}
