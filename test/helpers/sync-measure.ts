// A/V offset of a recording of the sync pattern (a white flash and a beep together every 2 s), measured
// with ffmpeg's own filters on the decoded output, independently of the core: the flash onsets from the
// mean luma of each frame (signalstats), the beep onsets from the end of each silence (silencedetect,
// sample-accurate). The offset of a flash is (beep onset − flash onset): + = audio late.
// Both runs keep the file's own timestamps (-copyts). Without it, ffmpeg moves each mapped stream to start
// at 0 on its own, and a recording that starts with audio some time before its first keyframe (anything
// from 20 ms to a few hundred, depending on how the muxer interleaved) would read that much "offset".
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { FFMPEG, FFPROBE } from './media.js';

const run = promisify(execFile);

/** Times (s) of the frames whose mean luma rises through `threshold` (default mid-grey). */
export async function flashOnsets(file: string, threshold = 128): Promise<number[]> {
  const { stdout } = await run(
    FFMPEG,
    [
      '-v',
      'error',
      '-copyts',
      '-i',
      file,
      '-map',
      '0:v:0',
      '-vf',
      'scale=64:36,signalstats,metadata=print:key=lavfi.signalstats.YAVG:file=-',
      '-f',
      'null',
      '-',
    ],
    { maxBuffer: 256 * 1024 * 1024 },
  );
  const onsets: number[] = [];
  let t = NaN;
  let prev = 0;
  for (const line of stdout.split('\n')) {
    const frame = /pts_time:\s*(-?[\d.]+)/.exec(line);
    if (frame) t = Number(frame[1]);
    const y = /YAVG=([\d.]+)/.exec(line);
    if (y) {
      const v = Number(y[1]);
      if (v >= threshold && prev < threshold && Number.isFinite(t)) onsets.push(t);
      prev = v;
    }
  }
  return onsets;
}

/** Times (s) at which each beep starts (the end of a silence of at least `minSilence` s). */
export async function beepOnsets(file: string, stream = 0, minSilence = 0.5): Promise<number[]> {
  const { stderr } = await run(
    FFMPEG,
    [
      '-hide_banner',
      '-nostats',
      '-copyts',
      '-i',
      file,
      '-map',
      `0:a:${stream}`,
      '-af',
      `silencedetect=n=-40dB:d=${minSilence}`,
      '-f',
      'null',
      '-',
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  return [...stderr.matchAll(/silence_end:\s*(-?[\d.]+)/g)].map((m) => Number(m[1]));
}

export interface Offsets {
  /** (time of the flash, offset in ms) for each flash with a beep within [-500, +1500) ms. */
  pairs: { t: number; ms: number }[];
  medianMs: number;
}

export function pairOffsets(flashes: number[], beeps: number[]): Offsets {
  const pairs: { t: number; ms: number }[] = [];
  for (const f of flashes) {
    const b = beeps.find((x) => x - f >= -0.5 && x - f < 1.5);
    if (b !== undefined) pairs.push({ t: f, ms: Math.round((b - f) * 10000) / 10 });
  }
  const sorted = pairs.map((p) => p.ms).sort((a, b) => a - b);
  return { pairs, medianMs: sorted[Math.floor(sorted.length / 2)] ?? NaN };
}

/** The file's first timestamp (s): the earliest packet of any stream. */
export async function fileStart(file: string): Promise<number> {
  const { stdout } = await run(FFPROBE, [
    '-v',
    'error',
    '-show_entries',
    'format=start_time',
    '-of',
    'default=nw=1:nk=1',
    file,
  ]);
  const start = Number(stdout.trim());
  return Number.isFinite(start) ? start : 0;
}

/** Offsets of a recording; `t` is counted from the start of the file. */
export async function measureOffsets(file: string): Promise<Offsets> {
  const [flashes, beeps, start] = await Promise.all([flashOnsets(file), beepOnsets(file), fileStart(file)]);
  const offsets = pairOffsets(flashes, beeps);
  return {
    ...offsets,
    pairs: offsets.pairs.map((p) => ({ ...p, t: Math.round((p.t - start) * 1000) / 1000 })),
  };
}

/**
 * Where offsets sit within a program frame: their circular mean modulo `frameMs`, in [0, frameMs).
 *
 * A frame-synced mixer shows a source frame at the next tick, so every flash reads (audio offset − the
 * wait for the tick), the wait in [0, frameMs). A source whose frames arrive close to the tick reads
 * two values a frame apart, and the median of a few flashes lands on either. Modulo the frame, both
 * are the same phase: a shift of the audio moves the phase, the quantization does not.
 */
export function framePhaseMs(offsets: number[], frameMs: number): number {
  let x = 0;
  let y = 0;
  for (const ms of offsets) {
    const a = (2 * Math.PI * ms) / frameMs;
    x += Math.cos(a);
    y += Math.sin(a);
  }
  const phase = (Math.atan2(y, x) * frameMs) / (2 * Math.PI);
  return ((phase % frameMs) + frameMs) % frameMs;
}

/** Distance between two phases on the frame circle, in [0, frameMs / 2]. */
export function phaseDistanceMs(a: number, b: number, frameMs: number): number {
  const d = Math.abs(a - b) % frameMs;
  return Math.min(d, frameMs - d);
}
