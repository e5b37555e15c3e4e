// Go-live through the real core: push to a local nginx-rtmp and a local SRT listener, pull both back with
// ffprobe; stop nginx for 10 s and restart it: live again quickly, and no gap in the recording.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreProcess } from '../helpers/core-process.js';
import { api, call, startCoreProcess, waitFor } from '../helpers/core-process.js';
import type { NginxRtmp, SrtListener } from '../helpers/servers.js';
import {
  codecs,
  ffprobe,
  startNginxRtmp,
  startSrtListener,
  stopAllServers,
  tempDir,
} from '../helpers/servers.js';
import { videoFrameTimes } from '../helpers/media.js';
import { commandLine, descendantsOf } from '../helpers/procfs.js';

let core: CoreProcess;
let nginx: NginxRtmp;
let srt: SrtListener;
const dir = tempDir('regie-ingest');

interface State {
  destinations: Record<string, { state: string; reconnects: number; lastError: string | null }>;
}
const state = async () => (await api(core, '/api/v1/state')).body as State;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  nginx = await startNginxRtmp();
  srt = await startSrtListener();
  const show = join(dir, 'show.json');
  writeFileSync(
    show,
    JSON.stringify({
      version: 1,
      name: 'Ingest test',
      program: { width: 640, height: 360, fps: 25 },
      sources: [
        { id: 'slides', name: 'Slides', kind: 'test', pattern: 'bars' },
        { id: 'camera', name: 'Camera', kind: 'test', pattern: 'motion' },
      ],
      scene: { layout: 'pip', sources: ['slides', 'camera'] },
      encoder: { preset: 'ultrafast', videoKbps: 1000, gopSeconds: 1 },
      recording: { directory: join(dir, 'rec') },
    }),
  );
  core = await startCoreProcess(['--show', show]);
});
afterAll(async () => {
  await core.stop();
  await stopAllServers();
});

describe('go live to nginx-rtmp and SRT', () => {
  it('both destinations go live and their streams probe as H.264 + AAC; the key never shows', async () => {
    expect(
      (
        await call(core, 'destination.add', {
          id: 'rtmp',
          name: 'nginx',
          url: nginx.rtmpUrl,
          key: 'test-stream-key-42',
        })
      ).status,
    ).toBe(200);
    expect(
      (await call(core, 'destination.add', { id: 'srt', name: 'SRT main', url: srt.callerUrl })).status,
    ).toBe(200);
    expect((await call(core, 'record.start', {})).status).toBe(200);
    const started = (await call(core, 'stream.start', {})).body as { result: { started: string[] } };
    expect(started.result.started.sort()).toEqual(['rtmp', 'srt']);
    await waitFor(async () => {
      const s = await state();
      return s.destinations.rtmp?.state === 'live' && s.destinations.srt?.state === 'live';
    }, 30_000);
    const pulled = await ffprobe(`${nginx.rtmpUrl}/test-stream-key-42`, 'stream=codec_type,codec_name');
    expect(codecs(pulled)).toEqual(['audio:aac', 'video:h264']);
    expect(await nginx.stat()).toContain('test-stream-key-42');
    await sleep(2000);
    expect(codecs(await ffprobe(srt.file, 'stream=codec_type,codec_name'))).toEqual([
      'audio:aac',
      'video:h264',
    ]);
    expect(JSON.stringify((await api(core, '/api/v1/state')).body)).not.toContain('test-stream-key-42');
    expect(core.stderr()).not.toContain('test-stream-key-42');
  });

  it('nginx down for 10 s: RTMP is live again soon after it returns, SRT and the recording never stop', async () => {
    await nginx.stop();
    await waitFor(async () => (await state()).destinations.rtmp?.state !== 'live', 10_000);
    expect((await state()).destinations.srt?.state).toBe('live');
    await sleep(10_000);
    await nginx.start();
    const up = Date.now();
    // Telemetry carries the destination states at 25 Hz: poll it for a precise time.
    const rtmpState = async () =>
      (
        (await api(core, '/api/v1/telemetry')).body as {
          data: { outputs: { destinations: Record<string, { state: string }> } };
        }
      ).data.outputs.destinations.rtmp?.state;
    await waitFor(async () => (await rtmpState()) === 'live', 15_000, 50);
    const liveAfterMs = Date.now() - up;
    console.log(`RTMP live again ${liveAfterMs} ms after nginx was up`);
    expect(liveAfterMs).toBeLessThan(2000);
    await waitFor(async () => (await state()).destinations.rtmp?.state === 'live', 3000);
    const s = await state();
    expect(s.destinations.rtmp?.reconnects).toBeGreaterThanOrEqual(1);
    expect(s.destinations.srt?.state).toBe('live');
    expect(
      codecs(await ffprobe(`${nginx.rtmpUrl}/test-stream-key-42`, 'stream=codec_type,codec_name')),
    ).toEqual(['audio:aac', 'video:h264']);

    const stopped = (await call(core, 'record.stop', {})).body as { result: { segments: string[] } };
    expect(stopped.result.segments).toHaveLength(1);
    const times = (await videoFrameTimes(stopped.result.segments[0]!)).slice(0, -3);
    const gaps = times.slice(1).filter((t, i) => Math.round((t - times[i]!) * 1000) !== 40);
    expect(gaps).toEqual([]);
    expect(times.at(-1)! - times[0]!).toBeGreaterThan(14);
  });

  it('the encoder killed with -9 while live: RTMP and SRT come back by themselves', async () => {
    const encoder = descendantsOf(core.pid).find(
      (p) => commandLine(p).includes('pipe:3') && commandLine(p).includes('mpegts'),
    );
    expect(encoder).toBeDefined();
    const killedAt = Date.now();
    process.kill(encoder!, 'SIGKILL');
    const destState = async (id: string) =>
      (
        (await api(core, '/api/v1/telemetry')).body as {
          data: { outputs: { destinations: Record<string, { state: string; bytesSent: number }> } };
        }
      ).data.outputs.destinations[id];
    const bytesBefore = (await destState('rtmp'))?.bytesSent ?? 0;
    await waitFor(
      async () => {
        const r = await destState('rtmp');
        return r?.state === 'live' && r.bytesSent > bytesBefore + 50_000;
      },
      20_000,
      100,
    );
    console.log(`after the encoder was killed, RTMP carried data again within ${Date.now() - killedAt} ms`);
    expect(
      codecs(await ffprobe(`${nginx.rtmpUrl}/test-stream-key-42`, 'stream=codec_type,codec_name')),
    ).toEqual(['audio:aac', 'video:h264']);
    await waitFor(async () => (await destState('srt'))?.state === 'live', 10_000);
    await call(core, 'stream.stop', {});
  });
});
