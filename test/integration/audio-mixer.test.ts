// The program audio bus through the real core: meters (peak, RMS, EBU R128) in telemetry, gain, mute,
// solo and audio-follows-video, and the level of the tone in the decoded recording.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreProcess } from '../helpers/core-process.js';
import { api, call, startCoreProcess, waitFor } from '../helpers/core-process.js';
import { tempDir } from '../helpers/servers.js';

const run = promisify(execFile);
const dir = tempDir('regie-audio');
let core: CoreProcess;

interface Audio {
  program: { peakDb: number; rmsDb: number; lufsM: number; lufsS: number; lufsI: number };
  sources: { id: string; peakDb: number; rmsDb: number }[];
}
const audio = async () =>
  ((await api(core, '/api/v1/telemetry')).body as { data: { audio: Audio } }).data.audio;
const source = (a: Audio, id: string) => a.sources.find((s) => s.id === id);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  const show = join(dir, 'show.json');
  writeFileSync(
    show,
    JSON.stringify({
      version: 1,
      name: 'Audio test',
      program: { width: 320, height: 180, fps: 25 },
      sources: [
        {
          id: 'slides',
          name: 'Slides',
          kind: 'test',
          pattern: 'bars',
          toneHz: 1000,
          toneDbfs: -23,
          label: false,
        },
        { id: 'camera', name: 'Camera', kind: 'test', pattern: 'motion', label: false },
      ],
      scene: { layout: 'pip', sources: ['slides', 'camera'] },
      encoder: { preset: 'ultrafast', videoKbps: 500, audioKbps: 192, gopSeconds: 1 },
      recording: { directory: join(dir, 'rec') },
    }),
  );
  core = await startCoreProcess(['--show', show]);
  await waitFor(async () => (source(await audio(), 'slides')?.peakDb ?? -200) > -33, 20_000);
  await sleep(3500); // the short-term loudness window (3 s) is full
});
afterAll(async () => {
  await core.stop();
});

describe('program audio bus', () => {
  it('meters: the -23 dBFS tone reads -23.0 peak, -26.0 RMS, and -23 LUFS on the program; silence reads silence', async () => {
    const a = await audio();
    console.log(`program: peak ${a.program.peakDb} dBFS, M ${a.program.lufsM} S ${a.program.lufsS} LUFS`);
    expect(Math.abs((source(a, 'slides')?.peakDb ?? 0) + 23)).toBeLessThanOrEqual(0.1);
    expect(Math.abs((source(a, 'slides')?.rmsDb ?? 0) + 26.01)).toBeLessThanOrEqual(0.1);
    expect(source(a, 'camera')?.peakDb).toBeLessThan(-90);
    expect(Math.abs(a.program.peakDb + 23)).toBeLessThanOrEqual(0.1);
    // A stereo 1 kHz sine at -23 dBFS peak is -23 LUFS (EBU Tech 3341 scaling).
    expect(Math.abs(a.program.lufsM + 23)).toBeLessThanOrEqual(0.1);
    expect(Math.abs(a.program.lufsS + 23)).toBeLessThanOrEqual(0.1);
  });

  it('gain, mute, solo and audio-follows-video act on the program', async () => {
    expect((await call(core, 'audio.setGain', { source: 'slides', db: -6 })).status).toBe(200);
    await sleep(800); // the momentary window (400 ms) holds only the new level
    const lowered = await audio();
    expect(Math.abs(lowered.program.peakDb + 29)).toBeLessThanOrEqual(0.2);
    expect(Math.abs(lowered.program.lufsM + 29)).toBeLessThanOrEqual(0.2);

    await call(core, 'audio.setMute', { source: 'slides', muted: true });
    await sleep(600);
    expect((await audio()).program.peakDb).toBeLessThan(-90);
    await call(core, 'audio.setMute', { source: 'slides', muted: false });

    const solo = await call(core, 'audio.setSolo', { source: 'camera', solo: true });
    expect(solo.body).toEqual({ result: { solo: ['camera'] } });
    await sleep(600);
    expect((await audio()).program.peakDb).toBeLessThan(-90);
    await call(core, 'audio.setSolo', { source: 'camera', solo: false });

    await call(core, 'audio.setFollowsVideo', { source: 'slides', on: true });
    await call(core, 'program.setLayout', { layout: 'full', a: 'camera' });
    await sleep(600);
    expect((await audio()).program.peakDb).toBeLessThan(-90);
    await call(core, 'program.setLayout', { layout: 'full', a: 'slides' });
    await sleep(600);
    expect(Math.abs((await audio()).program.peakDb + 29)).toBeLessThanOrEqual(0.2);
    await call(core, 'audio.setFollowsVideo', { source: 'slides', on: false });
    await call(core, 'audio.setGain', { source: 'slides', db: 0 });

    const state = (await api(core, '/api/v1/state')).body as {
      show: { sources: { id: string; mixer: unknown }[] };
    };
    expect(state.show.sources.find((s) => s.id === 'slides')?.mixer).toEqual({
      gainDb: 0,
      muted: false,
      followsVideo: false,
      delayMs: 0,
    });
    expect((await call(core, 'audio.setGain', { source: 'ghost', db: 0 })).status).toBe(404);
    expect((await call(core, 'audio.setGain', { source: 'slides', db: 99 })).status).toBe(400);
  });

  it('the recording carries the tone at its level (decoded AAC)', async () => {
    await sleep(600);
    const rec = (await call(core, 'record.start', {})).body as { result: { path: string } };
    await sleep(3000);
    await call(core, 'record.stop', {});
    const { stderr } = await run('ffmpeg', [
      '-hide_banner',
      '-nostats',
      '-ss',
      '1',
      '-i',
      rec.result.path,
      '-map',
      '0:a:0',
      '-af',
      'astats=measure_overall=Peak_level:measure_perchannel=none',
      '-f',
      'null',
      '-',
    ]);
    const peak = Number(/Peak level dB:\s*(-?[\d.]+)/.exec(stderr)?.[1]);
    expect(Math.abs(peak + 23)).toBeLessThanOrEqual(0.5);
  });
});
