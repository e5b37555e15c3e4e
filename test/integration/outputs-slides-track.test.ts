// The CCC/voctomix master end to end, through a real core, a real Icecast and the real recorder: the program
// shows a blue source full frame, the slides track carries a green one. profile.apply ccc (at 320x180 here;
// the profile's own default is 1080p25) gives one Matroska mount with 2 H.264 video streams (the slides at
// 5 fps) and 3 AAC tracks; the recording (MPEG-TS) carries the same. Each stream decodes to its own colour.
// Unhappy paths: a slides track on a source that does not exist is refused in words; a slides source that
// goes to no signal shows its slate on the slides track while the program goes on without a gap.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rgbToYuv } from '../../native/index.js';
import type { CoreProcess } from '../helpers/core-process.js';
import { api, call, startCoreProcess, waitFor } from '../helpers/core-process.js';
import type { Icecast } from '../helpers/icecast.js';
import { startIcecast } from '../helpers/icecast.js';
import { FFMPEG, decodeFrames, near, probe, videoFrameTimes } from '../helpers/media.js';
import { commandLine, descendantsOf } from '../helpers/procfs.js';
import { stopAllServers, tempDir } from '../helpers/servers.js';

const run = promisify(execFile);
const W = 320;
const H = 180;
const BLUE = rgbToYuv(0, 0, 255);
const GREEN = rgbToYuv(0, 255, 0);
const SLATE = rgbToYuv(0x3a, 0x0d, 0x0d); // resources/slates.json, noSignal background
const dir = tempDir('slides-track');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let ice: Icecast;
let core: CoreProcess;

interface St {
  show: { program: unknown; encoder: { slidesTrack?: unknown }; audioTracks: { id: string }[] };
  destinations: Record<string, { state: string; lastError: string | null }>;
  recording: { path: string | null } | null;
  sources: Record<string, { status: string }>;
}
const state = async (): Promise<St> => (await api(core, '/api/v1/state')).body as St;

beforeAll(async () => {
  ice = await startIcecast();
  const showPath = join(dir, 'show.json');
  writeFileSync(
    showPath,
    JSON.stringify({
      version: 1,
      name: 'CCC master',
      program: { width: W, height: H, fps: 25 },
      sources: [
        {
          id: 'camera',
          name: 'Camera',
          kind: 'test',
          pattern: 'color',
          color: '#0000ff',
          toneHz: 440,
          label: false,
        },
        {
          id: 'slides',
          name: 'Slides',
          kind: 'test',
          pattern: 'color',
          color: '#00ff00',
          toneHz: 880,
          label: false,
        },
      ],
      scene: { layout: 'full', sources: ['camera'] },
      encoder: { codec: 'libx264', preset: 'ultrafast', gopSeconds: 1 },
      recording: { directory: join(dir, 'rec'), segmentMinutes: 60 },
    }),
  );
  core = await startCoreProcess(['--show', showPath]);
  await waitFor(async () => {
    const s = await state();
    return s.sources.camera?.status === 'live' && s.sources.slides?.status === 'live';
  }, 20_000);
});

afterAll(async () => {
  await core.stop();
  await ice.stop();
  await stopAllServers();
});

/** Streams of a file, in order: "video:h264@5/1", "audio:aac", … */
async function streams(file: string): Promise<string[]> {
  const p = await probe(file, false);
  return p.streams.map((s) =>
    s.codec_type === 'video'
      ? `video:${s.codec_name}@${s.r_frame_rate ?? '?'}`
      : `${s.codec_type}:${s.codec_name}`,
  );
}

/** The colour of the `pick`-th decoded frame of a stream, at the top-left (away from any slate text). */
async function colourOf(file: string, stream: string, pick: number): Promise<[number, number, number]> {
  let colour: [number, number, number] = [-1, -1, -1];
  await decodeFrames(
    file,
    W,
    H,
    (f) => {
      if (f.index === pick) colour = f.yuv(8, 8);
    },
    stream,
  );
  return colour;
}

describe('slides track (CCC/voctomix master)', () => {
  it('profile.apply ccc: the Icecast mount and the recording carry the program, the slides at 5 fps and 3 AAC tracks', async () => {
    const applied = await call(core, 'profile.apply', {
      profile: 'ccc',
      url: ice.url('/s1'),
      key: ice.password,
      program: { width: W, height: H, fps: 25 },
    });
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    const s = await state();
    expect(s.show.encoder.slidesTrack).toEqual({ source: 'slides', fps: 5, videoKbps: 500 });
    expect(s.show.audioTracks.map((t) => t.id)).toEqual(['program', 'translated', 'translated-2']);
    await sleep(1500); // the encoder restarted with the slides track
    expect((await call(core, 'record.start', {})).status).toBe(200);
    expect((await call(core, 'stream.start', {})).status).toBe(200);
    await waitFor(async () => (await state()).destinations.ccc?.state === 'live', 30_000);
    await sleep(1000);

    const pulled = join(dir, 'pulled.mkv');
    await run(
      FFMPEG,
      ['-v', 'error', '-i', ice.listenUrl('/s1'), '-map', '0', '-t', '4', '-c', 'copy', '-y', pulled],
      {
        timeout: 30_000,
      },
    );
    const recording = (await state()).recording?.path ?? null;
    expect(recording).not.toBeNull();
    await call(core, 'record.stop', {});
    await call(core, 'stream.stop', {});

    const expected = ['video:h264@25/1', 'video:h264@5/1', 'audio:aac', 'audio:aac', 'audio:aac'];
    expect(await streams(pulled)).toEqual(expected);
    expect(await streams(recording!)).toEqual(expected);
    for (const file of [pulled, recording!]) {
      expect(near(await colourOf(file, '0:v:0', 30), BLUE), `${file} program`).toBe(true);
      expect(near(await colourOf(file, '0:v:1', 8), GREEN), `${file} slides`).toBe(true);
    }
    // ~5 fps: one slides frame for five program frames, over the whole recording.
    const counted = await probe(recording!);
    const [program, slides] = counted.streams.map((st) => Number(st.nb_read_frames ?? 0));
    expect(program).toBeGreaterThan(50);
    expect(Math.abs(program! / 5 - slides!)).toBeLessThanOrEqual(2);
  });

  it('a slides track on a source that does not exist is refused in words; its source cannot be removed', async () => {
    const configure = await call(core, 'encoder.configure', { slidesTrack: { source: 'ghost' } });
    expect(configure.status).toBe(400);
    expect(JSON.stringify(configure.body)).toContain('unknown source \\"ghost\\" for the slides track');
    const profile = await call(core, 'profile.apply', {
      profile: 'ccc',
      url: ice.url('/s1'),
      slides: 'ghost',
    });
    expect(profile.status).toBe(400);
    expect(JSON.stringify(profile.body)).toContain('no source \\"ghost\\"');
    const remove = await call(core, 'source.remove', { id: 'slides' });
    expect(remove.status).toBe(409);
    expect(JSON.stringify(remove.body)).toContain('carries the slides track');
    expect((await state()).show.encoder.slidesTrack).toEqual({ source: 'slides', fps: 5, videoKbps: 500 });
  });

  it('the slides source loses its signal: the slides track shows its slate, the program goes on', async () => {
    if (!(await state()).show.encoder.slidesTrack) {
      // Run alone (vitest -t): the slides track without the profile.
      expect((await call(core, 'encoder.configure', { slidesTrack: { source: 'slides' } })).status).toBe(200);
      await sleep(1500);
    }
    const rec = (await call(core, 'record.start', {})).body as { result: { path: string } };
    await sleep(2000);
    const slidesFfmpeg = descendantsOf(core.pid).find((p) => commandLine(p).includes('0x00ff00'));
    expect(slidesFfmpeg).toBeDefined();
    process.kill(slidesFfmpeg!, 'SIGSTOP');
    try {
      await waitFor(async () => (await state()).sources.slides?.status === 'no-signal', 5000);
      await sleep(2000);
    } finally {
      process.kill(slidesFfmpeg!, 'SIGCONT');
    }
    await waitFor(async () => (await state()).sources.slides?.status === 'live', 10_000);
    await sleep(2000);
    await call(core, 'record.stop', {});

    const runs: { kind: string; frames: number }[] = [];
    await decodeFrames(
      rec.result.path,
      W,
      H,
      (f) => {
        const c = f.yuv(8, 8);
        const kind = near(c, GREEN) ? 'green' : near(c, SLATE) ? 'slate' : 'other';
        const last = runs.at(-1);
        if (last?.kind === kind) last.frames += 1;
        else runs.push({ kind, frames: 1 });
      },
      '0:v:1',
    );
    // Straight from the picture to the slate (rendered ahead of need: no black frames) and back.
    expect(
      runs.map((r) => r.kind),
      JSON.stringify(runs),
    ).toEqual(['green', 'slate', 'green']);
    // About 2.5 s of slate at 5 fps.
    expect(runs.find((r) => r.kind === 'slate')?.frames).toBeGreaterThanOrEqual(8);
    // The program: blue all along, every 40 ms (the last frames are cut by record.stop).
    const program: string[] = [];
    await decodeFrames(rec.result.path, W, H, (f) => {
      const kind = near(f.yuv(8, 8), BLUE) ? 'blue' : 'other';
      if (program.at(-1) !== kind) program.push(kind);
    });
    expect(program).toEqual(['blue']);
    const times = (await videoFrameTimes(rec.result.path)).slice(0, -3);
    const gaps = times.slice(1).filter((t, i) => Math.round((t - times[i]!) * 1000) !== 40);
    expect(gaps, `of ${times.length} frames`).toEqual([]);
  });
});
