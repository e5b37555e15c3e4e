// The real core under CoreChild, as the Electron shell runs it (with plain node standing in for
// Electron-as-Node): it comes up, answers, restarts on the same address after a crash, and stop() leaves
// no process behind.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CoreChildEvents } from '../../electron/main/core-child.js';
import { CoreChild } from '../../electron/main/core-child.js';
import { BIN, waitFor } from '../helpers/core-process.js';
import { commandLine, descendantsOf, stillAlive } from '../helpers/procfs.js';
import { recordingLogger } from '../helpers/quiet-logger.js';

const dataDir = mkdtempSync(join(tmpdir(), 'regie-shell-core-'));
const core = new CoreChild({
  script: BIN,
  dataDir,
  execPath: process.execPath,
  logger: recordingLogger('shell.core'),
  backoff: { initialMs: 200, maxMs: 1000, factor: 2, stableMs: 10_000 },
});
const readies: CoreChildEvents['ready'][] = [];
const downs: CoreChildEvents['down'][] = [];
core.on('ready', (r) => readies.push(r));
core.on('down', (d) => downs.push(d));

afterAll(async () => {
  await core.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function health(url: string): Promise<number> {
  const res = await fetch(`${url}/api/v1/health`);
  await res.text();
  return res.status;
}

describe('CoreChild with the real core', () => {
  it('starts the core: ready arrives with a working URL and the token it was given', async () => {
    core.start();
    const conn = await core.whenReady();
    expect(conn.token).toBe(core.token);
    expect(conn.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await health(conn.url)).toBe(200);
    // The token travels in the environment, not on a command line every local user can read.
    expect(commandLine(readies[0]!.pid)).toContain('--demo');
    expect(commandLine(readies[0]!.pid)).not.toContain(core.token);
    const state = await fetch(`${conn.url}/api/v1/state`, {
      headers: { authorization: `Bearer ${core.token}` },
    });
    await state.text();
    expect(state.status).toBe(200);
    const refused = await fetch(`${conn.url}/api/v1/state`, {
      headers: { authorization: 'Bearer wrong-token' },
    });
    await refused.text();
    expect(refused.status).toBe(401);
  });

  it('a killed core is restarted on the same address, with the same token', async () => {
    const first = readies[0]!;
    process.kill(first.pid, 'SIGKILL');
    await waitFor(() => readies.length >= 2, 30_000);
    expect(downs.length).toBeGreaterThanOrEqual(1);
    const second = readies[1]!;
    expect(second.pid).not.toBe(first.pid);
    expect(second.url).toBe(first.url);
    expect(second.token).toBe(first.token);
    expect(await health(second.url)).toBe(200);
  });

  it('stop() leaves no process behind', async () => {
    const pid = readies.at(-1)!.pid;
    await waitFor(
      () => descendantsOf(pid).filter((p) => commandLine(p).includes('ffmpeg')).length >= 2,
      20_000,
    );
    const all = [pid, ...descendantsOf(pid)];
    const downsBefore = downs.length;
    await core.stop();
    expect(stillAlive(all)).toEqual([]);
    expect(core.connection).toBeNull();
    await new Promise((r) => setTimeout(r, 500));
    expect(downs.length).toBe(downsBefore);
    expect(stillAlive(all)).toEqual([]);
  });
});
