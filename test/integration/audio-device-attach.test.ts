// An audio device with another source's video, through a real core and a private PulseAudio server:
// a test pattern and a screen (Xvfb) with `audioDevice`, and a device source pairing x11grab video with
// pulse audio. A tone played into the sink is what their meters and the recording read, not their own
// audio (the test pattern's own tone is at another frequency and level).
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreProcess } from '../helpers/core-process.js';
import { api, call, startCoreProcess, waitFor } from '../helpers/core-process.js';
import { FFMPEG } from '../helpers/media.js';
import { toneLevelsDb } from '../helpers/tone.js';
import type { PulseServer } from '../helpers/pulse.js';
import { hasPulseaudio, playTone, startPulse } from '../helpers/pulse.js';
import { tempDir } from '../helpers/servers.js';
import type { XServer } from '../helpers/xvfb.js';
import { hasXvfb, startXvfb } from '../helpers/xvfb.js';

const run = promisify(execFile);
const dir = tempDir('regie-attach');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const withX = await hasXvfb();

interface Audio {
  sources: { id: string; peakDb: number; rmsDb: number }[];
}

describe.skipIf(!(await hasPulseaudio()))('audio device attached to a video source', () => {
  let pulse: PulseServer;
  let x: XServer | null = null;
  let core: CoreProcess;
  const meter = async (id: string) =>
    ((await api(core, '/api/v1/telemetry')).body as { data: { audio: Audio } }).data.audio.sources.find(
      (s) => s.id === id,
    );

  beforeAll(async () => {
    pulse = await startPulse('regie_attach');
    if (withX) x = await startXvfb({ width: 640, height: 360, white: true });
    const mic = `pulse:${pulse.monitor}`;
    const show = join(dir, 'show.json');
    writeFileSync(
      show,
      JSON.stringify({
        version: 1,
        name: 'Attach test',
        program: { width: 320, height: 180, fps: 25 },
        sources: [
          // Its own tone (1 kHz, -30 dBFS) is replaced by the room's (440 Hz, -12 dBFS).
          {
            id: 'slides',
            name: 'Slides',
            kind: 'test',
            pattern: 'bars',
            toneHz: 1000,
            toneDbfs: -30,
            label: false,
            audioDevice: mic,
          },
          ...(x
            ? [
                { id: 'screen', name: 'Screen', kind: 'screen', display: `${x.display}.0`, audioDevice: mic },
                { id: 'pair', name: 'Pair', kind: 'device', video: `x11grab:${x.display}.0`, audio: mic },
              ]
            : []),
        ],
        scene: { layout: 'full', sources: ['slides'] },
        encoder: { preset: 'ultrafast', videoKbps: 300, audioKbps: 128, gopSeconds: 1 },
        recording: { directory: join(dir, 'rec') },
      }),
    );
    playTone(pulse, { hz: 440, dbfs: -12, seconds: 60 });
    await sleep(300);
    core = await startCoreProcess(['--show', show], pulse.env);
  });
  afterAll(async () => {
    await core.stop();
    await x?.stop();
    await pulse.stop();
  });

  it('the sources read the device tone at its level (meters), with their video running', async () => {
    const ids = ['slides', ...(x ? ['screen', 'pair'] : [])];
    await waitFor(async () => {
      const m = await Promise.all(ids.map((id) => meter(id)));
      return m.every((s) => (s?.peakDb ?? -200) > -20);
    }, 25_000);
    // A capture can start with a dropout or two while its queue settles (its queue reads 8-15 ms for the
    // first second or two; a dropout landed in the RMS window in 2 of 10 runs): the routing and the level
    // are read once every source is on the tone and 3 s more have passed, and then it must stay so: the
    // meters still on the tone, and at most one dropout in 3 s (one was seen in 17 runs, 2026-12-07; a
    // source that keeps dropping out fails this).
    const level = (s: Awaited<ReturnType<typeof meter>>) =>
      Math.abs((s?.peakDb ?? 0) + 12) <= 0.5 && Math.abs((s?.rmsDb ?? 0) + 15.01) <= 0.5;
    await waitFor(async () => (await Promise.all(ids.map((id) => meter(id)))).every(level), 10_000);
    const sources = async () =>
      (
        (await api(core, '/api/v1/state')).body as {
          sources: Record<string, { status: string; framesIn: number; audioUnderruns: number }>;
        }
      ).sources;
    await sleep(3000);
    const before = await sources();
    await sleep(3000);
    for (const id of ids) {
      const s = await meter(id);
      console.log(`${id}: peak ${s?.peakDb} dBFS, rms ${s?.rmsDb} dBFS`);
      expect(Math.abs((s?.peakDb ?? 0) + 12)).toBeLessThanOrEqual(0.5);
      expect(Math.abs((s?.rmsDb ?? 0) + 15.01)).toBeLessThanOrEqual(0.5);
    }
    const state = { sources: await sources() };
    for (const id of ids) {
      const dropouts = (state.sources[id]?.audioUnderruns ?? 0) - (before[id]?.audioUnderruns ?? 0);
      console.log(`${id}: ${dropouts} dropouts in 3 s of steady state`);
      expect(dropouts, `${id}: dropouts in steady state`).toBeLessThanOrEqual(1);
    }
    for (const id of ids) {
      expect(state.sources[id]?.status).toBe('live');
      expect(state.sources[id]?.framesIn ?? 0).toBeGreaterThan(25);
    }
  });

  it('the recording carries the device tone, not the pattern tone', async () => {
    // slides alone on the program audio.
    for (const id of x ? ['screen', 'pair'] : [])
      await call(core, 'audio.setMute', { source: id, muted: true });
    await sleep(800);
    const rec = (await call(core, 'record.start', {})).body as { result: { path: string } };
    await sleep(3500);
    await call(core, 'record.stop', {});
    const { stdout } = await run(
      FFMPEG,
      ['-v', 'error', '-ss', '1', '-i', rec.result.path, '-map', '0:a:0', '-ac', '1', '-f', 's16le', '-'],
      { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 },
    );
    const pcm = new Int16Array(stdout.buffer, stdout.byteOffset, Math.floor(stdout.length / 2));
    const seconds = pcm.length / 48_000;
    // Per 100 ms window: the device's 440 Hz at its level, the pattern's own 1 kHz (-30 dBFS) absent. The
    // median window is the level; a dropout under load (counted below) does not move it.
    const room = toneLevelsDb(pcm, 48_000, 440);
    const pattern = toneLevelsDb(pcm, 48_000, 1000);
    const roomDb = room[Math.floor(room.length / 2)] ?? -200;
    const dropouts = room.filter((db) => db < -15).length;
    const counts = (
      (await api(core, '/api/v1/state')).body as {
        sources: Record<string, { audioUnderruns: number; audioSkips: number }>;
      }
    ).sources.slides;
    console.log(
      `recording: ${seconds.toFixed(2)} s, 440 Hz ${roomDb.toFixed(2)} dBFS (median of ${room.length} windows, ` +
        `${dropouts} below -15), 1 kHz at most ${(pattern.at(-1) ?? 0).toFixed(1)} dBFS, underruns ${counts?.audioUnderruns}, skips ${counts?.audioSkips}`,
    );
    expect(seconds).toBeGreaterThan(1.5);
    expect(Math.abs(roomDb + 12)).toBeLessThanOrEqual(0.6);
    expect(pattern.at(-1) ?? 0).toBeLessThan(-50);
  });
});
