// Filter strings of the normalization, and escaping for filtergraph option values.
import { formatRate } from '../../devices/mode-picker.js';
import type { ProgramFormat } from './types.js';

/** A frame rate as ffmpeg options take it: "25", "30000/1001". */
export function rateOf(p: ProgramFormat): string {
  return formatRate(p.fps);
}

/**
 * Scale into the program frame keeping the aspect ratio, pad the rest black, square pixels, limited
 * range I420. RGB inputs (images, screens, the colour pattern) convert with the BT.709 matrix; YUV
 * inputs are taken as BT.709 too and keep their values (swscale would otherwise treat untagged YUV
 * as BT.601 and shift every HD source's colours; tagged SD sources are not converted either).
 */
export function fitFilter(p: ProgramFormat): string {
  return [
    `scale=${p.width}:${p.height}:force_original_aspect_ratio=decrease:force_divisible_by=2:flags=bicubic:in_color_matrix=bt709:out_color_matrix=bt709:out_range=tv`,
    'format=yuv420p',
    `pad=${p.width}:${p.height}:(ow-iw)/2:(oh-ih)/2:color=black`,
    'setsar=1',
  ].join(',');
}

/** Fit into the program frame (letterbox/pillarbox), then a constant frame rate. */
export function normalizeFilter(p: ProgramFormat): string {
  return `${fitFilter(p)},fps=${rateOf(p)}`;
}

/**
 * How audio timestamps are followed on the way to 48 kHz stereo s16:
 * - "timeline" (files, feeds, generated): the timestamps come from a sample clock and are exact, so
 *   `async=1000` stretches or squeezes by up to 1000 samples/s to follow them and fills gaps, and
 *   `first_pts=0` pads a late start: sample N is at N/48000 s on the video's timeline.
 * - "capture" (devices): the timestamps are read from the wall clock; PulseAudio's settle for the first
 *   half second and following them inserts 100–300 ms of silence (measured). The samples are passed
 *   on as the device delivers them; clock drift and offset are the mixer's business (it resamples
 *   adaptively from its queue fill).
 */
export type AudioTiming = 'timeline' | 'capture';

export function normalizeAudioFilter(timing: AudioTiming = 'timeline'): string {
  const format = 'aformat=sample_fmts=s16:sample_rates=48000:channel_layouts=stereo';
  return timing === 'capture' ? `aresample,${format}` : `aresample=async=1000:first_pts=0,${format}`;
}

/**
 * Escapes a filter option value for both parsing levels it goes through: the option list
 * (`key=value:key=value`, where `\`, `'` and `:` are special) and then the filtergraph
 * (where `\`, `'`, `[`, `]`, `,` and `;` are).
 */
export function escapeFilterValue(value: string): string {
  const option = value.replace(/[\\':]/g, (c) => `\\${c}`);
  return option.replace(/[\\'[\],;]/g, (c) => `\\${c}`);
}
