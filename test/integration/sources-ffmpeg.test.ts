// Every source kind through the real ffmpeg, checked by what comes out: raw I420 frames on stdout
// (count, size, pixel values) and 48 kHz stereo s16le on fd 3 (level, frequency, continuity).
// Generated media, images, files, an SRT feed, PulseAudio capture (private server) and X11 screen
// capture (private Xvfb). Runs are short (1.5–3 s of media each) because the machine is shared.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createSocket } from 'node:dgram';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labelFilter, sourceArgs, type ProgramFormat } from '../../electron/core/sources/args.js';
import { SourceSchema, type Source } from '../../electron/shared/show.js';
import { hasPulseaudio, playTone, startPulse, type PulseServer } from '../helpers/pulse.js';
import { hasXvfb, showColourWindow, startXvfb, type XServer } from '../helpers/xvfb.js';

const FFMPEG = process.env.REGIE_FFMPEG ?? 'ffmpeg';
const run = promisify(execFile);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const running = new Set<ChildProcess>();
const dir = mkdtempSync(join(tmpdir(), 'regie-sources-'));

afterAll(() => {
  for (const c of running) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function source(input: Record<string, unknown>): Source {
  return SourceSchema.parse({ id: 'src', name: 'Src', ...input });
}

interface Capture {
  video: Buffer;
  pcm: Buffer;
  frames: number;
  /** ms from the first video byte to the end of the run */
  videoMs: number;
  stderr: string;
  exit: { code: number | null; signal: NodeJS.Signals | null };
}

/**
 * Runs the source's ffmpeg for `ms` after its first frame (or until it exits), then stops it as the
 * supervisor does: "q" on stdin (a signal could cut the frame being written), SIGKILL after 5 s.
 */
async function capture(
  args: string[],
  p: ProgramFormat,
  ms: number,
  env: Record<string, string> = {},
): Promise<Capture> {
  const child = spawn(FFMPEG, args, {
    stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  running.add(child);
  const video: Buffer[] = [];
  const pcm: Buffer[] = [];
  let stderr = '';
  let firstAt = 0;
  child.stdout.on('data', (b: Buffer) => {
    if (firstAt === 0) firstAt = Date.now();
    video.push(b);
  });
  const fd3 = child.stdio[3];
  if (!fd3 || !('on' in fd3)) throw new Error('no fd 3');
  fd3.on('data', (b: Buffer) => pcm.push(b));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const exited = new Promise<Capture['exit']>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const started = Date.now();
  let quitAt = 0;
  const timer = setInterval(() => {
    const since = firstAt === 0 ? Date.now() - started - 10_000 : Date.now() - firstAt;
    if (since >= ms && quitAt === 0) {
      quitAt = Date.now();
      child.stdin.write('q\n');
    }
    if (quitAt > 0 && Date.now() - quitAt > 5000) child.kill('SIGKILL');
  }, 20);
  const exit = await exited;
  const endAt = Date.now();
  clearInterval(timer);
  running.delete(child);
  const all = Buffer.concat(video);
  return {
    video: all,
    pcm: Buffer.concat(pcm),
    frames: all.length / ((p.width * p.height * 3) / 2),
    videoMs: firstAt === 0 ? 0 : endAt - firstAt,
    stderr,
    exit,
  };
}

/** Y, U, V of a pixel of frame `n`. */
function yuvAt(c: Capture, p: ProgramFormat, n: number, x: number, y: number): [number, number, number] {
  const size = (p.width * p.height * 3) / 2;
  const f = c.video.subarray(n * size, (n + 1) * size);
  const ySize = p.width * p.height;
  const ci = (y >> 1) * (p.width >> 1) + (x >> 1);
  return [f[y * p.width + x]!, f[ySize + ci]!, f[ySize + ySize / 4 + ci]!];
}

interface ChannelStats {
  peakDbfs: number;
  rmsDbfs: number;
  hz: number;
}

/** Peak, RMS and (by zero crossings) frequency of one channel, skipping the first `skipS` seconds. */
function channel(pcm: Buffer, ch: 0 | 1, skipS = 0.2): ChannelStats {
  const samples = Math.floor(pcm.length / 4);
  const from = Math.min(samples, Math.round(skipS * 48_000));
  let peak = 0;
  let sumSq = 0;
  let crossings = 0;
  let prev = 0;
  for (let i = from; i < samples; i++) {
    const v = pcm.readInt16LE(i * 4 + ch * 2);
    peak = Math.max(peak, Math.abs(v));
    sumSq += v * v;
    if (i > from && ((prev < 0 && v >= 0) || (prev >= 0 && v < 0))) crossings++;
    prev = v;
  }
  const n = Math.max(1, samples - from);
  const db = (x: number): number => 20 * Math.log10(Math.max(x, 1e-9) / 32768);
  return { peakDbfs: db(peak), rmsDbfs: db(Math.sqrt(sumSq / n)), hz: crossings / 2 / (n / 48_000) };
}

/**
 * Frames and samples match the time run (real time, continuous), and each other within `tolerance`
 * (0.25 s; capture devices deliver in blocks, which a loaded machine can delay by a few hundred ms).
 */
function expectContinuous(c: Capture, p: ProgramFormat, tolerance = 0.25): void {
  expect(c.video.length % ((p.width * p.height * 3) / 2)).toBe(0);
  const seconds = c.videoMs / 1000;
  expect(c.frames).toBeGreaterThan(p.fps * seconds * 0.8);
  expect(c.frames).toBeLessThan(p.fps * seconds * 1.2 + 3);
  const audioSeconds = c.pcm.length / 4 / 48_000;
  expect(Math.abs(audioSeconds - c.frames / p.fps)).toBeLessThan(tolerance);
}

describe('test source', () => {
  const p = { width: 640, height: 360, fps: 25 };

  it('bars with a 1 kHz tone at −20 dBFS: frames, bar colours, tone level on both channels', async () => {
    const s = source({ kind: 'test', pattern: 'bars', toneHz: 1000, toneDbfs: -20, label: false });
    const c = await capture(sourceArgs(s, p), p, 2500);
    expectContinuous(c, p);
    // SMPTE RP 219 bars (BT.709 limited): 40 % grey first, then 75 % white, 75 % yellow.
    const last = c.frames - 1;
    expect(yuvAt(c, p, last, 40, 100)).toEqual([104, 128, 128]);
    expect(yuvAt(c, p, last, 182, 100)).toEqual([168, 44, 136]);
    for (const ch of [0, 1] as const) {
      const stats = channel(c.pcm, ch);
      expect(stats.peakDbfs).toBeGreaterThan(-20.2);
      expect(stats.peakDbfs).toBeLessThan(-19.8);
      expect(stats.hz).toBeCloseTo(1000, -1);
    }
    console.log(
      `bars+tone: ${c.frames} frames in ${c.videoMs} ms, peak L ${channel(c.pcm, 0).peakDbfs.toFixed(3)} dBFS`,
    );
  });

  it('colour #ff0000 decodes as BT.709 limited red; silence without a tone', async () => {
    const s = source({ kind: 'test', pattern: 'color', color: '#ff0000', label: false });
    const c = await capture(sourceArgs(s, p), p, 1500);
    expectContinuous(c, p);
    const [y, u, v] = yuvAt(c, p, c.frames - 1, 320, 180);
    expect(Math.abs(y - 63)).toBeLessThanOrEqual(1);
    expect(Math.abs(u - 102)).toBeLessThanOrEqual(1);
    expect(Math.abs(v - 240)).toBeLessThanOrEqual(1);
    expect(c.pcm.every((b) => b === 0)).toBe(true);
  });

  it('a label with quotes, colons, backslash, percent and brackets renders exactly that text', async () => {
    const name = "It's 10:30 \\ 100% {pts} %{n} [live], ok; go";
    writeFileSync(join(dir, 'label.txt'), name);
    const q = { width: 640, height: 360, fps: 25 };
    const viaEscaping = labelFilter(name, q);
    const viaFile = viaEscaping.replace(
      /^drawtext=text=.*?:expansion=none:/,
      `drawtext=textfile=${join(dir, 'label.txt')}:expansion=none:`,
    );
    expect(viaFile).not.toBe(viaEscaping);
    const frame = async (filter: string): Promise<Buffer> => {
      const { stdout } = await run(
        FFMPEG,
        [
          '-hide_banner',
          '-loglevel',
          'error',
          '-f',
          'lavfi',
          '-i',
          `color=c=0x204060:size=640x360:rate=25,${filter}`,
          '-frames:v',
          '1',
          '-f',
          'rawvideo',
          '-pix_fmt',
          'yuv420p',
          '-',
        ],
        { encoding: 'buffer', maxBuffer: 10_000_000 },
      );
      return stdout;
    };
    const [escaped, fromFile, other] = await Promise.all([
      frame(viaEscaping),
      frame(viaFile),
      frame(labelFilter('Its 1030  100 pts n live ok go', q)),
    ]);
    expect(escaped.length).toBe(640 * 360 * 1.5);
    expect(escaped.equals(fromFile)).toBe(true);
    expect(escaped.equals(other)).toBe(false);
  });
});

describe('image source', () => {
  const p = { width: 640, height: 360, fps: 25 };

  it('a wide picture is letterboxed, a square one pillarboxed, at the program rate, with silence', async () => {
    const wide = join(dir, 'wide 100%.png');
    const square = join(dir, 'square.jpg');
    await run(FFMPEG, [
      '-hide_banner',
      '-loglevel',
      'error',
      '-f',
      'lavfi',
      '-i',
      'color=c=white:s=800x200',
      '-frames:v',
      '1',
      '-y',
      wide,
    ]);
    await run(FFMPEG, [
      '-hide_banner',
      '-loglevel',
      'error',
      '-f',
      'lavfi',
      '-i',
      'color=c=white:s=400x400',
      '-frames:v',
      '1',
      '-y',
      square,
    ]);
    const [w, sq] = [
      await capture(sourceArgs(source({ kind: 'image', path: wide }), p), p, 1500),
      await capture(sourceArgs(source({ kind: 'image', path: square }), p), p, 1500),
    ];
    for (const c of [w, sq]) {
      expectContinuous(c, p);
      expect(c.pcm.every((b) => b === 0)).toBe(true);
    }
    // 800x200 → 640x160, bars of 100 lines above and below.
    expect(yuvAt(w, p, w.frames - 1, 320, 50)).toEqual([16, 128, 128]);
    expect(yuvAt(w, p, w.frames - 1, 320, 180)).toEqual([235, 128, 128]);
    expect(yuvAt(w, p, w.frames - 1, 320, 310)).toEqual([16, 128, 128]);
    // 400x400 → 360x360, bars of 140 columns left and right.
    expect(yuvAt(sq, p, sq.frames - 1, 60, 180)).toEqual([16, 128, 128]);
    expect(yuvAt(sq, p, sq.frames - 1, 320, 180)[0]).toBeGreaterThanOrEqual(230); // JPEG white, full range → limited
    expect(yuvAt(sq, p, sq.frames - 1, 580, 180)).toEqual([16, 128, 128]);
  });
});

describe('file source', () => {
  const p = { width: 320, height: 180, fps: 25 };
  const withAudio = join(dir, 'with-audio.mkv');
  const noAudio = join(dir, 'no-audio.mkv');

  beforeAll(async () => {
    const tone =
      'sine=frequency=440:sample_rate=48000,volume=-1.9382dB,aeval=val(0)|val(0):c=stereo,aformat=channel_layouts=stereo';
    const base = ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=s=320x240:r=25'];
    await run(FFMPEG, [
      ...base,
      '-f',
      'lavfi',
      '-i',
      tone,
      '-t',
      '2',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-c:a',
      'pcm_s16le',
      '-y',
      withAudio,
    ]);
    await run(FFMPEG, [...base, '-t', '2', '-c:v', 'libx264', '-preset', 'ultrafast', '-y', noAudio]);
  });

  it('with audio: its sound, continuous across the loop point', async () => {
    const c = await capture(sourceArgs(source({ kind: 'file', path: withAudio }), p), p, 3000);
    expectContinuous(c, p);
    for (const ch of [0, 1] as const) {
      const stats = channel(c.pcm, ch);
      expect(Math.abs(stats.peakDbfs + 20)).toBeLessThan(0.2);
      expect(stats.hz).toBeCloseTo(440, -1);
    }
  });

  it('without audio: continuous silence', async () => {
    const c = await capture(sourceArgs(source({ kind: 'file', path: noAudio }), p), p, 3000);
    expectContinuous(c, p);
    expect(c.pcm.length).toBeGreaterThan(48_000 * 4 * 2.5);
    expect(c.pcm.every((b) => b === 0)).toBe(true);
  });
});

async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

describe('url source', () => {
  const p = { width: 320, height: 180, fps: 25 };

  it('an SRT listener receives a caller, and ends by itself when the feed dies', async () => {
    const port = await freeUdpPort();
    const s = source({ kind: 'url', url: `srt://127.0.0.1:${port}?mode=listener` });
    const feed = [
      '-hide_banner',
      '-loglevel',
      'error',
      '-nostdin',
      '-re',
      '-f',
      'lavfi',
      '-i',
      'testsrc2=s=320x240:r=25',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=1000:sample_rate=48000',
    ];
    const encode = [
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-tune',
      'zerolatency',
      '-g',
      '25',
      '-c:a',
      'aac',
      '-f',
      'mpegts',
      `srt://127.0.0.1:${port}?mode=caller`,
    ];
    const started = capture(sourceArgs(s, p), p, 60_000);
    await sleep(500); // the listener first, then the caller
    const caller = spawn(FFMPEG, [...feed, ...encode], { stdio: 'ignore' });
    running.add(caller);
    await sleep(3500);
    const killedAt = Date.now();
    caller.kill('SIGKILL'); // no clean close: the feed just stops
    running.delete(caller);
    const c = await started;
    const endedAfter = Date.now() - killedAt;
    console.log(
      `srt: ${c.frames} frames, ${(c.pcm.length / 4 / 48_000).toFixed(2)} s of audio; ended ${endedAfter} ms after the feed died`,
    );
    expect(c.video.length % ((p.width * p.height * 3) / 2)).toBe(0);
    expect(c.frames).toBeGreaterThan(25);
    expect(channel(c.pcm, 0).hz).toBeCloseTo(1000, -2);
    expect(endedAfter).toBeLessThan(12_000);
    expect(c.exit.signal).toBeNull();
  });
});

describe.skipIf(!(await hasPulseaudio()))('pulse device source (private PulseAudio server)', () => {
  let pulse: PulseServer;
  beforeAll(async () => {
    pulse = await startPulse('regie_test');
  });
  afterAll(async () => {
    await pulse.stop();
  });

  it('captures a 440 Hz tone played into the sink, at its level, with black video', async () => {
    const p = { width: 320, height: 180, fps: 25 };
    const tone = playTone(pulse, { hz: 440, dbfs: -12, seconds: 6 });
    await sleep(300);
    const s = source({ kind: 'device', audio: `pulse:${pulse.monitor}` });
    const c = await capture(sourceArgs(s, p), p, 2500, pulse.env);
    tone.kill('SIGTERM');
    expectContinuous(c, p, 0.4); // a capture device: see expectContinuous
    // No gap: every 20 ms block after the first 0.3 s carries the tone.
    const blocks = Math.floor(c.pcm.length / 4 / 960);
    for (let b = 15; b < blocks; b++)
      expect(channel(c.pcm.subarray(b * 3840, (b + 1) * 3840), 0, 0).peakDbfs).toBeGreaterThan(-13);
    for (const ch of [0, 1] as const) {
      const stats = channel(c.pcm, ch, 0.3);
      console.log(
        `pulse ch${ch}: peak ${stats.peakDbfs.toFixed(2)} dBFS, rms ${stats.rmsDbfs.toFixed(2)} dBFS, ${stats.hz.toFixed(1)} Hz`,
      );
      expect(stats.peakDbfs).toBeGreaterThan(-12.5);
      expect(stats.peakDbfs).toBeLessThan(-11.5);
      expect(stats.rmsDbfs - stats.peakDbfs).toBeCloseTo(-3.01, 0);
      expect(Math.abs(stats.hz - 440)).toBeLessThan(5);
    }
    expect(yuvAt(c, p, c.frames - 1, 160, 90)).toEqual([16, 128, 128]);
  });
});

describe.skipIf(!(await hasXvfb()))('screen source (private Xvfb)', () => {
  let x: XServer;
  beforeAll(async () => {
    x = await startXvfb({ width: 1280, height: 720, white: true });
  });
  afterAll(async () => {
    await x.stop();
  });

  it('captures the display at the program size: a red window top-left on a white root', async () => {
    const p = { width: 320, height: 180, fps: 25 };
    const win = showColourWindow(x.display, {
      colour: 'red',
      width: 640,
      height: 360,
      x: 0,
      y: 0,
      seconds: 8,
    });
    await sleep(1000);
    const windowShown = win.exitCode === null;
    const s = source({ kind: 'screen', display: `${x.display}.0` });
    const c = await capture(sourceArgs(s, p, { platform: 'linux' }), p, 2000);
    win.kill('SIGTERM');
    expectContinuous(c, p);
    const last = c.frames - 1;
    const white = yuvAt(c, p, last, 280, 150);
    expect(white[0]).toBeGreaterThanOrEqual(233);
    expect(Math.abs(white[1] - 128) + Math.abs(white[2] - 128)).toBeLessThanOrEqual(2);
    if (windowShown) {
      const [y, u, v] = yuvAt(c, p, last, 40, 40);
      console.log(`screen: red window captured as Y ${y} U ${u} V ${v}`);
      expect(Math.abs(y - 63)).toBeLessThanOrEqual(3);
      expect(Math.abs(u - 102)).toBeLessThanOrEqual(3);
      expect(Math.abs(v - 240)).toBeLessThanOrEqual(3);
    }
  });
});
