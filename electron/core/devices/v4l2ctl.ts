// `v4l2-ctl -d /dev/videoN --list-formats-ext` (v4l-utils), which, unlike ffmpeg, lists frame rates.
// Two layouts exist:
//   old:  Index : 0 / Pixel Format: 'YUYV' / Name : YUYV 4:2:2 / Size: Discrete 640x480 / Interval: … (30.000 fps)
//   new:  [0]: 'MJPG' (Motion-JPEG, compressed) / Size: Discrete 1280x720 / Interval: … (30.000 fps)
// Stepwise sizes ("Size: Stepwise 32x32 - 2592x1944 with step 2/2") give one mode at the maximum.
import type { DeviceCodec, DeviceMode } from '../../shared/devices.js';
import { parseSize, roundRate, splitLines } from './text.js';

// V4L2 fourcc → ffmpeg's `-input_format` name.
const FOURCC_TO_FFMPEG: Readonly<Record<string, string>> = {
  YUYV: 'yuyv422',
  UYVY: 'uyvy422',
  YVYU: 'yvyu422',
  NV12: 'nv12',
  NV21: 'nv21',
  NV16: 'nv16',
  YU12: 'yuv420p',
  YV12: 'yuv420p',
  '422P': 'yuv422p',
  RGB3: 'rgb24',
  BGR3: 'bgr24',
  GREY: 'gray',
  MJPG: 'mjpeg',
  JPEG: 'mjpeg',
  H264: 'h264',
  HEVC: 'hevc',
};

function codecOfFourcc(fourcc: string, compressed: boolean): DeviceCodec {
  if (fourcc === 'MJPG' || fourcc === 'JPEG') return 'mjpeg';
  if (fourcc === 'H264') return 'h264';
  if (fourcc === 'HEVC') return 'hevc';
  return compressed ? 'other' : 'raw';
}

const NEW_FORMAT = /^\s*\[\d+\]:\s*'([^']{1,4})'\s*\(([^)]*)\)/;
const OLD_FORMAT = /^\s*Pixel Format\s*:\s*'([^']{1,4})'(.*)$/;
const SIZE_DISCRETE = /^\s*Size:\s*Discrete\s+(\d+x\d+)/;
const SIZE_STEPWISE = /^\s*Size:\s*(?:Stepwise|Continuous)\s+\d+x\d+\s*-\s*(\d+x\d+)/;
const INTERVAL = /Interval:.*\((\d+(?:\.\d+)?) fps\)/;

export function parseV4l2CtlFormats(text: unknown): DeviceMode[] {
  const modes: DeviceMode[] = [];
  let format: { fourcc: string; compressed: boolean } | null = null;
  let current: DeviceMode | null = null;
  for (const line of splitLines(text)) {
    const fmt = NEW_FORMAT.exec(line) ?? OLD_FORMAT.exec(line);
    if (fmt?.[1] !== undefined) {
      const fourcc = fmt[1].trim();
      format = { fourcc, compressed: /compressed/i.test(fmt[2] ?? '') };
      current = null;
      continue;
    }
    if (!format) continue;
    const size = SIZE_DISCRETE.exec(line) ?? SIZE_STEPWISE.exec(line);
    const parsed = size?.[1] ? parseSize(size[1]) : null;
    if (parsed) {
      const pixelFormat = FOURCC_TO_FFMPEG[format.fourcc];
      current = {
        ...parsed,
        fps: [],
        codec: codecOfFourcc(format.fourcc, format.compressed),
        ...(pixelFormat ? { pixelFormat } : {}),
      };
      modes.push(current);
      continue;
    }
    const interval = INTERVAL.exec(line);
    if (interval?.[1] && current) {
      const fps = roundRate(Number(interval[1]));
      if (fps > 0 && !current.fps.includes(fps)) current.fps.push(fps);
    }
  }
  for (const mode of modes) mode.fps.sort((a, b) => b - a);
  return modes;
}
