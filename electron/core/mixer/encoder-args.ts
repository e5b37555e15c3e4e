// The encoder's ffmpeg arguments, a pure function of typed settings: raw program video on stdin, PCM
// audio on fd 3, H.264 + AAC out as MPEG-TS on stdout. CBR-like: b:v = maxrate, bufsize = 2 s (or what is
// set), fixed GOP with no scene-cut keyframes, so every destination can start on a keyframe.
// Several audio tracks arrive interleaved on fd 3 (2 channels per track, frame by frame) and are split
// into one stereo AAC stream each, with their title and language. A slides track (slides-args.ts) adds raw
// frames on fd 4 and a second video stream.
import type { SlidesTrackOut } from './slides-args.js';
import { slidesCodecArgs, slidesEvery, slidesInputArgs, slidesRate } from './slides-args.js';

export interface EncoderSettings {
  codec: string;
  preset: string;
  videoKbps: number;
  audioKbps: number;
  gopSeconds: number;
  profile: 'baseline' | 'main' | 'high';
  /** The audio tracks, in stream order (absent: one unnamed track, as before tracks existed). */
  audioTracks?: readonly AudioTrackOut[];
  /** A second video stream with one source (absent: the program only). */
  slidesTrack?: SlidesTrackOut;
}

export interface AudioTrackOut {
  name: string;
  /** ISO 639-2. */
  language?: string | undefined;
}

/** How many audio tracks the encoder takes on fd 3 (2 channels each). */
export function trackCount(s: EncoderSettings): number {
  return Math.max(1, s.audioTracks?.length ?? 1);
}

/** The -filter_complex, -map and metadata arguments of the audio tracks. */
export function audioTrackArgs(s: EncoderSettings): string[] {
  const tracks = s.audioTracks ?? [];
  const metadata = tracks.flatMap((t, i) => [
    `-metadata:s:a:${i}`,
    `title=${t.name}`,
    ...(t.language !== undefined ? [`-metadata:s:a:${i}`, `language=${t.language}`] : []),
  ]);
  if (tracks.length <= 1) return ['-map', '1:a:0', ...metadata];
  const labels = tracks.map((_, i) => `[s${i}]`).join('');
  const split = `[1:a]asplit=${tracks.length}${labels}`;
  const pans = tracks.map((_, i) => `[s${i}]pan=stereo|c0=c${2 * i}|c1=c${2 * i + 1}[a${i}]`);
  return [
    '-filter_complex',
    [split, ...pans].join(';'),
    ...tracks.flatMap((_, i) => ['-map', `[a${i}]`]),
    ...metadata,
  ];
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

/** Every how many program frames the encoder takes a slides frame on fd 4 (0: no slides track). */
export function slidesInterval(p: ProgramFormat, s: EncoderSettings): number {
  return s.slidesTrack ? slidesEvery(p.fps, s.slidesTrack.fps) : 0;
}

export function encoderArgs(p: ProgramFormat, s: EncoderSettings, extraHeaders: string[] = []): string[] {
  const gop = Math.max(1, Math.round(p.fps * s.gopSeconds));
  const slides = s.slidesTrack;
  const every = slidesInterval(p, s);
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
    String(2 * trackCount(s)),
    '-thread_queue_size',
    '64',
    '-probesize',
    '32',
    '-analyzeduration',
    '0',
    '-i',
    'pipe:3',
    ...(slides ? slidesInputArgs(p.width, p.height, slidesRate(fpsArg(p.fps), every)) : []),
    '-map',
    '0:v:0',
    ...(slides ? ['-map', '2:v:0'] : []),
    ...audioTrackArgs(s),
    ...videoCodecArgs(s, gop),
    ...(slides ? slidesCodecArgs(slides, s, gop, every) : []),
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
