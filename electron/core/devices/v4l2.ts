// Video4Linux2: `ffmpeg -f v4l2 -list_formats all -i /dev/videoN`.
//   [video4linux2,v4l2 @ 0x…] Raw       :     yuyv422 :           YUYV 4:2:2 : 640x480 1280x720
//   [video4linux2,v4l2 @ 0x…] Compressed:       mjpeg :          Motion-JPEG : 640x480 1920x1080
//   [video4linux2,v4l2 @ 0x…] Raw       : Unsupported :           YVYU 4:2:2 : …
//   [video4linux2,v4l2 @ 0x…] Raw       :     yuv420p :     Planar YUV 4:2:0 : {32-2592, 2}x{32-1944, 2}
// Old builds print "R :" / "C :". ffmpeg prints sizes only, never rates: modes come back with
// `fps: []` (unknown). `v4l2-ctl --list-formats-ext` (v4l2ctl.ts) gives the rates.
import type { DeviceMode } from '../../shared/devices.js';
import { codecOf, parseSize, splitLines, stripLogPrefix } from './text.js';

// Fields are separated by " : " (space before the colon); descriptions such as "YUYV 4:2:2" contain bare colons.
const FORMAT_LINE = /^\s*(Raw|Compressed|R|C)\s*:\s*(\S+)\s+:\s*(.*?)\s+:(?:\s*Emulated\s*:)?\s*(.*)$/;
const STEPWISE = /\{(\d+)-(\d+), *\d+\}x\{(\d+)-(\d+), *\d+\}/;

export interface V4l2Format {
  /** ffmpeg's name for `-input_format` (yuyv422, mjpeg, h264); absent when "Unsupported". */
  ffmpegName?: string;
  description: string;
  compressed: boolean;
  sizes: { width: number; height: number }[];
  /** Stepwise/continuous size range, as "{min-max, step}x{min-max, step}". */
  range?: { minWidth: number; maxWidth: number; minHeight: number; maxHeight: number };
}

export function parseV4l2FormatList(text: unknown): V4l2Format[] {
  const formats: V4l2Format[] = [];
  for (const line of splitLines(text)) {
    const { rest } = stripLogPrefix(line.replace(/^[>\s]+(?=\[)/, ''));
    const m = FORMAT_LINE.exec(rest);
    if (!m?.[1] || !m[2] || m[3] === undefined || m[4] === undefined) continue;
    const compressed = m[1].startsWith('C');
    const name = m[2];
    const sizes = m[4]
      .split(/\s+/)
      .map((token) => parseSize(token.replace(/[^\dx]/g, '')))
      .filter((s): s is { width: number; height: number } => s !== null);
    const step = STEPWISE.exec(m[4]);
    const range =
      step?.[1] && step[2] && step[3] && step[4]
        ? {
            minWidth: Number(step[1]),
            maxWidth: Number(step[2]),
            minHeight: Number(step[3]),
            maxHeight: Number(step[4]),
          }
        : undefined;
    if (sizes.length === 0 && !range) continue;
    formats.push({
      ...(name.toLowerCase() === 'unsupported' ? {} : { ffmpegName: name }),
      description: m[3],
      compressed,
      sizes,
      ...(range ? { range } : {}),
    });
  }
  return formats;
}

/**
 * Modes ffmpeg can open: formats marked "Unsupported" are dropped, duplicate sizes merged.
 * A stepwise range yields its largest size only (the picker scales down from it).
 */
export function parseV4l2Formats(text: unknown): DeviceMode[] {
  const modes = new Map<string, DeviceMode>();
  for (const format of parseV4l2FormatList(text)) {
    if (!format.ffmpegName) continue;
    const codec = format.compressed ? codecOf(format.ffmpegName) : 'raw';
    const sizes = [...format.sizes];
    if (format.range) sizes.push({ width: format.range.maxWidth, height: format.range.maxHeight });
    for (const size of sizes) {
      const key = `${format.ffmpegName}:${size.width}x${size.height}`;
      if (modes.has(key)) continue;
      modes.set(key, { ...size, fps: [], codec, pixelFormat: format.ffmpegName });
    }
  }
  return [...modes.values()];
}
