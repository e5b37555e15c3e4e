// The slides track: the second video stream of a CCC/voctomix master, one source full frame beside the
// program. The mixer writes that source's frame (raw I420 at the program size, on fd 4) together with every
// n-th program frame, so both inputs are timed by frame count from the same start and stay aligned, whatever
// ticks are dropped. x264 encodes it as video stream 1 with per-stream options (the program's own options,
// given without a stream specifier, would apply to it too), with no delay (zerolatency: no B-frames and no
// lookahead, else the muxer would hold the program back to interleave it) and its keyframes on the program's.

export interface SlidesTrackOut {
  /** Frames per second asked for; the track runs at the program's rate divided by slidesEvery(). */
  fps: number;
  videoKbps: number;
}

/** Every how many program frames a slides frame goes out: a whole number, the nearest to the asked rate. */
export function slidesEvery(programFps: number, fps: number): number {
  return Math.max(1, Math.round(programFps / fps));
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** The slides input's frame rate: the program's ("25" or "30000/1001") divided by `every`, reduced. */
export function slidesRate(programRate: string, every: number): string {
  const [num = '', den = '1'] = programRate.split('/');
  const n = Number(num);
  const d = Number(den) * every;
  if (!Number.isInteger(n) || !Number.isInteger(d)) return String(n / d);
  const g = gcd(n, d);
  return d / g === 1 ? String(n / g) : `${n / g}/${d / g}`;
}

/** Input 2: the raw slides frames on fd 4, declared in full (no probing). */
export function slidesInputArgs(width: number, height: number, rate: string): string[] {
  return [
    '-f',
    'rawvideo',
    '-pix_fmt',
    'yuv420p',
    '-video_size',
    `${width}x${height}`,
    '-framerate',
    rate,
    '-thread_queue_size',
    '16',
    '-probesize',
    '32',
    '-analyzeduration',
    '0',
    '-i',
    'pipe:4',
  ];
}

/**
 * Options of output video stream 1, after the program's. The GOP spans the program's GOP, so a recording
 * segment or a destination that starts on a program keyframe gets a slides keyframe with it.
 */
export function slidesCodecArgs(
  s: SlidesTrackOut,
  enc: { codec: string; preset: string; profile: string },
  programGop: number,
  every: number,
): string[] {
  const gop = String(Math.max(1, Math.round(programGop / every)));
  const kbps = s.videoKbps;
  return [
    // Only where the program's differ (ffmpeg warns about an option given twice for a stream).
    ...(enc.codec !== 'libx264' ? ['-c:v:1', 'libx264'] : []),
    ...(enc.codec === 'h264_vaapi' ? ['-filter:v:1', 'null'] : []),
    '-preset:v:1',
    enc.preset,
    '-tune:v:1',
    'zerolatency',
    '-profile:v:1',
    enc.profile,
    '-b:v:1',
    `${kbps}k`,
    '-maxrate:v:1',
    `${kbps}k`,
    '-bufsize:v:1',
    `${kbps * 2}k`,
    '-g:v:1',
    gop,
    '-keyint_min:v:1',
    gop,
    '-sc_threshold:v:1',
    '0',
    '-bf:v:1',
    '0',
    '-x264-params:v:1',
    'nal-hrd=cbr:force-cfr=1',
  ];
}
