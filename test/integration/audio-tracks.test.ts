// Audio tracks through a real core: two tone sources routed to two tracks; the recording carries one
// AAC stream per track, with its language, and each stream decodes to its own tone at its level.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { CoreProcess } from '../helpers/core-process.js';
import { api, call, startCoreProcess, waitFor } from '../helpers/core-process.js';
import { FFMPEG, FFPROBE } from '../helpers/media.js';
import { tempDir } from '../helpers/servers.js';

const run = promisify(execFile);
const dir = tempDir('regie-tracks');
let core: CoreProcess;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const ProbeSchema = z.object({
  streams: z.array(
    z.object({
      index: z.number(),
      codec_type: z.string(),
      codec_name: z.string(),
      channels: z.number().optional(),
      tags: z.record(z.string(), z.string()).optional(),
    }),
  ),
});

/** Peak level (dBFS) and dominant frequency (zero crossings) of one decoded audio stream. */
async function streamLevel(file: string, stream: number): Promise<{ peakDb: number; hz: number }> {
  const { stdout } = await run(
    FFMPEG,
    [
      '-v',
      'error',
      '-ss',
      '1',
      '-i',
      file,
      '-map',
      `0:a:${stream}`,
      '-ac',
      '1',
      '-f',
      's16le',
      '-ar',
      '48000',
      '-',
    ],
    { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 },
  );
  const pcm = new Int16Array(stdout.buffer, stdout.byteOffset, Math.floor(stdout.length / 2));
  let peak = 0;
  let crossings = 0;
  for (let i = 0; i < pcm.length; i++) {
    const v = pcm[i] ?? 0;
    peak = Math.max(peak, Math.abs(v));
    if (i > 0 && (pcm[i - 1] ?? 0) < 0 && v >= 0) crossings += 1;
  }
  return { peakDb: 20 * Math.log10(peak / 32768), hz: crossings / (pcm.length / 48_000) };
}

async function record(seconds: number): Promise<string> {
  const rec = (await call(core, 'record.start', {})).body as { result: { path: string } };
  await sleep(seconds * 1000);
  await call(core, 'record.stop', {});
  return rec.result.path;
}

async function audioStreams(file: string) {
  const { stdout } = await run(FFPROBE, ['-v', 'error', '-show_streams', '-of', 'json', file]);
  return ProbeSchema.parse(JSON.parse(stdout)).streams.filter((s) => s.codec_type === 'audio');
}

interface Telemetry {
  data: { audio: { tracks?: { peakDb: number }[]; sources: { id: string; peakDb: number }[] } };
}
const telemetry = async () => ((await api(core, '/api/v1/telemetry')).body as Telemetry).data.audio;

beforeAll(async () => {
  const show = join(dir, 'show.json');
  writeFileSync(
    show,
    JSON.stringify({
      version: 1,
      name: 'Tracks test',
      program: { width: 320, height: 180, fps: 25 },
      sources: [
        {
          id: 'floor',
          name: 'Floor',
          kind: 'test',
          pattern: 'bars',
          toneHz: 1000,
          toneDbfs: -20,
          label: false,
        },
        {
          id: 'interp',
          name: 'Interpreter',
          kind: 'test',
          pattern: 'motion',
          toneHz: 440,
          toneDbfs: -26,
          label: false,
        },
      ],
      scene: { layout: 'full', sources: ['floor'] },
      encoder: { preset: 'ultrafast', videoKbps: 300, audioKbps: 128, gopSeconds: 1 },
      recording: { directory: join(dir, 'rec') },
    }),
  );
  core = await startCoreProcess(['--show', show]);
  await waitFor(
    async () => ((await telemetry()).sources.find((s) => s.id === 'floor')?.peakDb ?? -200) > -30,
    20_000,
  );
});
afterAll(async () => {
  await core.stop();
});

describe('audio tracks', () => {
  it('by default: one audio stream, the program mix of both sources', async () => {
    const file = await record(3);
    const streams = await audioStreams(file);
    expect(streams).toHaveLength(1);
    expect(streams[0]?.channels).toBe(2);
  });

  it('two tracks: one AAC stream each, with its language, carrying the sources routed to it', async () => {
    const tracks = [
      { id: 'floor', name: 'Floor', language: 'fra' },
      { id: 'en', name: 'English', language: 'eng' },
    ];
    expect((await call(core, 'audio.setTracks', { tracks })).status).toBe(200);
    expect((await call(core, 'audio.setRouting', { source: 'interp', tracks: ['en'] })).status).toBe(200);
    // floor keeps the default: the first track only.
    const bad = await call(core, 'audio.setRouting', { source: 'interp', tracks: ['de'] });
    expect(bad.status).toBe(400);
    expect((bad.body as { error: { message: string } }).error.message).toContain('no audio track "de"');
    await waitFor(async () => ((await telemetry()).tracks?.length ?? 0) === 2, 15_000);
    await sleep(1500); // the encoder restarted with two tracks
    const t = await telemetry();
    console.log(`track meters: ${JSON.stringify(t.tracks)}`);
    expect(Math.abs((t.tracks?.[0]?.peakDb ?? 0) + 20)).toBeLessThanOrEqual(0.3);
    expect(Math.abs((t.tracks?.[1]?.peakDb ?? 0) + 26)).toBeLessThanOrEqual(0.3);

    const file = await record(4);
    const streams = await audioStreams(file);
    expect(streams.map((s) => [s.codec_name, s.channels, s.tags?.language])).toEqual([
      ['aac', 2, 'fra'],
      ['aac', 2, 'eng'],
    ]);
    const floor = await streamLevel(file, 0);
    const en = await streamLevel(file, 1);
    console.log(
      `tracks decoded: floor ${floor.peakDb.toFixed(2)} dBFS ${floor.hz.toFixed(0)} Hz, en ${en.peakDb.toFixed(2)} dBFS ${en.hz.toFixed(0)} Hz`,
    );
    expect(Math.abs(floor.peakDb + 20)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(floor.hz - 1000)).toBeLessThan(15);
    expect(Math.abs(en.peakDb + 26)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(en.hz - 440)).toBeLessThan(10);

    // Routing the floor to both tracks: the English track now carries both tones; gain applies on each.
    await call(core, 'audio.setRouting', { source: 'floor', tracks: ['floor', 'en'] });
    await call(core, 'audio.setGain', { source: 'floor', db: -10 });
    await sleep(800);
    const both = await telemetry();
    expect(Math.abs((both.tracks?.[0]?.peakDb ?? 0) + 30)).toBeLessThanOrEqual(0.3);
    // Sines of -30 and -26 dBFS at 1000 and 440 Hz peak together every 25 ms: 0.0316 + 0.0501 = -21.76 dBFS.
    expect(Math.abs((both.tracks?.[1]?.peakDb ?? 0) + 21.76)).toBeLessThanOrEqual(0.4);

    // Back to one track: the routing to removed tracks is dropped, one stream again.
    await call(core, 'audio.setGain', { source: 'floor', db: 0 });
    expect((await call(core, 'audio.setTracks', { tracks: [tracks[0]] })).status).toBe(200);
    const state = (await api(core, '/api/v1/state')).body as {
      show: { sources: { id: string; mixer: { tracks?: string[] } }[] };
    };
    expect(state.show.sources.map((s) => s.mixer.tracks)).toEqual([['floor'], undefined]);
    await waitFor(async () => ((await telemetry()).tracks?.length ?? 0) === 1, 15_000);
    await sleep(1500);
    const single = await audioStreams(await record(3));
    expect(single.map((s) => s.tags?.language)).toEqual(['fra']);
  });
});
