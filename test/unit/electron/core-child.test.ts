import type { SpawnOptions } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KillFn, SpawnFn } from '../../../electron/core/process/supervisor.js';
import type { CoreChildEvents, CoreChildOptions } from '../../../electron/main/core-child.js';
import { CoreChild } from '../../../electron/main/core-child.js';
import { fakeSpawner } from '../../helpers/fake-child.js';
import { recordingLogger } from '../../helpers/quiet-logger.js';

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const readyLine = (port: number, token: string, pid = 4242): string =>
  JSON.stringify({ event: 'ready', url: `http://127.0.0.1:${port}`, token, pid }) + '\n';

function setup(extra: Partial<CoreChildOptions> = {}) {
  const fake = fakeSpawner();
  const options: SpawnOptions[] = [];
  const spawn: SpawnFn = (command, args, o) => {
    options.push(o);
    return fake.spawn(command, args, o);
  };
  const kills: { pid: number; signal: NodeJS.Signals; scope: string }[] = [];
  const kill: KillFn = (pid, signal, scope) => kills.push({ pid, signal, scope });
  const core = new CoreChild({
    script: '/app/bin/regie-core.mjs',
    dataDir: '/data/regie',
    execPath: '/opt/Regie/regie',
    env: { PATH: '/usr/bin', HOME: '/home/op' },
    logger: recordingLogger(),
    backoff: { initialMs: 1000, maxMs: 8000, factor: 2, stableMs: 60_000 },
    spawn,
    kill,
    ...extra,
  });
  const ready: CoreChildEvents['ready'][] = [];
  const down: CoreChildEvents['down'][] = [];
  core.on('ready', (r) => ready.push(r));
  core.on('down', (d) => down.push(d));
  return { core, fake, options, kills, ready, down };
}

describe('CoreChild', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs bin/regie-core.mjs with Electron as Node: argv, env, token outside the command line', () => {
    const { core, fake, options } = setup();
    core.start();
    expect(fake.calls[0]).toEqual({
      command: '/opt/Regie/regie',
      args: ['/app/bin/regie-core.mjs', '--port', '0', '--data-dir', '/data/regie', '--demo'],
    });
    const env = options[0]?.env ?? {};
    expect(env.ELECTRON_RUN_AS_NODE).toBe('1');
    expect(env.REGIE_TOKEN).toBe(core.token);
    expect(env.PATH).toBe('/usr/bin');
    expect(core.token.length).toBeGreaterThanOrEqual(32);
    expect(fake.calls[0]?.args.join(' ')).not.toContain(core.token);
    expect(options[0]?.stdio).toEqual(['ignore', 'pipe', 'pipe']);
  });

  it('passes a show file instead of --demo, and a given token', () => {
    const { core, fake, options } = setup({ show: '/shows/sstic.json', token: 'given-token-123' });
    core.start();
    expect(fake.calls[0]?.args).toEqual([
      '/app/bin/regie-core.mjs',
      '--port',
      '0',
      '--data-dir',
      '/data/regie',
      '--show',
      '/shows/sstic.json',
    ]);
    expect(options[0]?.env?.REGIE_TOKEN).toBe('given-token-123');
  });

  it('each app run has its own random token', () => {
    expect(setup().core.token).not.toBe(setup().core.token);
  });

  it('parses the ready line across chunk boundaries and ignores garbage lines', async () => {
    const { core, fake, ready } = setup();
    core.start();
    const child = fake.children[0]!;
    child.spawned();
    const line = readyLine(40123, core.token);
    child.stdout.write(
      'npm notice: something\n{"event":"ready","url":"ftp://x","token":"t","pid":1}\n{not json}\n',
    );
    child.stdout.write(line.slice(0, 17));
    await flush();
    expect(ready).toEqual([]);
    expect(core.connection).toBeNull();
    child.stdout.write(line.slice(17, 40));
    child.stdout.write(line.slice(40));
    await flush();
    expect(ready).toEqual([{ url: 'http://127.0.0.1:40123', token: core.token, pid: 4242 }]);
    expect(core.connection).toEqual({ url: 'http://127.0.0.1:40123', token: core.token });
    // A second ready line from the same process is not a restart.
    child.stdout.write(line);
    await flush();
    expect(ready).toHaveLength(1);
  });

  it('a crash emits down, the supervisor restarts it with backoff on the same port, and a new ready follows', async () => {
    const { core, fake, ready, down } = setup();
    core.start();
    const first = fake.children[0]!;
    first.spawned();
    first.stdout.write(readyLine(40123, core.token, 1));
    await flush();
    first.stderr.write('regie-core: Error: something broke\n');
    await flush();
    first.exit(70);
    expect(core.connection).toBeNull();
    expect(down).toEqual([
      { error: 'regie-core: Error: something broke (exited with code 70)', failures: 1, retryInMs: 1000 },
    ]);
    vi.advanceTimersByTime(999);
    expect(fake.children).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(fake.children).toHaveLength(2);
    // Same port and token: open pages and remote browsers reconnect to the same address.
    expect(fake.calls[1]?.args).toEqual([
      '/app/bin/regie-core.mjs',
      '--port',
      '40123',
      '--data-dir',
      '/data/regie',
      '--demo',
    ]);
    const second = fake.children[1]!;
    second.spawned();
    second.stdout.write(readyLine(40123, core.token, 2));
    await flush();
    expect(ready.map((r) => r.pid)).toEqual([1, 2]);
    expect(core.connection?.url).toBe('http://127.0.0.1:40123');
  });

  it('counts consecutive failures, and a core that never came up retries on a free port', async () => {
    const { core, fake, down } = setup();
    core.start();
    fake.children[0]!.spawned();
    fake.children[0]!.stdout.write(readyLine(40123, core.token));
    await flush();
    fake.children[0]!.exit(1);
    vi.advanceTimersByTime(1000);
    fake.children[1]!.spawned();
    fake.children[1]!.exit(69); // e.g. the port was taken
    vi.advanceTimersByTime(2000);
    expect(down.map((d) => [d.failures, d.retryInMs])).toEqual([
      [1, 1000],
      [2, 2000],
    ]);
    expect(fake.calls[1]?.args[2]).toBe('40123');
    expect(fake.calls[2]?.args[2]).toBe('0');
  });

  it('old output of a replaced child is ignored', async () => {
    const { core, fake, ready } = setup();
    core.start();
    const first = fake.children[0]!;
    first.spawned();
    first.exit(1);
    vi.advanceTimersByTime(1000);
    fake.children[1]!.spawned();
    first.stdout.write(readyLine(1111, core.token));
    await flush();
    expect(ready).toEqual([]);
  });

  it('a core that never says ready is killed and restarted', async () => {
    const { core, fake, kills, down } = setup({ readyTimeoutMs: 5000 });
    core.start();
    const child = fake.children[0]!;
    child.spawned();
    vi.advanceTimersByTime(5000);
    expect(kills).toEqual([{ pid: child.pid, signal: 'SIGKILL', scope: 'tree' }]);
    child.exit(null, 'SIGKILL');
    expect(down[0]?.error).toBe('the core did not report ready within 5 s');
    vi.advanceTimersByTime(1000);
    expect(fake.children).toHaveLength(2);
    await flush();
  });

  it('whenReady waits for the next core', async () => {
    const { core, fake } = setup();
    const waiting = core.whenReady();
    core.start();
    fake.children[0]!.spawned();
    fake.children[0]!.stdout.write(readyLine(5000, core.token));
    await flush();
    await expect(waiting).resolves.toEqual({ url: 'http://127.0.0.1:5000', token: core.token });
    await expect(core.whenReady()).resolves.toEqual({ url: 'http://127.0.0.1:5000', token: core.token });
  });

  it('stop() sends SIGTERM to the tree, SIGKILL after the timeout, and does not restart', async () => {
    const { core, fake, kills, down } = setup({ stopTimeoutMs: 12_000 });
    core.start();
    const child = fake.children[0]!;
    child.spawned();
    const stopped = core.stop();
    expect(kills).toEqual([{ pid: child.pid, signal: 'SIGTERM', scope: 'tree' }]);
    vi.advanceTimersByTime(11_999);
    expect(kills).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(kills.at(-1)).toEqual({ pid: child.pid, signal: 'SIGKILL', scope: 'tree' });
    child.exit(null, 'SIGKILL');
    await stopped;
    vi.advanceTimersByTime(60_000);
    expect(fake.children).toHaveLength(1);
    expect(down).toEqual([]);
  });

  it('openShow restarts the core on another show: graceful stop, same port and token, no failure counted', async () => {
    const { core, fake, kills, ready, down } = setup();
    core.start();
    const first = fake.children[0]!;
    first.spawned();
    first.stdout.write(readyLine(40123, core.token, 1));
    await flush();
    const restarted = core.openShow('/shows/ccc.json');
    expect(kills).toEqual([{ pid: first.pid, signal: 'SIGTERM', scope: 'tree' }]);
    expect(fake.children).toHaveLength(1);
    first.exit(0);
    await restarted;
    expect(core.showFile).toBe('/shows/ccc.json');
    expect(fake.calls[1]?.args).toEqual([
      '/app/bin/regie-core.mjs',
      '--port',
      '40123',
      '--data-dir',
      '/data/regie',
      '--show',
      '/shows/ccc.json',
    ]);
    fake.children[1]!.spawned();
    fake.children[1]!.stdout.write(readyLine(40123, core.token, 2));
    await flush();
    expect(ready.map((r) => r.pid)).toEqual([1, 2]);
    expect(down).toEqual([]);
  });
});
