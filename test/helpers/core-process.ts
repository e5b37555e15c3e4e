// Starts the real regie-core as a child process, as a user would, and reads its ready line.
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

const ReadySchema = z.object({
  event: z.literal('ready'),
  url: z.string(),
  token: z.string(),
  pid: z.number(),
});

export interface CoreProcess {
  url: string;
  token: string;
  pid: number;
  child: ChildProcess;
  dataDir: string;
  stderr: () => string;
  readyMs: number;
  /** SIGTERM and wait for the exit; returns the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export const BIN = join(import.meta.dirname, '..', '..', 'bin', 'regie-core.mjs');

export function runCore(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): { child: ChildProcess; done: Promise<{ code: number | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, REGIE_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, stdout, stderr })),
  );
  return { child, done };
}

export async function startCoreProcess(
  args: string[] = ['--demo'],
  env: NodeJS.ProcessEnv = {},
  timeoutMs = 20_000,
): Promise<CoreProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'regie-core-'));
  const started = Date.now();
  const child = spawn(process.execPath, [BIN, '--port', '0', '--data-dir', dataDir, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = await new Promise<z.infer<typeof ReadySchema>>((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no ready line within ${timeoutMs} ms; stderr:\n${stderr}`));
    }, timeoutMs);
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const nl = buf.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      try {
        resolve(ReadySchema.parse(JSON.parse(buf.slice(0, nl))));
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`core exited with ${code} before ready; stderr:\n${stderr}`));
    });
  });
  const readyMs = Date.now() - started;
  return {
    ...ready,
    child,
    dataDir,
    readyMs,
    stderr: () => stderr,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const code = await exited;
      rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}

export async function api(
  core: { url: string; token: string },
  path: string,
  init: { method?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(core.url + path, {
    ...init,
    headers: { authorization: `Bearer ${core.token}`, ...init.headers },
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
}

export function call(
  core: { url: string; token: string },
  method: string,
  args: unknown,
): Promise<{ status: number; body: unknown }> {
  return api(core, `/api/v1/call/${method}`, {
    method: 'POST',
    body: JSON.stringify(args),
    headers: { 'content-type': 'application/json' },
  });
}

/** Polls until fn returns a truthy value or the time runs out. */
export async function waitFor<T>(
  fn: () => T | Promise<T>,
  timeoutMs = 10_000,
  stepMs = 100,
): Promise<NonNullable<Awaited<T>>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
