// Pure: the codec part of a destination's ffmpeg arguments. A destination copies the program (H.264 + AAC)
// when its container takes it; it encodes for itself (from the program's MPEG-TS on stdin, so the raw-frame
// path is untouched) when the container needs other codecs (WebM: VP8 + Opus, Ogg: Theora + Vorbis) or when
// it sends a rendition (a smaller size, a lower bitrate or frame rate, audio only).
export type Container = 'flv' | 'mpegts' | 'matroska' | 'webm' | 'ogg';

export interface EncodeSettings {
  height?: number | undefined;
  videoKbps?: number | undefined;
  audioKbps: number;
  audioOnly: boolean;
  fps?: number | undefined;
}

/** Video bitrate when a format needs its own encode and nothing says how much. */
const DEFAULT_VIDEO_KBPS = 1500;

function videoFilter(enc: EncodeSettings | null): string[] {
  const parts: string[] = [];
  if (enc?.height !== undefined) parts.push(`scale=-2:${enc.height}`);
  if (enc?.fps !== undefined) parts.push(`fps=${enc.fps}`);
  return parts.length > 0 ? ['-vf', parts.join(',')] : [];
}

function rate(kbps: number): string[] {
  // Constrained bitrate: a viewer on a thin link must be able to follow.
  return ['-b:v', `${kbps}k`, '-maxrate', `${kbps}k`, '-bufsize', `${kbps * 2}k`];
}

/** Keyframes every 2 s of media, whatever the frame rate (a viewer joins or resumes within 2 s). */
const KEYFRAMES = ['-force_key_frames', 'expr:gte(t,n_forced*2)'];

function videoCodec(container: Container, enc: EncodeSettings | null): string[] {
  const kbps = enc?.videoKbps ?? DEFAULT_VIDEO_KBPS;
  switch (container) {
    case 'webm':
      return [
        '-c:v',
        'libvpx',
        '-deadline',
        'realtime',
        '-cpu-used',
        '8',
        '-threads',
        '2',
        ...rate(kbps),
        ...KEYFRAMES,
        ...videoFilter(enc),
      ];
    case 'ogg':
      return ['-c:v', 'libtheora', ...rate(kbps), ...KEYFRAMES, ...videoFilter(enc)];
    case 'flv':
    case 'mpegts':
    case 'matroska':
      if (enc === null || (enc.videoKbps === undefined && enc.height === undefined && enc.fps === undefined))
        return ['-c:v', 'copy'];
      return [
        '-c:v',
        'libx264',
        '-preset',
        'veryfast',
        '-profile:v',
        'main',
        '-pix_fmt',
        'yuv420p',
        ...rate(kbps),
        ...KEYFRAMES,
        ...videoFilter(enc),
      ];
  }
}

function audioCodec(container: Container, enc: EncodeSettings | null, programAudioKbps?: number): string[] {
  const kbps = `${enc?.audioKbps ?? programAudioKbps ?? 96}k`;
  switch (container) {
    case 'webm':
      return ['-c:a', 'libopus', '-b:a', kbps];
    case 'ogg':
      return ['-c:a', 'libvorbis', '-b:a', kbps];
    case 'matroska':
      // ffmpeg 5.1's Matroska muxer cannot take the ADTS AAC of an MPEG-TS by copy (no AudioSpecificConfig
      // when it writes the header): AAC is encoded again, which costs little next to video.
      return ['-c:a', 'aac', '-b:a', kbps];
    case 'flv':
    case 'mpegts':
      return enc === null ? ['-c:a', 'copy'] : ['-c:a', 'aac', '-b:a', kbps];
  }
}

/**
 * The streams an output takes from the program (video 0 is the program; a slides track is video 1; then one
 * AAC stream per audio track). Matroska copying the video is a master: every stream. MPEG-TS renditions keep
 * every audio track. Everything else (FLV, WebM, Ogg, a re-encoded Matroska) takes the program video and the
 * first audio track.
 */
function mapArgs(container: Container, enc: EncodeSettings | null, copiesVideo: boolean): string[] {
  if (enc?.audioOnly === true) return ['-map', '0:a:0'];
  if (container === 'matroska' && copiesVideo) return ['-map', '0:v', '-map', '0:a?'];
  if (container === 'mpegts') return ['-map', '0:v:0', '-map', '0:a?'];
  return ['-map', '0:v:0', '-map', '0:a:0?'];
}

/**
 * -map and codec arguments for one output. programAudioKbps: the rate at which to encode the program's
 * audio again when the container cannot copy it and no rendition says (Matroska, WebM, Ogg).
 */
export function codecArgs(
  container: Container,
  enc: EncodeSettings | null,
  programAudioKbps?: number,
): string[] {
  const video = enc?.audioOnly === true ? ['-vn'] : videoCodec(container, enc);
  const copies = video[0] === '-c:v' && video[1] === 'copy';
  return [...mapArgs(container, enc, copies), ...video, ...audioCodec(container, enc, programAudioKbps)];
}

export function needsEncode(container: Container, enc: EncodeSettings | null): boolean {
  return codecArgs(container, enc).some(
    (a, i, all) => (a === '-c:v' || a === '-c:a') && all[i + 1] !== 'copy',
  );
}
