// Chooses the capture mode that best feeds the program format, and the ffmpeg input options
// that select it. Pure: modes and program in, choice out.
//
// Order of preference:
//  1. modes that reach the program frame rate (a frame repeated 6× is worse than a soft picture),
//  2. at the program size, else the smallest size above it, else the largest below it,
//  3. progressive over interlaced,
//  4. uncompressed over MJPEG over H.264 (no decode, no generation loss), when both reach the rate.
// So MJPEG 1080p30 beats YUYV 1080p5 (rule 1) and YUYV 1080p30 beats MJPEG 1080p30 (rule 4).
// Modes whose rate the listing did not give rank between reaching and not reaching; among those,
// compressed wins above SD because raw HD rarely runs at full rate over USB 2.0 UVC.
import type {
  DeviceBackend,
  DeviceCodec,
  DeviceMode,
  ModeOverride,
  ProgramFormat,
} from '../../shared/devices.js';
import { roundRate } from './text.js';

export interface ModePick {
  mode: DeviceMode;
  /** The rate to request from the device. */
  fps: number;
  /** Options to put before `-i` (never a shell string). */
  inputOptions: string[];
  /** DeckLink builds older than `-format_code` select the mode with "NAME@N". */
  inputSuffix?: string;
  overridden: boolean;
  reason: string;
}

export interface PickOptions {
  backend?: DeviceBackend;
  override?: ModeOverride;
}

const RATE_TOLERANCE = 0.01; // 29.97 counts as 30, 59.94 as 60

function near(a: number, b: number): boolean {
  return Math.abs(a - b) <= b * RATE_TOLERANCE;
}

/** The rate to ask of this mode for a target, and whether it reaches the target; null if unknown. */
function rateFor(mode: DeviceMode, target: number): { fps: number; reaches: boolean } | null {
  if (mode.fps.length > 0) {
    const exact = mode.fps.find((f) => near(f, target));
    if (exact !== undefined) return { fps: exact, reaches: true };
    const above = mode.fps.filter((f) => f > target).sort((a, b) => a - b)[0];
    if (above !== undefined) return { fps: above, reaches: true };
    return { fps: Math.max(...mode.fps), reaches: false };
  }
  if (mode.maxFps !== undefined) {
    const min = mode.minFps ?? mode.maxFps;
    if (target >= min && target <= mode.maxFps) return { fps: target, reaches: true };
    if (near(mode.maxFps, target)) return { fps: mode.maxFps, reaches: true };
    return target < min ? { fps: min, reaches: true } : { fps: mode.maxFps, reaches: false };
  }
  return null;
}

const CODEC_RANK: Readonly<Record<DeviceCodec, number>> = { raw: 0, mjpeg: 1, h264: 2, hevc: 3, other: 4 };
// Cheapest raw formats to turn into I420 first.
const RAW_RANK = ['yuv420p', 'nv12', 'yuyv422', 'uyvy422', 'nv21', 'yuv422p'];

function scoreOf(mode: DeviceMode, program: ProgramFormat): { key: number[]; fps: number } {
  const rate = rateFor(mode, program.fps);
  const reach = rate === null ? 1 : rate.reaches ? 0 : 2;
  const covers = mode.width >= program.width && mode.height >= program.height;
  const area = mode.width * mode.height;
  const exact = mode.width === program.width && mode.height === program.height;
  const sizeRank = exact ? 0 : covers ? 1 : 2;
  const sizeDistance = covers ? area : -area; // smallest above, or largest below
  const codec = mode.codec ?? 'raw';
  let codecRank = CODEC_RANK[codec];
  if (reach === 1 && codec === 'raw' && area > 640 * 480) codecRank = CODEC_RANK.mjpeg + 0.5;
  const rawIdx = codec === 'raw' && mode.pixelFormat ? RAW_RANK.indexOf(mode.pixelFormat) : -1;
  const fpsGap = rate ? Math.abs(rate.fps - program.fps) : 0;
  const tooSlow = reach === 2 && rate ? -rate.fps : 0; // among slow modes, the fastest first
  return {
    key: [
      reach,
      tooSlow,
      sizeRank,
      sizeDistance,
      mode.interlaced ? 1 : 0,
      codecRank,
      fpsGap,
      rawIdx < 0 ? 99 : rawIdx,
    ],
    fps: rate?.fps ?? program.fps,
  };
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** A rate as ffmpeg likes it: NTSC rates as exact fractions, others as short decimals. */
export function formatRate(fps: number): string {
  for (const base of [24, 30, 48, 60, 120]) {
    if (Math.abs(fps - (base * 1000) / 1001) < 0.005) return `${base * 1000}/1001`;
  }
  return String(roundRate(fps));
}

/** The ffmpeg input options that select a mode on a backend. */
export function inputOptionsFor(backend: DeviceBackend | undefined, mode: DeviceMode, fps: number): string[] {
  const size = ['-video_size', `${mode.width}x${mode.height}`];
  const rate = ['-framerate', mode.fpsRational ?? formatRate(fps)];
  const codec = mode.codec ?? 'raw';
  switch (backend) {
    case 'decklink':
      return mode.formatCode && !/^\d+$/.test(mode.formatCode) ? ['-format_code', mode.formatCode] : [];
    case 'v4l2': {
      const format = codec === 'raw' ? mode.pixelFormat : codec;
      return [...(format && codec !== 'other' ? ['-input_format', format] : []), ...size, ...rate];
    }
    case 'dshow':
      if (codec === 'raw')
        return [...(mode.pixelFormat ? ['-pixel_format', mode.pixelFormat] : []), ...size, ...rate];
      return [...(codec === 'other' ? [] : ['-vcodec', codec]), ...size, ...rate];
    case 'avfoundation':
      return [
        ...(codec === 'raw' && mode.pixelFormat ? ['-pixel_format', mode.pixelFormat] : []),
        ...size,
        ...rate,
      ];
    case 'x11grab':
    case 'gdigrab':
    case 'pulse':
    case 'alsa':
    case 'jack':
    case undefined:
      return [...size, ...rate];
  }
}

function matchesOverride(mode: DeviceMode, o: ModeOverride): boolean {
  if (mode.width !== o.width || mode.height !== o.height) return false;
  if (o.codec !== undefined && (mode.codec ?? 'raw') !== o.codec) return false;
  if (o.pixelFormat !== undefined && mode.pixelFormat !== o.pixelFormat) return false;
  if (o.formatCode !== undefined && mode.formatCode?.trim() !== o.formatCode.trim()) return false;
  const rate = rateFor(mode, o.fps);
  return rate === null || (rate.reaches && near(rate.fps, o.fps));
}

function build(
  mode: DeviceMode,
  fps: number,
  opts: PickOptions,
  overridden: boolean,
  reason: string,
): ModePick {
  const legacy = opts.backend === 'decklink' && mode.formatCode && /^\d+$/.test(mode.formatCode);
  return {
    mode,
    fps,
    inputOptions: inputOptionsFor(opts.backend, mode, fps),
    ...(legacy ? { inputSuffix: `@${mode.formatCode ?? ''}` } : {}),
    overridden,
    reason,
  };
}

function describe(mode: DeviceMode, fps: number): string {
  const what = mode.codec === 'raw' || mode.codec === undefined ? (mode.pixelFormat ?? 'raw') : mode.codec;
  return `${what} ${mode.width}x${mode.height}@${formatRate(fps)}${mode.interlaced ? 'i' : ''}`;
}

/** Best mode for the program, or null when the device listed none. */
export function pickBestMode(
  modes: readonly DeviceMode[],
  program: ProgramFormat,
  opts: PickOptions = {},
): ModePick | null {
  if (opts.override) {
    const wanted = opts.override;
    const hit = modes.find((m) => matchesOverride(m, wanted));
    if (hit) return build(hit, wanted.fps, opts, true, `operator override: ${describe(hit, wanted.fps)}`);
  }
  const scored = modes
    .filter((m) => m.width > 0 && m.height > 0)
    .map((mode) => ({ mode, ...scoreOf(mode, program) }))
    .sort((a, b) => compareKeys(a.key, b.key));
  const best = scored[0];
  if (!best) return null;
  const note = opts.override ? 'override not offered by the device; ' : '';
  const reach = best.key[0] === 0 ? 'reaches' : best.key[0] === 1 ? 'rate unknown for' : 'cannot reach';
  return build(
    best.mode,
    best.fps,
    opts,
    false,
    `${note}${describe(best.mode, best.fps)} ${reach} ${program.fps} fps`,
  );
}
