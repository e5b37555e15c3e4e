// The encoder's ffmpeg arguments, a pure function of typed settings: raw program video on stdin, PCM
// audio on fd 3, H.264 + AAC out as MPEG-TS on stdout. CBR-like: b:v = maxrate, bufsize = 2 s (or what is
// set), fixed GOP with no scene-cut keyframes, so every destination can start on a keyframe.
export interface EncoderSettings {
  codec: string;
  preset: string;
  videoKbps: number;
  audioKbps: number;
  gopSeconds: number;
  profile: 'baseline' | 'main' | 'high';
}

export const DEFAULT_ENCODER: EncoderSettings = {
  codec: 'libx264',
  preset: 'veryfast',
  videoKbps: 4000,
  audioKbps: 128,
  gopSeconds: 2,
  profile: 'main',
};

export interface ProgramFormat {
  width: number;
  height: number;
  fps: number;
}

/** "30" or "30000/1001" for ffmpeg's rational options. */
export function fpsArg(fps: number): string {
  const ntsc = [23.976, 29.97, 59.94].find((f) => Math.abs(f - fps) < 0.01);
  return ntsc !== undefined ? `${Math.round(ntsc * 1.001) * 1000}/1001` : String(fps);
}

function videoCodecArgs(s: EncoderSettings, gop: number): string[] {
  const rate = [`-b:v`, `${s.videoKbps}k`, '-maxrate', `${s.videoKbps}k`, '-bufsize', `${s.videoKbps * 2}k`];
  const gopArgs = ['-g', String(gop), '-keyint_min', String(gop)];
  switch (s.codec) {
    case 'libx264':
      return [
        '-c:v',
        'libx264',
        '-preset',
        s.preset,
        '-profile:v',
        s.profile,
        ...rate,
        ...gopArgs,
        '-sc_threshold',
        '0',
        '-bf',
        '2',
        '-pix_fmt',
        'yuv420p',
        '-x264-params',
        'nal-hrd=cbr:force-cfr=1',
      ];
    case 'h264_vaapi':
      return [
        '-vf',
        'format=nv12,hwupload',
        '-c:v',
        'h264_vaapi',
        '-profile:v',
        s.profile,
        '-rc_mode',
        'CBR',
        ...rate,
        ...gopArgs,
      ];
    case 'h264_nvenc':
      return [
        '-c:v',
        'h264_nvenc',
        '-preset',
        'p4',
        '-profile:v',
        s.profile,
        '-rc',
        'cbr',
        ...rate,
        ...gopArgs,
        '-no-scenecut',
        '1',
      ];
    case 'h264_qsv':
      return ['-c:v', 'h264_qsv', '-preset', 'veryfast', '-profile:v', s.profile, ...rate, ...gopArgs];
    case 'h264_videotoolbox':
      return ['-c:v', 'h264_videotoolbox', '-profile:v', s.profile, '-realtime', '1', ...rate, ...gopArgs];
    case 'h264_amf':
      return [
        '-c:v',
        'h264_amf',
        '-usage',
        'lowlatency',
        '-rc',
        'cbr',
        '-profile:v',
        s.profile,
        ...rate,
        ...gopArgs,
      ];
    default:
      throw new Error(`unknown video encoder "${s.codec}"`);
  }
}

export function encoderArgs(p: ProgramFormat, s: EncoderSettings, extraHeaders: string[] = []): string[] {
  const gop = Math.max(1, Math.round(p.fps * s.gopSeconds));
  return [
    '-hide_banner',
    '-loglevel',
    'warning',
    '-nostdin',
    ...extraHeaders,
    '-f',
    'rawvideo',
    '-pix_fmt',
    'yuv420p',
    '-video_size',
    `${p.width}x${p.height}`,
    '-framerate',
    fpsArg(p.fps),
    '-thread_queue_size',
    '64',
    // The raw formats are declared: no probing. (Analysis would wait for seconds of audio on fd 3
    // while the video pipe is full: a deadlock.)
    '-probesize',
    '32',
    '-analyzeduration',
    '0',
    '-i',
    'pipe:0',
    '-f',
    's16le',
    '-ar',
    '48000',
    '-ac',
    '2',
    '-thread_queue_size',
    '64',
    '-probesize',
    '32',
    '-analyzeduration',
    '0',
    '-i',
    'pipe:3',
    '-map',
    '0:v:0',
    '-map',
    '1:a:0',
    ...videoCodecArgs(s, gop),
    '-c:a',
    'aac',
    '-b:a',
    `${s.audioKbps}k`,
    '-ar',
    '48000',
    '-f',
    'mpegts',
    '-mpegts_flags',
    '+resend_headers',
    '-flush_packets',
    '1',
    'pipe:1',
  ];
}
