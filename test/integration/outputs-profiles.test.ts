// profile.apply end to end on loopback servers, through a real core: SSTIC (nginx-rtmp; the recording and
// the pulled stream carry the same codecs, profile, size and audio format), FAImaison (Icecast WebM that fits
// 512 kbit/s + an audio-only Ogg mount) and Radio France (SRT to a main and a backup listener).
import { execFile } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { api, call, startCoreProcess, waitFor } from '../helpers/core-process.js';
import type { CoreProcess } from '../helpers/core-process.js';
import { startIcecast } from '../helpers/icecast.js';
import {
  codecs,
  ffprobe,
  startNginxRtmp,
  startSrtListener,
  stopAllServers,
  tempDir,
} from '../helpers/servers.js';

const run = promisify(execFile);
afterAll(stopAllServers);

const StreamsSchema = z.object({
  streams: z.array(
    z.object({
      codec_type: z.string(),
      codec_name: z.string(),
      profile: z.string().optional(),
      width: z.number().optional(),
      height: z.number().optional(),
      pix_fmt: z.string().optional(),
      sample_rate: z.string().optional(),
      channels: z.number().optional(),
    }),
  ),
});

async function streamInfo(input: string): Promise<z.infer<typeof StreamsSchema>['streams']> {
  const { stdout } = await run(
    'ffprobe',
    [
      '-v',
      'error',
      '-show_entries',
      'stream=codec_type,codec_name,profile,width,height,pix_fmt,sample_rate,channels',
      '-of',
      'json',
      input,
    ],
    { timeout: 20_000 },
  );
  return StreamsSchema.parse(JSON.parse(stdout)).streams.sort((a, b) =>
    a.codec_type.localeCompare(b.codec_type),
  );
}

async function coreWithTwoSources(): Promise<CoreProcess> {
  const showPath = join(tempDir('profile-show'), 'show.json');
  writeFileSync(
    showPath,
    JSON.stringify({
      version: 1,
      name: 'Profile',
      program: { width: 640, height: 360, fps: 25 },
      sources: [
        { id: 'slides', name: 'Slides', kind: 'test', pattern: 'bars', toneHz: 440 },
        { id: 'camera', name: 'Camera', kind: 'test', pattern: 'motion', toneHz: 1000 },
      ],
      scene: { layout: 'full', sources: ['slides'] },
      encoder: { codec: 'libx264', preset: 'ultrafast' },
    }),
  );
  return startCoreProcess(['--show', showPath]);
}

interface St {
  show: { encoder: { profile: string; videoKbps: number }; scene: { layout: string; sources: string[] } };
  destinations: Record<string, { state: string }>;
  recording: { path: string | null };
}
const state = async (core: CoreProcess): Promise<St> => (await api(core, '/api/v1/state')).body as St;
const allLive = (core: CoreProcess, ids: string[]) => async (): Promise<boolean> => {
  const s = await state(core);
  return ids.every((id) => s.destinations[id]?.state === 'live');
};

describe('profile.apply', () => {
  it('SSTIC: nginx-rtmp gets H.264 main + AAC at 4 Mbit/s in PiP; the recording matches the stream', async () => {
    const nginx = await startNginxRtmp();
    const core = await coreWithTwoSources();
    const key = 'sstic-2026-key';
    try {
      const applied = await call(core, 'profile.apply', {
        profile: 'sstic',
        url: nginx.rtmpUrl,
        key,
        statsUrl: nginx.statUrl,
      });
      expect(applied.status, JSON.stringify(applied.body)).toBe(200);
      const s = await state(core);
      expect(s.show.encoder).toMatchObject({ profile: 'main', videoKbps: 4000 });
      expect(s.show.scene).toMatchObject({ layout: 'pip', sources: ['slides', 'camera'] });
      expect((await call(core, 'record.start', {})).status).toBe(200);
      expect((await call(core, 'stream.start', {})).status).toBe(200);
      await waitFor(allLive(core, ['sstic']), 30_000);
      const pulled = await streamInfo(`${nginx.rtmpUrl}/${key}`);
      await new Promise((r) => setTimeout(r, 2000));
      const path = (await state(core)).recording.path;
      expect(path).not.toBeNull();
      const recorded = await streamInfo(path!);
      expect(pulled.map((p) => `${p.codec_type}:${p.codec_name}`)).toEqual(['audio:aac', 'video:h264']);
      expect(pulled.find((p) => p.codec_type === 'video')?.profile).toBe('Main');
      expect(recorded).toEqual(pulled);
    } finally {
      await core.stop();
      await nginx.stop();
    }
  });

  it('FAImaison: Icecast WebM under 512 kbit/s and an audio-only Ogg mount', async () => {
    const ice = await startIcecast();
    const core = await coreWithTwoSources();
    try {
      const base = ice.url('/x').replace(/\/x$/, '');
      const applied = await call(core, 'profile.apply', {
        profile: 'faimaison',
        url: base,
        key: ice.password,
      });
      expect((applied.body as { result: unknown }).result).toMatchObject({
        destinations: ['webm', 'audio'],
        renditions: ['web360', 'audio'],
      });
      expect((await call(core, 'stream.start', {})).status).toBe(200);
      await waitFor(allLive(core, ['webm', 'audio']), 40_000);
      const web = await streamInfo(ice.listenUrl('/live.webm'));
      expect(web.map((p) => `${p.codec_type}:${p.codec_name}`)).toEqual(['audio:opus', 'video:vp8']);
      expect(web.find((p) => p.codec_type === 'video')?.height).toBe(360);
      const audio = await ffprobe(ice.listenUrl('/audio.ogg'), 'stream=codec_type,codec_name', [], 20_000);
      expect(codecs(audio)).toEqual(['audio:vorbis']);
      // What a viewer downloads over 10 s of media fits a 512 kbit/s link.
      const out = join(tempDir('faimaison'), 'viewer.webm');
      await run('ffmpeg', ['-v', 'error', '-i', ice.listenUrl('/live.webm'), '-t', '10', '-c', 'copy', out], {
        timeout: 40_000,
      });
      const probe = await ffprobe(out, 'format=duration');
      const seconds = probe.format?.duration ?? 0;
      expect(seconds).toBeGreaterThan(8);
      const kbps = (statSync(out).size * 8) / seconds / 1000;
      expect(kbps).toBeLessThan(512);
      expect(kbps).toBeGreaterThan(50);
    } finally {
      await core.stop();
      await ice.stop();
    }
  });

  it('Radio France: SRT to a main and a backup listener; both receive the program', async () => {
    const passphrase = 'radio-france-pass-1';
    const main = await startSrtListener({ passphrase });
    const backup = await startSrtListener({ passphrase });
    const core = await coreWithTwoSources();
    try {
      const applied = await call(core, 'profile.apply', {
        profile: 'radiofrance',
        mainUrl: main.callerUrl,
        backupUrl: backup.callerUrl,
        key: passphrase,
      });
      expect((applied.body as { result: unknown }).result).toMatchObject({
        destinations: ['main', 'backup'],
      });
      expect((await call(core, 'stream.start', {})).status).toBe(200);
      await waitFor(allLive(core, ['main', 'backup']), 30_000);
      await new Promise((r) => setTimeout(r, 3000));
      for (const l of [main, backup]) {
        const probe = await ffprobe(l.file, 'stream=codec_type,codec_name');
        expect(codecs(probe)).toEqual(['audio:aac', 'video:h264']);
      }
      // The backup carries on when the main listener goes away.
      await main.stop();
      await new Promise((r) => setTimeout(r, 2000));
      const size = statSync(backup.file).size;
      await new Promise((r) => setTimeout(r, 2000));
      expect(statSync(backup.file).size).toBeGreaterThan(size);
      expect((await state(core)).destinations.backup?.state).toBe('live');
    } finally {
      await core.stop();
      await main.stop();
      await backup.stop();
    }
  });
});
