// Our meters against real ffmpeg: ffmpeg generates the signal (lavfi sine), we meter its f32le output,
// and ffmpeg's own ebur128 filter measures the very same samples (fed back on stdin).
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { LoudnessMeter } from '../../electron/core/audio/dsp/loudness-meter.js';
import { PeakRmsMeter } from '../../electron/core/audio/dsp/peak-rms-meter.js';

const FFMPEG = process.env.REGIE_FFMPEG ?? 'ffmpeg';
const SINE_DB = 20 * Math.log10(1 / 8); // lavfi's sine source has an amplitude of 1/8

interface Ebur128Summary {
  integrated: number;
  lra: number;
}

function run(args: string[], input?: Float32Array): Promise<{ stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(FFMPEG, ['-hide_banner', '-nostats', ...args], { stdio: 'pipe' });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve({ stdout: Buffer.concat(out), stderr });
      else reject(new Error(`ffmpeg exited with ${code}: ${stderr.slice(-800)}`));
    });
    child.stdin.on('error', reject);
    child.stdin.end(input ? Buffer.from(input.buffer, input.byteOffset, input.byteLength) : undefined);
  });
}

/** 1 kHz sine from ffmpeg, in both channels, with a volume filter (dB or expression), as f32le stereo. */
async function ffmpegSine(seconds: number, volume: string): Promise<Float32Array> {
  const { stdout } = await run([
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=1000:sample_rate=48000:duration=${seconds}`,
    '-af',
    `volume=${volume},pan=stereo|c0=c0|c1=c0`,
    '-f',
    'f32le',
    '-ac',
    '2',
    '-ar',
    '48000',
    '-',
  ]);
  return new Float32Array(new Uint8Array(stdout).buffer);
}

/** Parse the summary that ffmpeg's ebur128 filter prints at the end ("I: -23.0 LUFS", "LRA: 0.0 LU"). */
function parseEbur128Summary(stderr: string): Ebur128Summary {
  const summary = stderr.slice(stderr.lastIndexOf('Summary:'));
  const i = /\bI:\s+(-?[\d.]+|-inf) LUFS/.exec(summary);
  const lra = /\bLRA:\s+([\d.]+) LU/.exec(summary);
  if (!i?.[1] || !lra?.[1]) throw new Error(`no ebur128 summary in: ${stderr.slice(-500)}`);
  return { integrated: i[1] === '-inf' ? -Infinity : Number(i[1]), lra: Number(lra[1]) };
}

async function ffmpegEbur128(samples: Float32Array): Promise<Ebur128Summary> {
  const { stderr } = await run(
    ['-f', 'f32le', '-ar', '48000', '-ac', '2', '-i', '-', '-af', 'ebur128', '-f', 'null', '-'],
    samples,
  );
  return parseEbur128Summary(stderr);
}

function meter(samples: Float32Array): ReturnType<LoudnessMeter['read']> {
  const m = new LoudnessMeter();
  for (let i = 0; i < samples.length; i += 8192) m.push(samples.subarray(i, i + 8192));
  return m.read();
}

describe('audio meters against ffmpeg', () => {
  it('parses the ebur128 summary', () => {
    const text = `[Parsed_ebur128_0 @ 0x1] Summary:\n\n  Integrated loudness:\n    I:         -23.0 LUFS\n    Threshold: -33.0 LUFS\n\n  Loudness range:\n    LRA:         0.0 LU\n`;
    expect(parseEbur128Summary(text)).toEqual({ integrated: -23, lra: 0 });
  });

  it.each([-23, -33])('ffmpeg sine at %d dBFS: peak, RMS and integrated loudness agree', async (db) => {
    const samples = await ffmpegSine(20, `${(db - SINE_DB).toFixed(4)}dB`);
    expect(samples.length).toBe(20 * 48000 * 2);
    const levels = new PeakRmsMeter();
    levels.push(samples);
    for (const l of levels.read()) {
      expect(Math.abs(l.peak - db)).toBeLessThan(0.1);
      expect(Math.abs(l.rms - (db - 3.01))).toBeLessThan(0.1);
    }
    const ours = meter(samples);
    const theirs = await ffmpegEbur128(samples);
    console.log(
      `${db} dBFS: ours I=${ours.integrated.toFixed(3)} M=${ours.momentary.toFixed(3)}, ffmpeg I=${theirs.integrated}`,
    );
    expect(Math.abs(ours.integrated - db)).toBeLessThan(0.1);
    expect(Math.abs(ours.integrated - theirs.integrated)).toBeLessThan(0.2);
  });

  it('Tech 3341 case 5 (-26 / -20 / -26 dBFS, 20 / 20.1 / 20 s): integrated agrees with ffmpeg', async () => {
    const loud = Math.pow(10, (-20 - SINE_DB) / 20);
    const quiet = Math.pow(10, (-26 - SINE_DB) / 20);
    const samples = await ffmpegSine(60.1, `'if(between(t,20,40.1),${loud},${quiet})':eval=frame`);
    const ours = meter(samples);
    const theirs = await ffmpegEbur128(samples);
    console.log(`case 5: ours I=${ours.integrated.toFixed(3)}, ffmpeg I=${theirs.integrated}`);
    expect(Math.abs(ours.integrated + 23)).toBeLessThan(0.1);
    expect(Math.abs(ours.integrated - theirs.integrated)).toBeLessThan(0.2);
  });

  it('20 s each of -36 / -23 / -36 dBFS: both read about -27.3 (the quiet parts pass the relative gate)', async () => {
    const loud = Math.pow(10, (-23 - SINE_DB) / 20);
    const quiet = Math.pow(10, (-36 - SINE_DB) / 20);
    const samples = await ffmpegSine(60, `'if(between(t,20,40),${loud},${quiet})':eval=frame`);
    const ours = meter(samples);
    const theirs = await ffmpegEbur128(samples);
    console.log(`-36/-23/-36 x 20 s: ours I=${ours.integrated.toFixed(3)}, ffmpeg I=${theirs.integrated}`);
    expect(Math.abs(ours.integrated + 27.3)).toBeLessThan(0.2);
    expect(Math.abs(ours.integrated - theirs.integrated)).toBeLessThan(0.2);
  });

  it('Tech 3342 case 1 (-20 then -30 dBFS, 20 s each): LRA agrees with ffmpeg', async () => {
    const loud = Math.pow(10, (-20 - SINE_DB) / 20);
    const quiet = Math.pow(10, (-30 - SINE_DB) / 20);
    const samples = await ffmpegSine(40, `'if(lt(t,20),${loud},${quiet})':eval=frame`);
    const ours = meter(samples);
    const theirs = await ffmpegEbur128(samples);
    console.log(
      `LRA: ours ${ours.lra.toFixed(2)} LU, I=${ours.integrated.toFixed(3)}; ffmpeg ${theirs.lra} LU, I=${theirs.integrated}`,
    );
    expect(Math.abs(ours.lra - 10)).toBeLessThan(1);
    expect(Math.abs(ours.lra - theirs.lra)).toBeLessThan(0.5);
    expect(Math.abs(ours.integrated - theirs.integrated)).toBeLessThan(0.2);
  });
});
