// How the enumerator runs listing commands and reads sysfs/procfs. Both are injected, so that the
// enumeration of every OS can be tested on fixture outputs; these are the real implementations.
// Nothing here throws: a missing program, a timeout or an unreadable file is a value.
import { spawn } from 'node:child_process';
import { readFile, readdir, realpath } from 'node:fs/promises';

export interface ExecResult {
  stdout: string;
  stderr: string;
  /** Exit code; null when the program did not run or was killed. */
  code: number | null;
  /** Set when the program could not run to its end. */
  error: { kind: 'not-found' | 'timeout' | 'failed'; message: string } | null;
}

export interface ExecOptions {
  /** Added to the environment (LC_ALL=C for the tools that translate their output). */
  env?: Readonly<Record<string, string>>;
  timeoutMs: number;
}

export type ExecFn = (program: string, args: readonly string[], opts: ExecOptions) => Promise<ExecResult>;

export interface DeviceFs {
  /** The file's text, or null when it cannot be read. */
  readFile(path: string): Promise<string | null>;
  /** The entries of a directory, or null when it does not exist. */
  readDir(path: string): Promise<string[] | null>;
  /** The target of a path with every link resolved, or null. */
  realpath(path: string): Promise<string | null>;
}

const MAX_OUTPUT = 1024 * 1024;

/** Runs a program without a shell, stdin closed, killed (SIGKILL) at the timeout. */
export function createExec(baseEnv: NodeJS.ProcessEnv = process.env): ExecFn {
  return (program, args, opts) =>
    new Promise<ExecResult>((resolve) => {
      let stdout = '';
      let stderr = '';
      let error: ExecResult['error'] = null;
      let settled = false;
      const child = spawn(program, [...args], {
        env: { ...baseEnv, ...opts.env },
        stdio: ['ignore', 'pipe', 'pipe'],
        windowsHide: true,
      });
      const done = (code: number | null): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ stdout, stderr, code, error });
      };
      const timer = setTimeout(() => {
        error = { kind: 'timeout', message: `${program} did not answer within ${opts.timeoutMs} ms` };
        child.kill('SIGKILL');
      }, opts.timeoutMs);
      child.stdout.setEncoding('utf8');
      child.stderr.setEncoding('utf8');
      child.stdout.on('data', (d: string) => {
        if (stdout.length < MAX_OUTPUT) stdout += d;
      });
      child.stderr.on('data', (d: string) => {
        if (stderr.length < MAX_OUTPUT) stderr += d;
      });
      child.on('error', (err: NodeJS.ErrnoException) => {
        error =
          err.code === 'ENOENT'
            ? { kind: 'not-found', message: `${program} is not installed` }
            : { kind: 'failed', message: `${program}: ${err.message}` };
        done(null);
      });
      child.on('close', (code) => done(code));
    });
}

export const nodeFs: DeviceFs = {
  readFile: (path) => readFile(path, 'utf8').catch(() => null),
  readDir: (path) => readdir(path).catch(() => null),
  realpath: (path) => realpath(path).catch(() => null),
};
