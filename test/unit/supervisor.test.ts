import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KillFn, SupervisorOptions } from '../../electron/core/process/supervisor.js';
import { Supervisor } from '../../electron/core/process/supervisor.js';
import type { ProcessState } from '../../electron/shared/state.js';
import { fakeSpawner } from '../helpers/fake-child.js';
import { recordingLogger } from '../helpers/quiet-logger.js';

function setup(extra: Partial<SupervisorOptions> = {}) {
  const fake = fakeSpawner();
  const kills: { pid: number; signal: NodeJS.Signals; scope: string }[] = [];
  const kill: KillFn = (pid, signal, scope) => kills.push({ pid, signal, scope });
  const sup = new Supervisor({
    name: 'test',
    command: 'ffmpeg',
    args: ['-i', 'x'],
    logger: recordingLogger(),
    spawn: fake.spawn,
    kill,
    now: () => Date.now(),
    ...extra,
  });
  const states: ProcessState[] = [];
  sup.on('state', ({ state }) => states.push(state));
  return { sup, fake, kills, states };
}

describe('Supervisor', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('goes stopped → starting → running when the child spawns', () => {
    const { sup, fake, states } = setup();
    sup.start();
    expect(sup.state).toBe('starting');
    fake.children[0]!.spawned();
    expect(sup.state).toBe('running');
    expect(states).toEqual(['starting', 'running']);
    expect(fake.calls[0]).toEqual({ command: 'ffmpeg', args: ['-i', 'x'] });
  });

  it('restarts an unexpected exit with capped exponential backoff', () => {
    const { sup, fake } = setup({ backoff: { initialMs: 1000, maxMs: 4000, factor: 2, stableMs: 60_000 } });
    const delays: number[] = [];
    sup.on('backoff', ({ delayMs }) => delays.push(delayMs));
    sup.start();
    for (let i = 0; i < 5; i++) {
      const child = fake.children[i]!;
      child.spawned();
      child.exit(1);
      expect(sup.state).toBe('backing-off');
      vi.advanceTimersByTime(delays[i]! - 1);
      expect(fake.children).toHaveLength(i + 1);
      vi.advanceTimersByTime(1);
      expect(fake.children).toHaveLength(i + 2);
    }
    expect(delays).toEqual([1000, 2000, 4000, 4000, 4000]);
    expect(sup.restarts).toBe(5);
  });

  it('resets the backoff after a stable period', () => {
    const { sup, fake } = setup({ backoff: { initialMs: 1000, maxMs: 30_000, factor: 2, stableMs: 10_000 } });
    const delays: number[] = [];
    sup.on('backoff', ({ delayMs }) => delays.push(delayMs));
    sup.start();
    fake.children[0]!.spawned();
    fake.children[0]!.exit(1);
    vi.advanceTimersByTime(1000);
    fake.children[1]!.spawned();
    fake.children[1]!.exit(1);
    vi.advanceTimersByTime(2000);
    fake.children[2]!.spawned();
    vi.advanceTimersByTime(10_000); // ran long enough to count as stable
    fake.children[2]!.exit(1);
    expect(delays).toEqual([1000, 2000, 1000]);
  });

  it('stops gracefully: q on stdin, then SIGTERM, then SIGKILL to the tree', async () => {
    const { sup, fake, kills } = setup({ quitWithQ: true, stopTimeouts: { quitMs: 1000, termMs: 500 } });
    sup.start();
    const child = fake.children[0]!;
    child.spawned();
    const stopped = sup.stop();
    expect(sup.state).toBe('stopping');
    await vi.advanceTimersByTimeAsync(0);
    expect(child.stdinText).toBe('q\n');
    expect(kills).toEqual([]);
    vi.advanceTimersByTime(1000);
    expect(kills).toEqual([{ pid: child.pid, signal: 'SIGTERM', scope: 'tree' }]);
    vi.advanceTimersByTime(500);
    expect(kills.at(-1)).toEqual({ pid: child.pid, signal: 'SIGKILL', scope: 'tree' });
    child.exit(null, 'SIGKILL');
    await stopped;
    expect(sup.state).toBe('stopped');
    // no restart after an intentional stop
    vi.advanceTimersByTime(60_000);
    expect(fake.children).toHaveLength(1);
  });

  it('a child that quits on "q" is not signalled', async () => {
    const { sup, fake, kills } = setup({ quitWithQ: true });
    sup.start();
    const child = fake.children[0]!;
    child.spawned();
    const stopped = sup.stop();
    child.exit(0);
    await stopped;
    vi.advanceTimersByTime(10_000);
    expect(kills.filter((k) => k.scope === 'tree')).toEqual([]);
    expect(kills).toEqual([{ pid: child.pid, signal: 'SIGKILL', scope: 'group' }]);
  });

  it('without quitWithQ, SIGTERM is sent at once', () => {
    const { sup, fake, kills } = setup({ quitWithQ: false });
    sup.start();
    fake.children[0]!.spawned();
    void sup.stop();
    expect(kills).toEqual([{ pid: fake.children[0]!.pid, signal: 'SIGTERM', scope: 'tree' }]);
  });

  it('stop() during backing-off cancels the restart', async () => {
    const { sup, fake } = setup();
    sup.start();
    fake.children[0]!.spawned();
    fake.children[0]!.exit(1);
    expect(sup.state).toBe('backing-off');
    await sup.stop();
    expect(sup.state).toBe('stopped');
    vi.advanceTimersByTime(60_000);
    expect(fake.children).toHaveLength(1);
  });

  it('fails after maxConsecutiveFailures and can be started again', () => {
    const { sup, fake } = setup({ maxConsecutiveFailures: 2 });
    sup.start();
    fake.children[0]!.exit(1);
    vi.advanceTimersByTime(1000);
    fake.children[1]!.exit(1);
    expect(sup.state).toBe('failed');
    sup.start();
    expect(sup.state).toBe('starting');
    expect(fake.children).toHaveLength(3);
  });

  it('explains an exit with the last error line from stderr', async () => {
    const { sup, fake } = setup();
    sup.start();
    const child = fake.children[0]!;
    child.spawned();
    child.stderr.write('Input #0, lavfi\n');
    child.stderr.write('[tcp @ 0x55] Connection to tcp://127.0.0.1:1935 failed: Connection refused\n');
    child.stderr.write('some trailing line\n');
    await vi.advanceTimersByTimeAsync(0);
    child.exit(1);
    expect(sup.lastError).toBe(
      '[tcp @ 0x55] Connection to tcp://127.0.0.1:1935 failed: Connection refused (exited with code 1)',
    );
    expect(sup.recentStderr()).toHaveLength(3);
  });

  it('reports a spawn error (binary missing) as lastError and backs off', () => {
    const { sup, fake } = setup();
    sup.start();
    fake.children[0]!.emit('error', new Error('spawn ffmpeg ENOENT'));
    expect(sup.lastError).toBe('could not start ffmpeg: spawn ffmpeg ENOENT');
    expect(sup.state).toBe('backing-off');
  });

  it('parses ffmpeg progress lines (split by carriage returns) into progress events', async () => {
    const { sup, fake } = setup();
    const seen: number[] = [];
    sup.on('progress', (p) => seen.push(p.frame ?? -1));
    sup.start();
    const child = fake.children[0]!;
    child.spawned();
    child.stderr.write(
      'frame=   30 fps= 30 q=23.0 size=     256kB time=00:00:01.00 bitrate=2097.2kbits/s speed=   1x\r',
    );
    child.stderr.write(
      'frame=   60 fps= 30 q=23.0 size=     512kB time=00:00:02.00 bitrate=2097.2kbits/s speed=   1x\r',
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual([30, 60]);
    expect(sup.recentStderr()).toEqual([]);
  });

  it('calls the args function at each start so that settings changes apply', () => {
    let n = 0;
    const { sup, fake } = setup({ args: () => ['-n', String(++n)] });
    sup.start();
    fake.children[0]!.exit(1);
    vi.advanceTimersByTime(1000);
    expect(fake.calls.map((c) => c.args)).toEqual([
      ['-n', '1'],
      ['-n', '2'],
    ]);
  });
});
