// Benchmark: what the core costs on top of ffmpeg when it ingests sources (raw I420 over pipes, framed
// into pooled buffers, signal watchdog, state and telemetry). The core process also composes the
// program and feeds the encoder: its figure is the whole core; the encoder's CPU is left out. In the same run, the same ffmpeg source
// commands write to /dev/null directly: the ratio of the two CPU figures is the core's overhead.
// Usage: npx tsx scripts/bench-core.ts [seconds=15] [width=1920] [height=1080]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, openSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { sourceArgs } from '../electron/core/sources/args.js';
import { ShowSchema } from '../electron/shared/show.js';
import { cpuTicks, descendants, processTable } from '../electron/core/process/tree.js';

const seconds = Number(process.argv[2] ?? 15);
const width = Number(process.argv[3] ?? 1920);
const height = Number(process.argv[4] ?? 1080);
const fps = 30;
const TICK = 100; // USER_HZ on Linux

function rssMB(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const show = ShowSchema.parse({
  version: 1,
  name: 'bench',
  program: { width, height, fps },
  sources: [
    { id: 'a', name: 'A', kind: 'test', pattern: 'bars' },
    { id: 'b', name: 'B', kind: 'test', pattern: 'motion' },
  ],
});

async function measureCore(): Promise<{
  corePct: number;
  ffmpegPct: number;
  framesPerS: number;
  rssMB: number;
}> {
  const dir = mkdtempSync(join(tmpdir(), 'regie-bench-'));
  const file = join(dir, 'show.json');
  writeFileSync(file, JSON.stringify(show));
  const child = spawn(
    process.execPath,
    [
      join(import.meta.dirname, '..', 'bin', 'regie-core.mjs'),
      '--show',
      file,
      '--port',
      '0',
      '--data-dir',
      dir,
    ],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const ready = await new Promise<{ url: string; token: string }>((resolve, reject) => {
    child.stdout.once('data', (d: Buffer) => {
      try {
        resolve(JSON.parse(d.toString().split('\n')[0] ?? '') as { url: string; token: string });
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  });
  const pid = child.pid ?? 0;
  const frames = async () => {
    const res = await fetch(`${ready.url}/api/v1/telemetry?token=${ready.token}`);
    const body = (await res.json()) as { data: { sources: Record<string, { framesIn: number }> } };
    return Object.values(body.data.sources).reduce((s, v) => s + v.framesIn, 0);
  };
  await sleep(3000);
  // The sources only: the encoder (it writes MPEG-TS) is a child of the core too, but not ingest.
  const kids = () =>
    descendants(pid, processTable()).filter((p) => {
      try {
        return !readFileSync(`/proc/${p}/cmdline`, 'utf8').includes('mpegts');
      } catch {
        return false;
      }
    });
  const f0 = await frames();
  const c0 = cpuTicks(pid);
  const k0 = kids().reduce((s, p) => s + cpuTicks(p), 0);
  const t0 = Date.now();
  await sleep(seconds * 1000);
  const elapsed = (Date.now() - t0) / 1000;
  const c1 = cpuTicks(pid);
  const k1 = kids().reduce((s, p) => s + cpuTicks(p), 0);
  const f1 = await frames();
  const rss = rssMB(pid);
  child.kill('SIGTERM');
  await new Promise((r) => child.on('exit', r));
  rmSync(dir, { recursive: true, force: true });
  return {
    corePct: ((c1 - c0) / TICK / elapsed) * 100,
    ffmpegPct: ((k1 - k0) / TICK / elapsed) * 100,
    framesPerS: (f1 - f0) / elapsed,
    rssMB: rss,
  };
}

async function measureFfmpegAlone(): Promise<{ ffmpegPct: number }> {
  const devnull = openSync('/dev/null', 'w');
  const procs = show.sources.map((s) =>
    spawn('ffmpeg', sourceArgs(s, show.program), { stdio: ['ignore', devnull, 'ignore', devnull] }),
  );
  await sleep(3000);
  const c0 = procs.reduce((s, p) => s + cpuTicks(p.pid ?? 0), 0);
  const t0 = Date.now();
  await sleep(seconds * 1000);
  const elapsed = (Date.now() - t0) / 1000;
  const c1 = procs.reduce((s, p) => s + cpuTicks(p.pid ?? 0), 0);
  for (const p of procs) p.kill('SIGKILL');
  return { ffmpegPct: ((c1 - c0) / TICK / elapsed) * 100 };
}

const core = await measureCore();
const alone = await measureFfmpegAlone();
const totalCore = core.corePct + core.ffmpegPct;
const rows = [
  ['régie-core process (2 sources ingested)', `${core.corePct.toFixed(1)} %`],
  ['its 2 ffmpeg source processes', `${core.ffmpegPct.toFixed(1)} %`],
  ['total with Régie', `${totalCore.toFixed(1)} %`],
  ['same 2 ffmpeg commands → /dev/null', `${alone.ffmpegPct.toFixed(1)} %`],
  ['ratio total / ffmpeg alone', (totalCore / alone.ffmpegPct).toFixed(2)],
  ['frames received per second (2 × 30 expected)', core.framesPerS.toFixed(1)],
  ['core RSS', `${core.rssMB.toFixed(0)} MB`],
];
console.log(
  `\nCore ingest, 2 test sources at ${width}x${height}@${fps}, ${seconds} s, ${cpus().length} cores (${cpus()[0]?.model ?? '?'})`,
);
for (const [k, v] of rows) console.log(`  ${(k ?? '').padEnd(48)} ${v ?? ''}`);
console.log(
  JSON.stringify({
    bench: 'core-ingest',
    width,
    height,
    fps,
    seconds,
    corePct: core.corePct,
    sourceFfmpegPct: core.ffmpegPct,
    ffmpegAlonePct: alone.ffmpegPct,
    ratio: totalCore / alone.ffmpegPct,
    framesPerS: core.framesPerS,
    rssMB: core.rssMB,
  }),
);
