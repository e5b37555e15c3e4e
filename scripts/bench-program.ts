// Benchmark: the standard job. Two test sources (bars with a tone, motion), PiP, x264 veryfast 4 Mbit/s,
// AAC 128k, recording to disk — run by Régie (core + every child) and, in the same run, by one ffmpeg
// doing the same with lavfi + overlay. CPU = user + sys of every process involved, from /proc.
// Usage: npx tsx scripts/bench-program.ts [seconds=20] [sizes=1280x720,1920x1080]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuTicks, descendants, processTable } from '../electron/core/process/tree.js';

const seconds = Number(process.argv[2] ?? 20);
const sizes = (process.argv[3] ?? '1280x720,1920x1080')
  .split(',')
  .map((s) => s.split('x').map(Number) as [number, number]);
const FPS = 30;
const TICK = 100;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Part = 'core' | 'encoder' | 'sources' | 'other';

/** Which part of Régie a process is: the core itself, the encoder (writes MPEG-TS), a source (lavfi). */
function partOf(root: number, pid: number): Part {
  if (pid === root) return 'core';
  let cmd = '';
  try {
    cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return 'other';
  }
  if (cmd.includes('mpegts')) return 'encoder';
  if (cmd.includes('lavfi')) return 'sources';
  return 'other';
}

/** CPU ticks of a process tree per part, remembering processes that exit in between (their last value counts). */
function treeSampler(root: number) {
  const seen = new Map<number, { part: Part; ticks: number }>();
  return () => {
    for (const p of [root, ...descendants(root, processTable())]) {
      const t = cpuTicks(p);
      if (t > 0) seen.set(p, { part: seen.get(p)?.part ?? partOf(root, p), ticks: t });
    }
    const out: Record<Part, number> = { core: 0, encoder: 0, sources: 0, other: 0 };
    for (const v of seen.values()) out[v.part] += v.ticks;
    return out;
  };
}

async function measure(root: number, warmupS: number): Promise<{ total: number } & Record<Part, number>> {
  const sample = treeSampler(root);
  const poll = setInterval(sample, 250);
  await sleep(warmupS * 1000);
  const c0 = sample();
  const t0 = Date.now();
  await sleep(seconds * 1000);
  const c1 = sample();
  clearInterval(poll);
  const pct = (k: Part) => ((c1[k] - c0[k]) / TICK / ((Date.now() - t0) / 1000)) * 100;
  const parts = { core: pct('core'), encoder: pct('encoder'), sources: pct('sources'), other: pct('other') };
  return { total: parts.core + parts.encoder + parts.sources + parts.other, ...parts };
}

async function regie(w: number, h: number) {
  const dir = mkdtempSync(join(tmpdir(), 'regie-bench-'));
  const show = {
    version: 1,
    name: 'bench',
    program: { width: w, height: h, fps: FPS },
    sources: [
      {
        id: 'slides',
        name: 'Slides',
        kind: 'test',
        pattern: 'bars',
        toneHz: 1000,
        toneDbfs: -20,
        label: false,
      },
      { id: 'camera', name: 'Camera', kind: 'test', pattern: 'motion', label: false },
    ],
    scene: { layout: 'pip', sources: ['slides', 'camera'], corner: 'br', size: 0.25 },
    encoder: { codec: 'libx264', preset: 'veryfast', videoKbps: 4000, audioKbps: 128, gopSeconds: 2 },
    recording: { directory: join(dir, 'rec') },
  };
  writeFileSync(join(dir, 'show.json'), JSON.stringify(show));
  const child = spawn(
    process.execPath,
    [
      // e.g. REGIE_BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' to profile the core
      ...(process.env.REGIE_BENCH_NODE_ARGS ?? '').split(' ').filter((a) => a !== ''),
      join(import.meta.dirname, '..', 'bin', 'regie-core.mjs'),
      '--show',
      join(dir, 'show.json'),
      '--port',
      '0',
      '--data-dir',
      dir,
    ],
    {
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  const ready = await new Promise<{ url: string; token: string }>((resolve) =>
    child.stdout.once('data', (d: Buffer) =>
      resolve(JSON.parse(d.toString().split('\n')[0] ?? '{}') as { url: string; token: string }),
    ),
  );
  const call = (m: string) =>
    fetch(`${ready.url}/api/v1/call/${m}?token=${ready.token}`, { method: 'POST', body: '{}' });
  await sleep(2000);
  await call('record.start');
  const cpu = await measure(child.pid ?? 0, 3);
  const tel = (await (await fetch(`${ready.url}/api/v1/telemetry?token=${ready.token}`)).json()) as {
    data: {
      program: {
        mixer: { composeMsAvg: number; skippedTicks: number; ticks: number };
        encoder: { speed: number | null; droppedTicks: number; backlogFrames: number };
      };
    };
  };
  await call('record.stop');
  child.kill('SIGTERM');
  await new Promise((r) => child.on('exit', r));
  rmSync(dir, { recursive: true, force: true });
  return { cpu, ...tel.data.program };
}

async function ffmpegAlone(w: number, h: number) {
  const dir = mkdtempSync(join(tmpdir(), 'regie-bench-ff-'));
  const pipW = Math.round(w / 4 / 2) * 2;
  const m = Math.round((w * 0.025) / 2) * 2;
  const args = [
    '-hide_banner',
    '-loglevel',
    'error',
    '-nostdin',
    '-re',
    '-f',
    'lavfi',
    '-i',
    `smptehdbars=size=${w}x${h}:rate=${FPS}`,
    '-re',
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=${w}x${h}:rate=${FPS}`,
    '-re',
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=1000:sample_rate=48000',
    '-filter_complex',
    `[1:v]scale=${pipW}:-2:flags=area[pip];[0:v][pip]overlay=W-w-${m}:H-h-${m}[v];[2:a]volume=-1.94dB,pan=stereo|c0=c0|c1=c0[a]`,
    '-map',
    '[v]',
    '-map',
    '[a]',
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-profile:v',
    'main',
    '-b:v',
    '4000k',
    '-maxrate',
    '4000k',
    '-bufsize',
    '8000k',
    '-g',
    '60',
    '-keyint_min',
    '60',
    '-sc_threshold',
    '0',
    '-c:a',
    'aac',
    '-b:a',
    '128k',
    '-f',
    'mpegts',
    join(dir, 'out.ts'),
  ];
  const child = spawn('ffmpeg', args, { stdio: ['ignore', 'ignore', 'ignore'] });
  const cpu = (await measure(child.pid ?? 0, 3)).total;
  child.kill('SIGKILL');
  await new Promise((r) => child.on('exit', r));
  rmSync(dir, { recursive: true, force: true });
  return { cpu };
}

console.log(
  `Standard job, ${seconds} s measured per run, ${cpus().length} cores (${cpus()[0]?.model ?? '?'})`,
);
for (const [w, h] of sizes) {
  const r = await regie(w, h);
  // REGIE_BENCH_SKIP_FFMPEG=1: Régie only (profiling runs); the ratio is then meaningless.
  const f = process.env.REGIE_BENCH_SKIP_FFMPEG === '1' ? { cpu: NaN } : await ffmpegAlone(w, h);
  const ratio = r.cpu.total / f.cpu;
  console.log(`\n${w}x${h}@${FPS}`);
  console.log(`  Régie (core + all children)     ${r.cpu.total.toFixed(1)} % of one core`);
  console.log(
    `    core ${r.cpu.core.toFixed(1)} %, encoder ${r.cpu.encoder.toFixed(1)} %, sources ${r.cpu.sources.toFixed(1)} %, other ${r.cpu.other.toFixed(1)} %`,
  );
  console.log(`  one ffmpeg, lavfi + overlay     ${f.cpu.toFixed(1)} %`);
  console.log(`  ratio                           ${ratio.toFixed(2)}   (target ≤ 1.30, goal ≤ 1.15)`);
  console.log(`  compositor per frame            ${r.mixer.composeMsAvg} ms`);
  console.log(
    `  encoder speed / backlog         ${r.encoder.speed ?? '?'}x / ${r.encoder.backlogFrames} frames; dropped ticks ${r.encoder.droppedTicks}; skipped ticks ${r.mixer.skippedTicks}`,
  );
  console.log(
    JSON.stringify({
      bench: 'program',
      width: w,
      height: h,
      fps: FPS,
      seconds,
      regieCpuPct: r.cpu.total,
      coreCpuPct: r.cpu.core,
      encoderCpuPct: r.cpu.encoder,
      sourcesCpuPct: r.cpu.sources,
      ffmpegCpuPct: f.cpu,
      ratio,
      composeMsAvg: r.mixer.composeMsAvg,
      encoderSpeed: r.encoder.speed,
      backlogFrames: r.encoder.backlogFrames,
      droppedTicks: r.encoder.droppedTicks,
      skippedTicks: r.mixer.skippedTicks,
    }),
  );
}
