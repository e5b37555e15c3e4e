// An injected exec and file system for the enumerator: commands answer with fixture outputs, keyed by
// "program arg arg…"; anything else is "not installed". Every call is recorded with its options.
import type { DeviceFs, ExecFn, ExecOptions, ExecResult } from '../../../electron/core/devices/exec.js';

export type FakeAnswer = Partial<ExecResult> | ((args: readonly string[]) => Partial<ExecResult>);

export interface FakeExec {
  exec: ExecFn;
  calls: { program: string; args: readonly string[]; opts: ExecOptions }[];
  /** The commands run, as "program arg arg…". */
  commands: () => string[];
}

export function commandKey(program: string, args: readonly string[]): string {
  return [program, ...args].join(' ');
}

/** ffmpeg prints its listings on stderr and exits 1 after them ("dummy: Immediate exit requested"). */
export function ffmpegOutput(text: string, code = 1): Partial<ExecResult> {
  return { stderr: text, code };
}

export function fakeExec(table: Readonly<Record<string, FakeAnswer>>): FakeExec {
  const calls: FakeExec['calls'] = [];
  const exec: ExecFn = (program, args, opts) => {
    calls.push({ program, args, opts });
    const answer = table[commandKey(program, args)];
    const partial = typeof answer === 'function' ? answer(args) : answer;
    if (partial === undefined) {
      return Promise.resolve({
        stdout: '',
        stderr: '',
        code: null,
        error: { kind: 'not-found', message: `${program} is not installed` },
      });
    }
    return Promise.resolve({ stdout: '', stderr: '', code: 0, error: null, ...partial });
  };
  return { exec, calls, commands: () => calls.map((c) => commandKey(c.program, c.args)) };
}

export function fakeFs(opts: {
  files?: Readonly<Record<string, string>>;
  dirs?: Readonly<Record<string, string[]>>;
  links?: Readonly<Record<string, string>>;
}): DeviceFs {
  return {
    readFile: (path) => Promise.resolve(opts.files?.[path] ?? null),
    readDir: (path) => Promise.resolve(opts.dirs?.[path] ?? null),
    realpath: (path) => Promise.resolve(opts.links?.[path] ?? null),
  };
}

export const NO_FS = fakeFs({});
