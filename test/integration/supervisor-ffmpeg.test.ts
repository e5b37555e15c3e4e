// The supervisor with the real ffmpeg: kill -9 → restart with backoff; stop ends it within 2 s.
import { describe, expect, it } from 'vitest';
import { Supervisor } from '../../electron/core/process/supervisor.js';
import { recordingLogger } from '../helpers/quiet-logger.js';
import { waitFor } from '../helpers/core-process.js';
import { stillAlive } from '../helpers/procfs.js';

const ffmpeg = process.env.REGIE_FFMPEG ?? 'ffmpeg';
const args = [
  '-hide_banner',
  '-re',
  '-f',
  'lavfi',
  '-i',
  'testsrc2=size=320x240:rate=25',
  '-f',
  'rawvideo',
  '-pix_fmt',
  'yuv420p',
  '-y',
  '/dev/null',
];

describe('Supervisor with the real ffmpeg', () => {
  it('restarts ffmpeg after kill -9, after the backoff delay', async () => {
    const sup = new Supervisor({
      name: 'ffmpeg',
      command: ffmpeg,
      args,
      logger: recordingLogger(),
      quitWithQ: true,
      backoff: { initialMs: 800, maxMs: 5000 },
    });
    const events: { type: string; at: number; pid?: number | undefined }[] = [];
    sup.on('spawn', ({ pid }) => events.push({ type: 'spawn', at: Date.now(), pid }));
    sup.on('exit', ({ signal }) => events.push({ type: `exit:${signal ?? ''}`, at: Date.now() }));
    try {
      sup.start();
      const first = await waitFor(() => events.find((e) => e.type === 'spawn'));
      await new Promise((r) => setTimeout(r, 500));
      process.kill(first.pid!, 'SIGKILL');
      const second = await waitFor(() => events.filter((e) => e.type === 'spawn')[1], 10_000);
      const exit = events.find((e) => e.type === 'exit:SIGKILL');
      expect(exit).toBeDefined();
      expect(second.pid).not.toBe(first.pid);
      expect(second.at - exit!.at).toBeGreaterThanOrEqual(750);
      expect(sup.restarts).toBe(1);
      expect(sup.lastError).toContain('killed by SIGKILL');
      await waitFor(() => sup.state === 'running');
    } finally {
      await sup.stop();
    }
  });

  it('stop() ends ffmpeg within 2 s and leaves nothing running', async () => {
    const sup = new Supervisor({
      name: 'ffmpeg',
      command: ffmpeg,
      args,
      logger: recordingLogger(),
      quitWithQ: true,
    });
    sup.start();
    await waitFor(() => sup.state === 'running' && sup.pid !== undefined);
    await new Promise((r) => setTimeout(r, 300));
    const pid = sup.pid!;
    const t0 = Date.now();
    await sup.stop();
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(sup.state).toBe('stopped');
    expect(stillAlive([pid])).toEqual([]);
  });

  it('stop() also ends a process that ignores "q" and SIGTERM, within 2 s, with its whole tree', async () => {
    // A shell that traps TERM and starts a grandchild: only SIGKILL of the tree ends them.
    const script = 'trap "" TERM; sleep 30 & while true; do sleep 0.1; done';
    const sup = new Supervisor({
      name: 'stubborn',
      command: '/bin/sh',
      args: ['-c', script],
      logger: recordingLogger(),
      quitWithQ: true,
      stopTimeouts: { quitMs: 600, termMs: 600 },
    });
    sup.start();
    await waitFor(() => sup.state === 'running');
    await new Promise((r) => setTimeout(r, 300));
    const { descendantsOf } = await import('../helpers/procfs.js');
    const tree = [sup.pid!, ...descendantsOf(sup.pid!)];
    expect(tree.length).toBeGreaterThanOrEqual(2);
    const t0 = Date.now();
    await sup.stop();
    expect(Date.now() - t0).toBeLessThan(2000);
    await waitFor(() => stillAlive(tree).length === 0, 1000);
  });
});
