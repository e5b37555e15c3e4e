// The recording disk: free space and time left, the 30-minute warning, and a disk that fills up for real
// (an 8 MB tmpfs as the recording directory): the recording stops cleanly with "disk full", the RTMP
// destination stays live and the core keeps running.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DiskMonitor } from '../../electron/core/disk/monitor.js';
import { markerPath } from '../../electron/core/outputs/recording-files.js';
import { api, call, startCoreProcess, waitFor } from '../helpers/core-process.js';
import { recordingLogger } from '../helpers/quiet-logger.js';
import { codecs, ffprobe, startNginxRtmp, stopAllServers, tempDir } from '../helpers/servers.js';

const mounts: string[] = [];
afterAll(async () => {
  for (const m of mounts) {
    try {
      execFileSync('umount', ['-l', m]);
    } catch {
      // already unmounted
    }
  }
  await stopAllServers();
});

function mountTmpfs(sizeMb: number): string | null {
  if (process.getuid?.() !== 0) return null;
  const dir = tempDir('tmpfs');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', dir]);
  } catch {
    return null;
  }
  mounts.push(dir);
  return dir;
}

interface RecState {
  recording: {
    active: boolean;
    lastError: string | null;
    path: string | null;
    disk?: { freeBytes: number; secondsLeft: number | null; warning: string | null } | null;
  };
  program: { recording: boolean };
  destinations: Record<string, { state: string }>;
}

describe('recording disk', () => {
  it('DiskMonitor: time left at the given rate, and a warning below 30 minutes (logged once)', async () => {
    const logger = recordingLogger();
    let bavail = 10_000; // × 1 MB = 10 GB: hours at 4 Mbit/s
    const monitor = new DiskMonitor({
      dir: () => join(tempDir('disk'), 'not-yet', 'created'),
      rate: () => 4_000_000,
      logger,
      intervalMs: 60_000,
      statfs: () => Promise.resolve({ bavail, bsize: 1_000_000 }),
    });
    try {
      const plenty = await monitor.check();
      expect(plenty).toMatchObject({ freeBytes: 10e9, secondsLeft: 20_000, warning: null });
      bavail = 500; // 500 MB: 1000 s
      const low = await monitor.check();
      expect(low?.secondsLeft).toBe(1000);
      expect(low?.warning).toMatch(/disk almost full: about 16 min of recording left/);
      await monitor.check();
      expect(logger.lines.filter((l) => l.level === 'warn')).toHaveLength(1);
    } finally {
      monitor.close();
    }
  });

  it('a full disk stops the recording cleanly; the stream goes on and the core keeps running', async (ctx) => {
    const dir = mountTmpfs(8);
    if (dir === null) {
      ctx.skip(); // needs root to mount a tmpfs
      return;
    }
    const nginx = await startNginxRtmp();
    const showDir = tempDir('disk-show');
    const showPath = join(showDir, 'show.json');
    writeFileSync(
      showPath,
      JSON.stringify({
        version: 1,
        name: 'Disk full',
        program: { width: 640, height: 360, fps: 25 },
        sources: [{ id: 'bars', name: 'Bars', kind: 'test', pattern: 'motion', toneHz: 440 }],
        scene: { layout: 'full', sources: ['bars'] },
        destinations: [{ id: 'nginx', name: 'nginx', url: `${nginx.rtmpUrl}/disk` }],
        recording: { directory: join(dir, 'rec'), segmentMinutes: 15 },
        encoder: { codec: 'libx264', preset: 'ultrafast', videoKbps: 3000, audioKbps: 128 },
      }),
    );
    mkdirSync(join(dir, 'rec'));
    const core = await startCoreProcess(['--show', showPath]);
    const state = async (): Promise<RecState> => (await api(core, '/api/v1/state')).body as RecState;
    try {
      expect((await call(core, 'stream.start', {})).status).toBe(200);
      expect((await call(core, 'record.start', {})).status).toBe(200);
      await waitFor(async () => (await state()).destinations.nginx?.state === 'live', 20_000);
      // 8 MB at ~3 Mbit/s: full in about 20 s.
      const stopped = await waitFor(
        async () => {
          const s = await state();
          return s.recording.lastError?.includes('disk full') === true ? s : null;
        },
        60_000,
        250,
      );
      expect(stopped.recording.lastError).toMatch(/disk full.*recording stopped/);
      await waitFor(
        async () => !(await state()).recording.active && !(await state()).program.recording,
        5000,
      );
      // The marker was removed: not an unfinished recording.
      expect(existsSync(markerPath(join(dir, 'rec')))).toBe(false);
      const files = readdirSync(join(dir, 'rec')).filter((f) => f.endsWith('.ts'));
      expect(files).toHaveLength(1);
      const recorded = await ffprobe(join(dir, 'rec', files[0]!), 'stream=codec_type,codec_name');
      expect(codecs(recorded)).toEqual(['audio:aac', 'video:h264']);
      // The stream goes on: still live a few seconds later, and nginx serves it.
      await new Promise((r) => setTimeout(r, 3000));
      const after = await state();
      expect(after.destinations.nginx?.state).toBe('live');
      expect(after.recording.disk?.freeBytes).toBeLessThan(1_000_000);
      expect(after.recording.disk?.warning).toMatch(/disk almost full/);
      const pulled = await ffprobe(`${nginx.rtmpUrl}/disk`, 'stream=codec_type,codec_name');
      expect(codecs(pulled)).toEqual(['audio:aac', 'video:h264']);
      expect((await call(core, 'core.ping', {})).status).toBe(200);
      expect(core.child.exitCode).toBeNull();
    } finally {
      await core.stop();
      await nginx.stop();
      execFileSync('umount', ['-l', dir]);
      mounts.splice(mounts.indexOf(dir), 1);
    }
  });
});
