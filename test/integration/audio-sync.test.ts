// Sync offset and its measurement through the real core: audio.setDelay moves the beep against the flash
// in the decoded recording by the delay set (a negative delay holds the video back instead), and
// audio.calibrate measures a known 120 ms audio lag (a file made with ffmpeg's adelay).
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncBeepGraph, syncPatternGraph } from '../../electron/core/sources/args/sync-pattern.js';
import type { CoreProcess } from '../helpers/core-process.js';
import { api, call, startCoreProcess, waitFor } from '../helpers/core-process.js';
import { FFMPEG } from '../helpers/media.js';
import { tempDir } from '../helpers/servers.js';
import { measureOffsets } from '../helpers/sync-measure.js';

const run = promisify(execFile);
const dir = tempDir('regie-sync');
const FPS = 25;
const LAG_MS = 120;
let core: CoreProcess;
let showFile = '';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Calibration {
  offsetMs: number | null;
  flashes: number;
  delayMs: number;
  proposedDelayMs: number | null;
}
const calibrate = async (source: string): Promise<Calibration> => {
  const res = await call(core, 'audio.calibrate', { source, seconds: 8 });
  expect(res.status).toBe(200);
  return (res.body as { result: Calibration }).result;
};

beforeAll(async () => {
  // 20 s of the sync pattern, and the same with the audio 120 ms late, played in a loop by file sources.
  const p = { width: 320, height: 180, fps: FPS };
  const make = (file: string, lagMs: number) =>
    run(FFMPEG, [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      `${syncPatternGraph(p)}[out0];${syncBeepGraph(1000, -20, 48000)}[out1]`,
      ...(lagMs > 0 ? ['-af', `adelay=${lagMs}:all=1`] : []),
      '-t',
      '20',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-g',
      String(FPS),
      // PCM in small packets: FLAC's 4096-sample frames (85 ms) arrive in bursts that move this source's
      // queue by up to a frame at start, which the measurement would (rightly) report.
      '-c:a',
      'pcm_s16le',
      '-frame_size',
      '480',
      file,
    ]);
  const [refFile, laggedFile] = [join(dir, 'ref.mkv'), join(dir, 'lagged.mkv')];
  await Promise.all([make(refFile, 0), make(laggedFile, LAG_MS)]);
  showFile = join(dir, 'show.json');
  writeFileSync(
    showFile,
    JSON.stringify({
      version: 1,
      name: 'Sync test',
      program: p,
      sources: [
        { id: 'sync', name: 'Sync', kind: 'test', pattern: 'sync', label: false },
        { id: 'ref', name: 'Ref', kind: 'file', path: refFile },
        { id: 'lagged', name: 'Lagged', kind: 'file', path: laggedFile },
      ],
      scene: { layout: 'full', sources: ['sync'] },
      encoder: { preset: 'ultrafast', videoKbps: 300, audioKbps: 128, gopSeconds: 1 },
      recording: { directory: join(dir, 'rec') },
    }),
  );
});

async function startWith(sources: string[]): Promise<void> {
  const show = JSON.parse(readFileSync(showFile, 'utf8')) as { sources: { id: string }[] };
  const file = join(dir, `show-${sources.join('-')}.json`);
  writeFileSync(
    file,
    JSON.stringify({ ...show, sources: show.sources.filter((x) => sources.includes(x.id)) }),
  );
  core = await startCoreProcess(['--show', file]);
  await waitFor(async () => {
    const state = (await api(core, '/api/v1/state')).body as { sources: Record<string, { queueMs: number }> };
    return sources.every((id) => (state.sources[id]?.queueMs ?? 0) > 50);
  }, 20_000);
  await sleep(4000);
}

describe('A/V offset measurement', () => {
  beforeAll(() => startWith(['sync', 'ref', 'lagged']));
  afterAll(() => core.stop());

  it('audio.calibrate measures a known 120 ms audio lag (against the same file without it) and proposes the delay that cancels it', async () => {
    const [ref, lagged] = await Promise.all([calibrate('ref'), calibrate('lagged')]);
    console.log(`calibrate: ref ${JSON.stringify(ref)}, lagged ${JSON.stringify(lagged)}`);
    expect(lagged.flashes).toBeGreaterThanOrEqual(3);
    expect(Math.abs((lagged.offsetMs ?? NaN) - (ref.offsetMs ?? NaN) - LAG_MS)).toBeLessThanOrEqual(20);
    expect(lagged.proposedDelayMs).toBe(Math.round(-(lagged.offsetMs ?? NaN)));
    // The test pattern's own path (no lag) measures within a frame of zero.
    const sync = await calibrate('sync');
    expect(Math.abs(sync.offsetMs ?? NaN)).toBeLessThanOrEqual(20 + 1000 / FPS);
    expect((await call(core, 'audio.calibrate', { source: 'ghost' })).status).toBe(404);
  }, 60_000);
});

describe('sync offset', () => {
  // Alone, so that the other sources' load does not blur the measurement.
  beforeAll(() => startWith(['sync']));
  afterAll(() => core.stop());

  it('a delay set through the API is in the recording, live: +300 ms delays the audio, -200 ms the video', async () => {
    const rec = (await call(core, 'record.start', {})).body as { result: { path: string } };
    await sleep(8000);
    expect((await call(core, 'audio.setDelay', { source: 'sync', ms: 300 })).status).toBe(200);
    await sleep(8000);
    expect((await call(core, 'audio.setDelay', { source: 'sync', ms: -200 })).status).toBe(200);
    await sleep(10_000);
    await call(core, 'record.stop', {});
    // The last flash may have lost its beep to the end of the file: it is left out.
    const pairs = (await measureOffsets(rec.result.path)).pairs.slice(0, -1);
    console.log(`recorded offsets: ${JSON.stringify(pairs)}`);
    // Recording time of each change: about 8–9 s and 16–17 s in (the recording starts with the GOP in
    // progress, up to 1 s before record.start), so each window starts a flash after that. A flash is
    // quantized to the program frame and the machine's load moves one now and then by a frame either
    // way: the median of each window is compared, within 20 ms plus one frame.
    const at = (from: number, to: number) => pairs.filter((p) => p.t > from && p.t < to).map((p) => p.ms);
    const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? NaN;
    const before = median(at(0.5, 7.5));
    const plus = median(at(10, 16));
    const minus = median(at(18.5, 26));
    expect(Math.abs(plus - before - 300)).toBeLessThanOrEqual(20 + 1000 / FPS);
    expect(Math.abs(minus - before + 200)).toBeLessThanOrEqual(20 + 1000 / FPS);

    const state = (await api(core, '/api/v1/state')).body as {
      show: { sources: { id: string; mixer: { delayMs: number } }[] };
    };
    expect(state.show.sources.find((s) => s.id === 'sync')?.mixer.delayMs).toBe(-200);
    expect((await call(core, 'audio.setDelay', { source: 'sync', ms: 2500 })).status).toBe(400);
    expect((await call(core, 'audio.setDelay', { source: 'ghost', ms: 0 })).status).toBe(404);
  }, 60_000);
});
