// A/V offset of a recording of the sync pattern (a white flash and a beep together every 2 s), measured
// with ffmpeg's own filters on the decoded output, independently of the core: the flash onsets from the
// mean luma of each frame (signalstats), the beep onsets from the end of each silence (silencedetect,
// sample-accurate). The offset of a flash is (beep onset − flash onset): + = audio late.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { FFMPEG } from './media.js';

const run = promisify(execFile);

/** Times (s) of the frames whose mean luma rises through `threshold` (default mid-grey). */
export async function flashOnsets(file: string, threshold = 128): Promise<number[]> {
  const { stdout } = await run(
    FFMPEG,
    [
      '-v',
      'error',
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

export async function measureOffsets(file: string): Promise<Offsets> {
  const [flashes, beeps] = await Promise.all([flashOnsets(file), beepOnsets(file)]);
  return pairOffsets(flashes, beeps);
}
