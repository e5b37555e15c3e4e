// The program path, checked on the decoded recording: layout pixels, CFR, switching latency measured
// with the timestamp band, fades, a killed source and a killed encoder. Bad input never stops anything.
import { readdirSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rgbToYuv } from '../../native/index.js';
import { decodeBand } from '../../electron/core/mixer/timestamp-band.js';
import type { CoreProcess } from '../helpers/core-process.js';
import { api, call, startCoreProcess, waitFor } from '../helpers/core-process.js';
import { commandLine, descendantsOf } from '../helpers/procfs.js';
import { decodeFrames, near, probe, videoFrameTimes } from '../helpers/media.js';

const W = 640;
const H = 360;
const FPS = 25;
const RED = rgbToYuv(255, 0, 0);
const BLUE = rgbToYuv(0, 0, 255);
const dir = mkdtempSync(join(tmpdir(), 'regie-program-'));
let core: CoreProcess;

function showFile(): string {
  const file = join(dir, 'show.json');
  writeFileSync(
    file,
    JSON.stringify({
      version: 1,
      name: 'Program test',
      program: { width: W, height: H, fps: FPS },
      sources: [
        { id: 'slides', name: 'Slides', kind: 'test', pattern: 'color', color: '#ff0000', label: false },
        { id: 'camera', name: 'Camera', kind: 'test', pattern: 'color', color: '#0000ff', label: false },
      ],
      scene: { layout: 'pip', sources: ['slides', 'camera'], corner: 'br', size: 0.25 },
      encoder: { preset: 'ultrafast', videoKbps: 1500, gopSeconds: 1 },
      recording: { directory: join(dir, 'rec'), segmentMinutes: 60 },
    }),
  );
  return file;
}

async function liveSources(): Promise<void> {
  await waitFor(async () => {
    const s = (await api(core, '/api/v1/state')).body as { sources: Record<string, { status: string }> };
    return s.sources.slides?.status === 'live' && s.sources.camera?.status === 'live';
  }, 20_000);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const msOfDay = (t: number) => {
  const d = new Date(t);
  return ((d.getHours() * 60 + d.getMinutes()) * 60 + d.getSeconds()) * 1000 + d.getMilliseconds();
};

beforeAll(async () => {
  core = await startCoreProcess(['--show', showFile()]);
  await liveSources();
  await sleep(1500); // the encoder is up and the first keyframes are out
});
afterAll(async () => {
  await core.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('program path, checked on the recording', () => {
  it('pip: a 10 s recording is H.264 + AAC at 640x360@25, CFR, red with a blue inset bottom-right', async () => {
    const t0 = Date.now();
    const started = (await call(core, 'record.start', {})).body as { result: { path: string } };
    await sleep(10_000);
    const stopped = (await call(core, 'record.stop', {})).body as { result: { segments: string[] } };
    const wallS = (Date.now() - t0) / 1000;
    expect(stopped.result.segments).toEqual([started.result.path]);
    const file = started.result.path;

    const p = await probe(file);
    const video = p.streams.find((s) => s.codec_type === 'video');
    const audio = p.streams.find((s) => s.codec_type === 'audio');
    expect(video).toMatchObject({ codec_name: 'h264', width: W, height: H, r_frame_rate: '25/1' });
    expect(audio).toMatchObject({ codec_name: 'aac', sample_rate: '48000', channels: 2 });

    // CFR: every frame 40 ms after the previous one; the frame count matches the duration within 1 frame.
    // The last frames are cut by record.stop (the GOP in progress ends mid-frame): they are left out.
    const times = (await videoFrameTimes(file)).slice(0, -3);
    const steps = times.slice(1).map((t, i) => Math.round((t - (times[i] as number)) * 1000));
    expect(new Set(steps)).toEqual(new Set([40]));
    const durationS = times.at(-1)! - times[0]! + 4 / FPS;
    expect(Math.abs(times.length + 3 - durationS * FPS)).toBeLessThanOrEqual(1);
    // The recording starts on a keyframe (GOP 1 s) and stops with the call: at most ~1.5 s shorter than the wall time.
    expect(durationS).toBeGreaterThan(wallS - 1.6);
    expect(durationS).toBeLessThan(wallS + 1.2); // the GOP in progress at record.start may be included

    let checked = 0;
    await decodeFrames(file, W, H, (f) => {
      if (f.index % 25 !== 5) return;
      expect(near(f.yuv(40, 40), RED), `frame ${f.index} top-left`).toBe(true);
      expect(near(f.yuv(W - 16 - 80, H - 16 - 45), BLUE), `frame ${f.index} inset`).toBe(true);
      expect(near(f.yuv(W - 16 - 170, H - 16 - 45), RED), `frame ${f.index} left of the inset`).toBe(true);
      checked++;
    });
    expect(checked).toBeGreaterThanOrEqual(8);
  });

  it('switching: a cut shows within 2 frames of the call, a fade shows intermediate frames', async () => {
    await call(core, 'program.setOverlays', { timestamp: true });
    await call(core, 'program.setLayout', { layout: 'full', a: 'slides' });
    const rec = (await call(core, 'record.start', {})).body as { result: { path: string } };
    await sleep(2500);
    const cutAt = Date.now();
    expect((await call(core, 'program.setLayout', { layout: 'full', a: 'camera' })).status).toBe(200);
    await sleep(1500);
    const fadeAt = Date.now();
    await call(core, 'program.setLayout', {
      layout: 'full',
      a: 'slides',
      transition: { type: 'fade', ms: 1000 },
    });
    await sleep(2000);
    await call(core, 'record.stop', {});
    await call(core, 'program.setOverlays', { timestamp: false });

    let firstBlueBand: number | null = null;
    let intermediate = 0;
    let blueAfterFade = 0;
    await decodeFrames(rec.result.path, W, H, (f) => {
      const band = decodeBand(W, H, (x, y) => f.luma(x, y));
      if (band === null) return;
      const c = f.yuv(100, 100);
      if (firstBlueBand === null && near(c, BLUE)) firstBlueBand = band;
      if (
        band > msOfDay(fadeAt) + 100 &&
        band < msOfDay(fadeAt) + 900 &&
        !near(c, RED, 8) &&
        !near(c, BLUE, 8)
      )
        intermediate++;
      if (band > msOfDay(fadeAt) + 1300 && near(c, BLUE)) blueAfterFade++;
    });
    expect(firstBlueBand).not.toBeNull();
    const latencyMs = (firstBlueBand as unknown as number) - msOfDay(cutAt);
    console.log(`cut latency: call → first composed frame = ${latencyMs} ms`);
    expect(latencyMs).toBeGreaterThanOrEqual(-5);
    expect(latencyMs).toBeLessThanOrEqual(2 * (1000 / FPS) + 20);
    expect(intermediate).toBeGreaterThanOrEqual(5);
    expect(blueAfterFade).toBe(0);
  });

  it('a source killed with -9: the no-signal slate, no gap in the recording, and the source comes back', async () => {
    await call(core, 'program.setLayout', { layout: 'pip', a: 'slides', b: 'camera' });
    await sleep(1500); // the recording starts with the GOP in progress: let it show the pip layout already
    const rec = (await call(core, 'record.start', {})).body as { result: { path: string } };
    await sleep(2000);
    const cameraFfmpeg = descendantsOf(core.pid).find((p) => commandLine(p).includes('0x0000ff'));
    expect(cameraFfmpeg).toBeDefined();
    process.kill(cameraFfmpeg!, 'SIGKILL');
    await sleep(1000);
    const during = (await api(core, '/api/v1/state')).body as {
      sources: Record<string, { status: string; restarts: number }>;
    };
    expect(['no-signal', 'starting']).toContain(during.sources.camera?.status);
    await waitFor(
      async () =>
        ((await api(core, '/api/v1/state')).body as { sources: Record<string, { status: string }> }).sources
          .camera?.status === 'live',
      15_000,
    );
    await sleep(1500);
    await call(core, 'record.stop', {});

    // The last frames are cut by record.stop (the GOP in progress ends mid-frame): they are left out.
    const times = (await videoFrameTimes(rec.result.path)).slice(0, -3);
    const odd = times
      .slice(1)
      .flatMap((t, i) =>
        Math.round((t - (times[i] as number)) * 1000) !== 40 ? [`#${i + 1} ${times[i]}→${t}`] : [],
      );
    expect(odd, `of ${times.length} frames`).toEqual([]); // no gap, no duplicate timestamps
    const insets: string[] = [];
    await decodeFrames(rec.result.path, W, H, (f) => {
      const c = f.yuv(W - 16 - 80, H - 16 - 45);
      const kind = near(c, BLUE) ? 'blue' : near(f.yuv(40, 40), RED) ? 'other' : 'broken';
      if (insets.at(-1) !== kind) insets.push(kind);
    });
    // blue, then the slate (not blue), then blue again; the red program never broke
    expect(insets[0]).toBe('blue');
    expect(insets).toContain('other');
    expect(insets.at(-1)).toBe('blue');
    expect(insets).not.toContain('broken');
  });

  it('the encoder killed with -9: the recording continues in a new segment with at most 2 s missing', async () => {
    expect((await call(core, 'record.start', {})).status).toBe(200);
    await sleep(3000);
    const encoder = descendantsOf(core.pid).find(
      (p) => commandLine(p).includes('pipe:3') && commandLine(p).includes('mpegts'),
    );
    expect(encoder).toBeDefined();
    const killedAt = Date.now();
    process.kill(encoder!, 'SIGKILL');
    await sleep(5000);
    const stopped = (await call(core, 'record.stop', {})).body as { result: { segments: string[] } };
    const total = (Date.now() - killedAt) / 1000 + 3;
    expect(stopped.result.segments.length).toBeGreaterThanOrEqual(2);
    let recorded = 0;
    for (const seg of stopped.result.segments) {
      const t = await videoFrameTimes(seg);
      if (t.length > 0) recorded += t.at(-1)! - t[0]! + 1 / FPS;
    }
    console.log(`encoder killed: ${(total - recorded).toFixed(2)} s missing of ${total.toFixed(1)} s`);
    expect(total - recorded).toBeLessThanOrEqual(2 + 1.2); // 2 s allowed, plus the first keyframe wait at record.start
    expect(readdirSync(join(dir, 'rec')).length).toBeGreaterThanOrEqual(2);
  });
});

describe('overlays', () => {
  it('a PNG logo with transparency is drawn in its corner, and removed', async () => {
    // A 200x100 logo: opaque green on the left half, fully transparent on the right half.
    const logo = join(dir, 'logo.png');
    const { execFileSync } = await import('node:child_process');
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      "color=c=0x00ff00:s=200x100,format=rgba,geq=r=0:g=255:b=0:a='if(lt(X,100),255,0)'",
      '-frames:v',
      '1',
      logo,
    ]);
    await call(core, 'program.setLayout', { layout: 'full', a: 'slides' });
    const set = await call(core, 'program.setOverlays', { logo: { path: logo, corner: 'tl', width: 0.25 } });
    expect(set.status).toBe(200);
    const rec = (await call(core, 'record.start', {})).body as { result: { path: string } };
    await sleep(2500);
    await call(core, 'record.stop', {});
    // logo width 0.25 × 640 = 160 px (80 opaque, 80 transparent), at the 16 px margin, top-left
    const GREEN = rgbToYuv(0, 255, 0);
    // The recording starts with the GOP in progress, from before the logo was loaded: find the first frame
    // with the logo; from there on, every frame must have it, with its transparent half showing the program.
    // (Checked after decoding: an assertion thrown inside the decoder's callback would not fail the test.)
    const frames: { index: number; green: boolean; programThrough: boolean }[] = [];
    await decodeFrames(rec.result.path, W, H, (f) => {
      frames.push({
        index: f.index,
        green: near(f.yuv(16 + 40, 16 + 20), GREEN),
        programThrough: near(f.yuv(16 + 120, 16 + 20), RED),
      });
    });
    const first = frames.findIndex((f) => f.green);
    expect(first, 'the logo appears').toBeGreaterThanOrEqual(0);
    const after = frames.slice(first);
    expect(
      after.filter((f) => !f.green).map((f) => f.index),
      'frames that lost the logo',
    ).toEqual([]);
    expect(
      after.filter((f) => !f.programThrough).map((f) => f.index),
      'frames with an opaque right half',
    ).toEqual([]);
    expect(after.length).toBeGreaterThan(20);
    expect((await call(core, 'program.setOverlays', { logo: null })).status).toBe(200);
    const missing = await call(core, 'program.setOverlays', { logo: { path: join(dir, 'nope.png') } });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('nope.png');
  });
});

describe('bad input gets a clear error and nothing stops', () => {
  it('unknown kind, a missing file, a malformed or unreachable URL, a layout naming a missing source', async () => {
    const unknownKind = await call(core, 'source.add', { name: 'X', kind: 'webcam' });
    expect(unknownKind.status).toBe(400);
    expect(JSON.stringify(unknownKind.body)).toMatch(/kind/);
    const badUrl = await call(core, 'source.add', { name: 'Bad URL', kind: 'url', url: 'not a url' });
    expect(badUrl.status).toBe(400);
    const missing = await call(core, 'source.add', {
      name: 'Missing file',
      kind: 'file',
      path: join(dir, 'nope.mp4'),
    });
    expect(missing.status).toBe(200);
    const unreachable = await call(core, 'source.add', {
      name: 'Unreachable',
      kind: 'url',
      url: 'srt://127.0.0.1:9?mode=caller',
    });
    expect(unreachable.status).toBe(200);
    const ghost = await call(core, 'program.setLayout', { layout: 'pip', a: 'slides', b: 'ghost' });
    expect(ghost.status).toBe(400);
    expect(JSON.stringify(ghost.body)).toContain('ghost');
    // The failing sources say why, in words, and the program keeps running.
    await waitFor(async () => {
      const s = (await api(core, '/api/v1/state')).body as {
        sources: Record<string, { status: string; lastError: string | null }>;
      };
      return (
        s.sources['missing-file']?.lastError?.includes('No such file') === true &&
        s.sources.unreachable?.lastError !== null &&
        s.sources.unreachable?.lastError !== undefined
      );
    }, 20_000);
    const tel1 = (await api(core, '/api/v1/telemetry')).body as {
      data: { program: { mixer: { ticks: number } } };
    };
    await sleep(1000);
    const tel2 = (await api(core, '/api/v1/telemetry')).body as {
      data: { program: { mixer: { ticks: number } } };
    };
    expect(tel2.data.program.mixer.ticks - tel1.data.program.mixer.ticks).toBeGreaterThanOrEqual(20);
    await call(core, 'source.remove', { id: 'missing-file' });
    await call(core, 'source.remove', { id: 'unreachable' });
  });
});
