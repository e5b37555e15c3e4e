// A device source whose device is gone cannot even build its arguments (a V4L2 id that is not in the
// device list throws). The supervisor must take that as a failed start and retry with backoff: before,
// the throw escaped from the backoff timer and took the whole core down. restartNow skips the wait.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KillFn } from '../../../electron/core/process/supervisor.js';
import { Supervisor } from '../../../electron/core/process/supervisor.js';
import { fakeSpawner } from '../../helpers/fake-child.js';
import { recordingLogger } from '../../helpers/quiet-logger.js';

describe('a source whose device is unplugged', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('backs off when its arguments cannot be built, and starts at once when restarted', async () => {
    const fake = fakeSpawner();
    const kill: KillFn = () => undefined;
    let connected = false;
    const sup = new Supervisor({
      name: 'source:cam',
      command: 'ffmpeg',
      args: () => {
        if (!connected)
          throw new Error('v4l2 device "v4l2:/sys/devices/x" is not connected (not in the device list)');
        return ['-f', 'v4l2', '-i', '/dev/video0'];
      },
      logger: recordingLogger(),
      spawn: fake.spawn,
      kill,
      backoff: { initialMs: 1000, maxMs: 10_000 },
    });
    sup.start();
    expect(sup.state).toBe('backing-off');
    expect(sup.lastError).toMatch(/could not start ffmpeg: .*not connected/);
    vi.advanceTimersByTime(1000); // the retry throws inside the timer: still no exception
    expect(sup.state).toBe('backing-off');
    expect(fake.calls).toHaveLength(0);

    connected = true;
    await sup.restart(); // what SourceRunner.restartNow does when the device comes back
    expect(fake.calls).toEqual([{ command: 'ffmpeg', args: ['-f', 'v4l2', '-i', '/dev/video0'] }]);
    fake.children[0]?.spawned();
    expect(sup.state).toBe('running');
  });
});
