// Audio DSP benchmark: LoudnessMeter, PeakRmsMeter, TruePeakMeter and DriftResampler on 60 s of stereo
// 48 kHz, the whole mixer audio path for 8 sources, against ffmpeg's own ebur128 filter on the same duration. Run: npx tsx scripts/bench-audio.ts
// Prints a table, then one JSON line {"bench":"audio",...}. The resampler loop, the s16/float conversions and
// the bus's gain + mix run in the native addon when it is built; REGIE_COMPOSITOR_ADDON=/nonexistent
// measures the TypeScript fallback.
import { spawnSync } from 'node:child_process';
import { DriftResampler } from '../electron/core/audio/dsp/drift-resampler.js';
import { LoudnessMeter } from '../electron/core/audio/dsp/loudness-meter.js';
import { PeakRmsMeter } from '../electron/core/audio/dsp/peak-rms-meter.js';
import { TruePeakMeter } from '../electron/core/audio/dsp/true-peak-meter.js';
import type { SourceBlock } from '../electron/core/audio/bus.js';
import { ProgramBus } from '../electron/core/audio/bus.js';
import { AudioQueue } from '../electron/core/mixer/audio-queue.js';
import { nativeAudioKernels } from '../native/audio.js';

const RATE = 48000;
const SECONDS = 60;
const CHUNK = 1024; // frames per push, like a source pipe read
const BLOCK = 1600; // frames per pull, one 30 fps tick
const RUNS = 3;
const FFMPEG = process.env.REGIE_FFMPEG ?? 'ffmpeg';

function program(): Float32Array {
  const out = new Float32Array(RATE * SECONDS * 2);
  let seed = 1;
  for (let f = 0; f < RATE * SECONDS; f++) {
    seed = (seed * 16807) % 2147483647;
    const noise = (seed / 2147483647 - 0.5) * 0.05;
    const tone = 0.2 * Math.sin((2 * Math.PI * 440 * f) / RATE);
    out[2 * f] = tone + noise;
    out[2 * f + 1] = 0.5 * tone - noise;
  }
  return out;
}

/** Best CPU time (ms) of RUNS runs, after one warm-up. */
function cpuMs(work: () => void): number {
  work();
  let best = Infinity;
  for (let i = 0; i < RUNS; i++) {
    const start = process.cpuUsage();
    work();
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

function feed(samples: Float32Array, sink: { push(s: Float32Array): void }): void {
  for (let i = 0; i < samples.length; i += CHUNK * 2) sink.push(samples.subarray(i, i + CHUNK * 2));
}

function resample(samples: Float32Array): void {
  let now = 0;
  const r = new DriftResampler({ now: () => now });
  const out = new Float32Array(BLOCK * 2);
  const srcRate = RATE * 1.0002;
  let pushed = 0;
  let pulled = 0;
  while (pulled + BLOCK <= RATE * SECONDS) {
    if (pushed < samples.length / 2 && (pushed + CHUNK) / srcRate < (pulled + BLOCK) / RATE) {
      now = (pushed + CHUNK) / srcRate;
      r.push(samples.subarray(pushed * 2, (pushed + CHUNK) * 2));
      pushed += CHUNK;
    } else {
      now = (pulled + BLOCK) / RATE;
      r.pull(out);
      pulled += BLOCK;
    }
  }
}

const SOURCES = 8;

/**
 * The whole audio path of the mixer for 8 sources, as the core runs it: s16 bytes from each pipe into
 * its AudioQueue (drift resampler; each source's clock off by a different amount), one block per 30 fps
 * tick pulled from each, through the ProgramBus (delay line, gain ramp, post-fader meters, mix, program
 * peak/RMS and EBU R128).
 */
function mixEight(samples: Float32Array): void {
  let now = 0;
  const pcm = Buffer.alloc(CHUNK * 4);
  for (let f = 0; f < CHUNK * 2; f++) pcm.writeInt16LE(Math.round((samples[f] ?? 0) * 32767), 2 * f);
  const sources = Array.from({ length: SOURCES }, (_, i) => ({
    id: `s${i}`,
    queue: new AudioQueue({ now: () => now }),
    rate: RATE * (1 + (i - 4) * 50e-6),
    pushed: 0,
    block: new Int16Array(BLOCK * 2),
  }));
  const bus = new ProgramBus();
  const out = new Int16Array(BLOCK * 2);
  const blocks: SourceBlock[] = sources.map((s, i) => ({
    id: s.id,
    block: s.block,
    strip: { gainDb: -6, muted: false, followsVideo: false, delayMs: 20 * i },
    onProgram: true,
  }));
  for (let pulled = 0; pulled + BLOCK <= RATE * SECONDS; pulled += BLOCK) {
    const tickAt = (pulled + BLOCK) / RATE;
    for (const s of sources) {
      while ((s.pushed + CHUNK) / s.rate < tickAt) {
        now = (s.pushed + CHUNK) / s.rate;
        s.queue.pushBytes(pcm);
        s.pushed += CHUNK;
      }
    }
    now = tickAt;
    for (const s of sources) s.queue.pull(s.block);
    bus.process(blocks, out);
  }
}

/** ffmpeg CPU and wall time (ms) from -benchmark, best of RUNS. */
function ffmpegMs(filter: string): { cpu: number; wall: number } {
  let best = { cpu: Infinity, wall: Infinity };
  for (let i = 0; i < RUNS; i++) {
    const args = ['-hide_banner', '-nostats', '-benchmark', '-f', 'lavfi', '-i'];
    args.push(
      `sine=frequency=1000:sample_rate=${RATE}`,
      '-t',
      String(SECONDS),
      '-af',
      filter,
      '-f',
      'null',
      '-',
    );
    const res = spawnSync(FFMPEG, args, { encoding: 'utf8' });
    const m = /bench: utime=([\d.]+)s stime=([\d.]+)s rtime=([\d.]+)s/.exec(res.stderr);
    if (res.status !== 0 || !m) throw new Error(`ffmpeg failed: ${res.stderr.slice(-500)}`);
    const cpu = (Number(m[1]) + Number(m[2])) * 1000;
    if (cpu < best.cpu) best = { cpu, wall: Number(m[3]) * 1000 };
  }
  return best;
}

const samples = program();
const results = {
  loudness: cpuMs(() => feed(samples, new LoudnessMeter())),
  peakRms: cpuMs(() => feed(samples, new PeakRmsMeter())),
  truePeak: cpuMs(() => feed(samples, new TruePeakMeter())),
  driftResampler: cpuMs(() => resample(samples)),
  eightSources: cpuMs(() => mixEight(samples)),
};
const eightPct = (results.eightSources / (SECONDS * 1000)) * 100;
const meters = results.loudness + results.peakRms + results.driftResampler;
const ffGenerate = ffmpegMs('aformat=channel_layouts=stereo');
const ffEbur128 = ffmpegMs('aformat=channel_layouts=stereo,ebur128');
const ffNet = Math.max(1, ffEbur128.cpu - ffGenerate.cpu);

const row = (name: string, ms: number): string =>
  `${name.padEnd(38)} ${ms.toFixed(1).padStart(9)} ${(ms / SECONDS).toFixed(2).padStart(12)} ${((SECONDS * 1000) / ms).toFixed(0).padStart(11)}x`;
const native = nativeAudioKernels() !== undefined;
console.log(`60 s of stereo ${RATE} Hz, chunks of ${CHUNK} frames, best of ${RUNS}`);
console.log(`audio kernels: ${native ? 'native (addon)' : 'TypeScript (no addon with audio kernels)'}`);
console.log(
  `${'stage'.padEnd(38)} ${'CPU ms'.padStart(9)} ${'ms per s'.padStart(12)} ${'realtime'.padStart(12)}`,
);
console.log(row('LoudnessMeter (M/S/I/LRA)', results.loudness));
console.log(row('PeakRmsMeter', results.peakRms));
console.log(row('TruePeakMeter (4x)', results.truePeak));
console.log(row('DriftResampler (16-tap sinc, +200 ppm)', results.driftResampler));
console.log(row('Loudness + PeakRms + DriftResampler', meters));
console.log(row(`${SOURCES} sources: queue+resampler+delay+meters+mix`, results.eightSources));
console.log(`${SOURCES} sources, whole audio path: ${eightPct.toFixed(2)} % of one core (target < 5 %)`);
console.log(row('ffmpeg sine + ebur128 (whole process)', ffEbur128.cpu));
console.log(row('ffmpeg ebur128 alone (minus sine run)', ffNet));
console.log(`LoudnessMeter / ffmpeg ebur128 CPU: ${(results.loudness / ffNet).toFixed(2)}`);
console.log(
  JSON.stringify({
    bench: 'audio',
    seconds: SECONDS,
    sampleRate: RATE,
    channels: 2,
    cpuMs: Object.fromEntries(Object.entries(results).map(([k, v]) => [k, Number(v.toFixed(2))])),
    combinedXRealtime: Math.round((SECONDS * 1000) / meters),
    combinedCpuMsPerSecond: Number((meters / SECONDS).toFixed(3)),
    ffmpeg: { ebur128CpuMs: ffEbur128.cpu, ebur128WallMs: ffEbur128.wall, sineOnlyCpuMs: ffGenerate.cpu },
    loudnessVsFfmpegEbur128: Number((results.loudness / ffNet).toFixed(3)),
    eightSourcesCpuPctOfOneCore: Number(eightPct.toFixed(2)),
    nativeAudioKernels: native,
  }),
);
