// Benchmark of the native kernels on 1080p, against ffmpeg doing a comparable PiP in one process.
// Run: npx tsx native/bench/compositor.bench.ts   (about 30 s; the last line is JSON for scripts/bench.ts)
import { execFile } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';

import {
  allocFrame,
  allocYuva,
  blit,
  compose,
  crossfade,
  fill,
  getThreads,
  overlay,
  planeOffsets,
  rgbToYuv,
  scale,
  setThreads,
} from '../index.js';
import type { DrawOp, I420Frame, YuvaFrame } from '../index.js';

const W = 1920;
const H = 1080;
const FFMPEG_FRAMES = 300;
const ffmpeg = process.env.REGIE_FFMPEG ?? 'ffmpeg';
const run = promisify(execFile);

function out(line = ''): void {
  process.stdout.write(line + '\n');
}

/** A frame with gradients and noise (content does not change the speed, but keeps it honest). */
function pattern(width: number, height: number, seed: number): I420Frame {
  const f = allocFrame(width, height);
  let s = seed;
  for (let i = 0; i < f.data.length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    f.data[i] = ((i % width) + (s >>> 28)) & 255;
  }
  return f;
}

function logo(width: number, height: number): YuvaFrame {
  const f = allocYuva(width, height, rgbToYuv(240, 240, 240));
  const a = planeOffsets(width, height).a;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) f.data[a + y * width + x] = (x * 255) / width; // a soft ramp
  }
  return f;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (i: number): number => sorted[i] ?? Number.NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
}

interface Timing {
  median: number;
  best: number;
}

/** Median and best ms of fn over at least 20 runs and about 0.4 s, after a warm-up. */
function measure(fn: () => void): Timing {
  for (let i = 0; i < 5; i++) fn();
  const times: number[] = [];
  const until = performance.now() + 400;
  while (times.length < 20 || (performance.now() < until && times.length < 500)) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return { median: median(times), best: Math.min(...times) };
}

const program = pattern(W, H, 1);
const cam1080 = pattern(W, H, 2);
const cam720 = pattern(1280, 720, 3);
const slides = pattern(W, H, 4);
const speaker = pattern(1280, 720, 5);
const audience = pattern(W, H, 6);
const smallLogo = logo(320, 180);
const fullGraphics = logo(W, H);
const bg = rgbToYuv(20, 24, 32);
const accent = rgbToYuv(230, 120, 20);

const lecture: DrawOp[] = [
  { op: 'fill', rect: { x: 0, y: 0, w: W, h: H }, color: bg },
  { op: 'scale', src: slides, dstRect: { x: 40, y: 150, w: 1280, h: 720 } },
  { op: 'border', rect: { x: 36, y: 146, w: 1288, h: 728 }, thickness: 4, color: accent },
  { op: 'scale', src: speaker, dstRect: { x: 1360, y: 150, w: 520, h: 292 } },
  { op: 'scale', src: audience, dstRect: { x: 1360, y: 480, w: 520, h: 292 } },
  { op: 'overlay', src: smallLogo, x: 1560, y: 880 },
];

const cases: [string, () => void][] = [
  ['fill 1080p', () => fill(program, { x: 0, y: 0, w: W, h: H }, bg)],
  ['blit 1080p', () => blit(program, cam1080, 0, 0)],
  ['scale 1080p -> PiP 480x270', () => scale(program, { x: 1400, y: 770, w: 480, h: 270 }, cam1080)],
  ['scale 720p -> 1080p', () => scale(program, { x: 0, y: 0, w: W, h: H }, cam720)],
  ['overlay logo 320x180', () => overlay(program, smallLogo, 1560, 880)],
  ['overlay 1080p graphics', () => overlay(program, fullGraphics, 0, 0)],
  ['crossfade 1080p', () => crossfade(program, cam1080, slides, 0.4)],
  ['compose lecture (3 sources)', () => compose(program, lecture)],
];

interface Row {
  name: string;
  /** Medians on 1 and 2 threads. */
  ms1: number;
  ms2: number;
  /** Best single-thread run: what the kernel costs when the machine is not busy with other work. */
  best1: number;
}

function runKernels(): Row[] {
  const rows: Row[] = [];
  for (const [name, fn] of cases) {
    setThreads(1);
    const one = measure(fn);
    setThreads(2);
    const two = measure(fn);
    rows.push({ name, ms1: one.median, ms2: two.median, best1: one.best });
  }
  return rows;
}

/** CPU seconds (user + system) that one ffmpeg run took, from its -benchmark line. */
async function ffmpegCpu(filter: string, threads: boolean): Promise<number> {
  const src = `testsrc2=size=${W}x${H}:rate=30`;
  const args = [
    ...['-hide_banner', '-nostats', '-nostdin', '-loglevel', 'info', '-benchmark'],
    ...(threads ? [] : ['-filter_threads', '1', '-filter_complex_threads', '1', '-threads', '1']),
    ...['-f', 'lavfi', '-i', src, '-f', 'lavfi', '-i', src],
    ...['-filter_complex', filter, '-frames:v', String(FFMPEG_FRAMES), '-f', 'null', '-'],
  ];
  const { stderr } = await run(ffmpeg, args, { maxBuffer: 16 * 1024 * 1024 });
  const m = /bench: utime=([\d.]+)s stime=([\d.]+)s/.exec(stderr);
  if (m?.[1] === undefined || m[2] === undefined) throw new Error('no "bench:" line in the ffmpeg output');
  return Number(m[1]) + Number(m[2]);
}

interface FfmpegResult {
  threads: 'default' | 'single';
  /** Best of the runs, CPU ms for FFMPEG_FRAMES frames. */
  withCpuMs: number;
  withoutCpuMs: number;
  pipCpuMsPerFrame: number;
}

const FFMPEG_RUNS = 3;

async function runFfmpeg(): Promise<FfmpegResult[] | string> {
  // Same two 1080p sources either way; the difference is the PiP (area scale + overlay) per frame.
  // CPU time, not wall time, and the best of a few runs: the machine may be busy with other work.
  const withPip = '[1:v]scale=480:270:flags=area[pip];[0:v][pip]overlay=x=1400:y=770';
  const without = '[1:v]nullsink;[0:v]null';
  const results: FfmpegResult[] = [];
  try {
    for (const threads of [false, true]) {
      let withS = Infinity;
      let withoutS = Infinity;
      for (let i = 0; i < FFMPEG_RUNS; i++) {
        withoutS = Math.min(withoutS, await ffmpegCpu(without, threads));
        withS = Math.min(withS, await ffmpegCpu(withPip, threads));
      }
      results.push({
        threads: threads ? 'default' : 'single',
        withCpuMs: withS * 1000,
        withoutCpuMs: withoutS * 1000,
        pipCpuMsPerFrame: ((withS - withoutS) * 1000) / FFMPEG_FRAMES,
      });
    }
  } catch (err) {
    return `ffmpeg not measured (${err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err)})`;
  }
  return results;
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function lpad(s: string, n: number): string {
  return s.length >= n ? s : ' '.repeat(n - s.length) + s;
}

async function main(): Promise<void> {
  const started = performance.now();
  out(
    `Régie compositor benchmark: ${W}x${H} I420 (${cpus().length} CPUs, ${cpus()[0]?.model ?? '?'}, ` +
      `load average ${loadavg()[0]?.toFixed(2) ?? '?'})`,
  );
  const rows = runKernels();
  out();
  out('median ms per call on 1 and 2 threads, best single-thread run, and calls/s at the better median');
  out(
    `${pad('operation', 30)}${lpad('1 thread', 10)}${lpad('2 threads', 11)}${lpad('best 1 thr', 12)}${lpad('calls/s', 9)}`,
  );
  out('-'.repeat(72));
  for (const r of rows) {
    const fps = 1000 / Math.min(r.ms1, r.ms2);
    out(
      `${pad(r.name, 30)}${lpad(r.ms1.toFixed(3), 10)}${lpad(r.ms2.toFixed(3), 11)}` +
        `${lpad(r.best1.toFixed(3), 12)}${lpad(fps.toFixed(0), 9)}`,
    );
  }

  const ff = await runFfmpeg();
  const pip = rows.find((r) => r.name.startsWith('scale 1080p -> PiP'));
  out();
  let ratio: number | null = null;
  if (typeof ff === 'string') {
    out(ff);
  } else {
    out(
      `ffmpeg, one process, two testsrc2 1080p30 inputs, ${FFMPEG_FRAMES} frames to -f null, CPU time (best of ${FFMPEG_RUNS}):`,
    );
    for (const r of ff) {
      out(
        `  ${pad(r.threads + ' threads:', 18)} without PiP ${(r.withoutCpuMs / 1000).toFixed(2)} s, ` +
          `with PiP ${(r.withCpuMs / 1000).toFixed(2)} s => PiP (scale=480:270:flags=area + overlay) ` +
          `${r.pipCpuMsPerFrame.toFixed(3)} ms/frame`,
      );
    }
    const single = ff.find((r) => r.threads === 'single');
    if (pip !== undefined && single !== undefined && pip.ms1 > 0) {
      ratio = single.pipCpuMsPerFrame / pip.ms1;
      out(
        `  native PiP (scale 1080p -> 480x270 into the frame, 1 thread): ${pip.ms1.toFixed(3)} ms/frame ` +
          `=> ffmpeg / native = ${ratio.toFixed(1)}x`,
      );
    }
  }
  const elapsed = (performance.now() - started) / 1000;
  out(`(${elapsed.toFixed(1)} s)`);
  out(
    JSON.stringify({
      bench: 'compositor',
      width: W,
      height: H,
      threadsAvailable: getThreads(),
      results: Object.fromEntries(
        rows.map((r) => [
          r.name,
          {
            ms1: +r.ms1.toFixed(4),
            ms2: +r.ms2.toFixed(4),
            best1: +r.best1.toFixed(4),
            fps: Math.round(1000 / Math.min(r.ms1, r.ms2)),
          },
        ]),
      ),
      ffmpeg: typeof ff === 'string' ? null : ff,
      pipRatioFfmpegOverNative: ratio === null ? null : +ratio.toFixed(2),
      seconds: +elapsed.toFixed(1),
    }),
  );
}

await main();
