// CPU of each rendition: a destination's own ffmpeg decodes the program's MPEG-TS (720p30 H.264 4 Mbit/s +
// AAC, as the encoder makes it) and encodes the rendition, with the same arguments a destination uses
// (codecArgs). Each runs alone at real time (-re) for 16 s; CPU is read from /proc/<pid>/stat between 4 s
// and 14 s. "copy" (the program as it is, no rendition) is the reference.
// Prints a table, then one JSON line {"bench":"renditions",...}.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Container, EncodeSettings } from '../electron/core/outputs/encode-args.js';
import { codecArgs } from '../electron/core/outputs/encode-args.js';

const ffmpeg = process.env.REGIE_FFMPEG ?? 'ffmpeg';
const TICKS = 100; // USER_HZ on Linux

interface Case {
  name: string;
  container: Container;
  enc: EncodeSettings | null;
}
const cases: Case[] = [
  { name: 'copy (no rendition), MPEG-TS', container: 'mpegts', enc: null },
  {
    name: '540p H.264 1 Mbit/s + AAC 96k',
    container: 'mpegts',
    enc: { height: 540, videoKbps: 1000, audioKbps: 96, audioOnly: false },
  },
  {
    name: '360p VP8 384k + Opus 64k (WebM, FAImaison)',
    container: 'webm',
    enc: { height: 360, videoKbps: 384, audioKbps: 64, audioOnly: false },
  },
  { name: 'WebM VP8 1500k + Opus 96k, full size', container: 'webm', enc: null },
  { name: 'audio only AAC 64k', container: 'mpegts', enc: { audioKbps: 64, audioOnly: true } },
  { name: 'audio only Vorbis 64k (Ogg)', container: 'ogg', enc: { audioKbps: 64, audioOnly: true } },
];

function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function measure(program: string, c: Case): Promise<number> {
  const args = ['-hide_banner', '-nostdin', '-loglevel', 'error', '-re', '-i', program];
  const child = spawn(
    ffmpeg,
    [...args, ...codecArgs(c.container, c.enc), '-f', c.container, '-y', '/dev/null'],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  await sleep(4000);
  const t0 = cpuTicks(child.pid!);
  const w0 = performance.now();
  await sleep(10_000);
  const t1 = cpuTicks(child.pid!);
  const wall = (performance.now() - w0) / 1000;
  child.kill('SIGKILL');
  await exited;
  return ((t1 - t0) / TICKS / wall) * 100;
}

const dir = mkdtempSync(join(tmpdir(), 'bench-renditions-'));
try {
  const program = join(dir, 'program.ts');
  const make = spawnSync(ffmpeg, [
    ...['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=30'],
    ...['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000', '-t', '20'],
    ...['-c:v', 'libx264', '-preset', 'veryfast', '-profile:v', 'main', '-pix_fmt', 'yuv420p'],
    ...['-b:v', '4000k', '-maxrate', '4000k', '-bufsize', '8000k', '-g', '60', '-c:a', 'aac', '-b:a', '128k'],
    ...['-ac', '2', '-f', 'mpegts', program],
  ]);
  if (make.status !== 0) throw new Error(`cannot make the program: ${String(make.stderr)}`);
  const results: { name: string; cpuPct: number }[] = [];
  for (const c of cases) {
    const cpuPct = Math.round((await measure(program, c)) * 10) / 10;
    results.push({ name: c.name, cpuPct });
    console.log(`${c.name.padEnd(46)} ${cpuPct.toFixed(1).padStart(6)} % of one core`);
  }
  console.log(JSON.stringify({ bench: 'renditions', program: '1280x720@30 H.264 4 Mbit/s + AAC', results }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
