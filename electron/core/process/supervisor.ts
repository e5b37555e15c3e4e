// One supervisor for every child process (sources, encoder, outputs, and the core itself under Electron).
// States: stopped → starting → running → (exit) → backing-off → starting … ; stop() → stopping → stopped.
// `failed` is reached only after maxConsecutiveFailures (default: never: the program never stops).
import { spawn as nodeSpawn } from 'node:child_process';
import type { SpawnOptions } from 'node:child_process';
import { closeSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import type { ProcessState } from '../../shared/state.js';
import type { Logger } from '../log/logger.js';
import type { FfmpegProgress } from '../ffmpeg/progress.js';
import { parseProgressLine } from '../ffmpeg/progress.js';
import { TypedEmitter } from './emitter.js';
import { Ring } from './ring.js';
import { killTree } from './tree.js';

/** The part of ChildProcess the supervisor uses; a fake implements it in unit tests. */
export interface ChildLike {
  readonly pid?: number | undefined;
  readonly stdin: Writable | null;
  readonly stdout: Readable | null;
  readonly stderr: Readable | null;
  /** All pipes, including extra ones (fd 3…); absent on fakes that do not need them. */
  readonly stdio?: readonly (Readable | Writable | null | undefined)[];
  on(event: 'exit', listener: (code: number | null, signal: NodeJS.Signals | null) => void): this;
  on(event: 'error', listener: (err: Error) => void): this;
  on(event: 'spawn', listener: () => void): this;
}

export type SpawnFn = (command: string, args: readonly string[], options: SpawnOptions) => ChildLike;
export type KillFn = (pid: number, signal: NodeJS.Signals, scope: 'tree' | 'group') => void;

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  factor: number;
  /** A child that ran this long is considered stable: the backoff starts again from initialMs. */
  stableMs: number;
}

export interface SupervisorOptions {
  name: string;
  command: string;
  /** Arguments, or a function called at each (re)start so that settings changes apply. */
  args: readonly string[] | (() => readonly string[]);
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  logger: Logger;
  backoff?: Partial<BackoffOptions>;
  /** Write "q" on stdin first (ffmpeg's own clean stop). Off when stdin carries media. */
  quitWithQ?: boolean;
  /** ms after "q" before SIGTERM, then after SIGTERM before SIGKILL. */
  stopTimeouts?: { quitMs?: number; termMs?: number };
  maxConsecutiveFailures?: number;
  /** Extra stdio entries after stdin/stdout/stderr (e.g. 'pipe' for audio on fd 3); a function: at each launch. */
  extraStdio?: ('pipe' | 'ignore')[] | (() => ('pipe' | 'ignore')[]);
  stdin?: 'pipe' | 'ignore';
  stdout?: 'pipe' | 'ignore';
  /**
   * Fds to give the child in place of some stdio slots (slot number → fd), made afresh at each launch
   * (e.g. one end of a pipe read in a native thread). This process's copies are closed right after spawning.
   */
  stdioFds?: () => Readonly<Record<number, number>>;
  stderrLines?: number;
  spawn?: SpawnFn;
  kill?: KillFn;
  now?: () => number;
}

export interface SupervisorEvents extends Record<string, unknown> {
  state: { state: ProcessState; previous: ProcessState };
  spawn: { pid: number | undefined; child: ChildLike };
  exit: { code: number | null; signal: NodeJS.Signals | null; intentional: boolean; ranMs: number };
  stderr: { line: string };
  progress: FfmpegProgress;
  backoff: { delayMs: number; attempt: number };
}

/** The parent's copies of fds handed to a child (the child has its own). */
function closeFds(fds: Readonly<Record<number, number>>): void {
  for (const fd of Object.values(fds)) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
  }
}

const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 1000, maxMs: 30_000, factor: 2, stableMs: 10_000 };

/** Lines that say what went wrong, in ffmpeg's and other tools' words. */
const ERROR_LINE =
  /error|failed|refused|denied|invalid|not found|no such|unable|cannot|could not|timed? ?out|unknown|broken pipe|i\/o/i;

export class Supervisor extends TypedEmitter<SupervisorEvents> {
  private _state: ProcessState = 'stopped';
  private child: ChildLike | null = null;
  private spawnedAt = 0;
  private attempt = 0;
  private consecutiveFailures = 0;
  private backoffTimer: NodeJS.Timeout | null = null;
  private stopTimers: NodeJS.Timeout[] = [];
  private stopWaiters: (() => void)[] = [];
  private readonly stderrRing: Ring<string>;
  private _lastError: string | null = null;
  private _restarts = 0;
  private readonly backoff: BackoffOptions;
  private readonly spawnFn: SpawnFn;
  private readonly killFn: KillFn;
  private readonly now: () => number;

  constructor(private readonly opts: SupervisorOptions) {
    super();
    this.backoff = { ...DEFAULT_BACKOFF, ...opts.backoff };
    this.stderrRing = new Ring(opts.stderrLines ?? 50);
    this.spawnFn = opts.spawn ?? ((cmd, args, o) => nodeSpawn(cmd, [...args], o));
    this.killFn = opts.kill ?? killTree;
    this.now = opts.now ?? Date.now;
  }

  get state(): ProcessState {
    return this._state;
  }
  get pid(): number | undefined {
    return this.child?.pid;
  }
  get lastError(): string | null {
    return this._lastError;
  }
  /** Restarts after unexpected exits since start(). */
  get restarts(): number {
    return this._restarts;
  }
  get name(): string {
    return this.opts.name;
  }
  recentStderr(): string[] {
    return this.stderrRing.toArray();
  }

  start(): void {
    if (this._state !== 'stopped' && this._state !== 'failed') return;
    this.attempt = 0;
    this.consecutiveFailures = 0;
    this._restarts = 0;
    this.launch();
  }

  /** Intentional stop: "q", then SIGTERM, then SIGKILL, to the whole tree. Resolves once the child is gone. */
  stop(): Promise<void> {
    if (this.backoffTimer) {
      clearTimeout(this.backoffTimer);
      this.backoffTimer = null;
    }
    if (this._state === 'stopped' || this._state === 'failed') {
      if (this._state === 'failed') this.setState('stopped');
      return Promise.resolve();
    }
    const done = new Promise<void>((resolve) => this.stopWaiters.push(resolve));
    if (this._state === 'stopping') return done;
    const child = this.child;
    if (!child) {
      this.setState('stopped');
      this.flushStopWaiters();
      return done;
    }
    this.setState('stopping');
    const quitMs = this.opts.stopTimeouts?.quitMs ?? 1000;
    const termMs = this.opts.stopTimeouts?.termMs ?? 700;
    const pid = child.pid;
    let termDelay = 0;
    if (this.opts.quitWithQ === true && child.stdin && child.stdin.writable) {
      child.stdin.write('q\n');
      termDelay = quitMs;
    }
    const term = (): void => {
      if (pid !== undefined) this.killFn(pid, 'SIGTERM', 'tree');
    };
    if (termDelay === 0) term();
    else this.stopTimers.push(setTimeout(term, termDelay));
    this.stopTimers.push(
      setTimeout(() => {
        if (pid !== undefined) this.killFn(pid, 'SIGKILL', 'tree');
      }, termDelay + termMs),
    );
    return done;
  }

  /** Stop, then start again at once (a settings change), without counting a failure. */
  async restart(): Promise<void> {
    await this.stop();
    this.start();
  }

  private setState(state: ProcessState): void {
    if (state === this._state) return;
    const previous = this._state;
    this._state = state;
    this.opts.logger.debug(`${this.opts.name}: ${previous} → ${state}`);
    this.emit('state', { state, previous });
  }

  private launch(): void {
    this.backoffTimer = null;
    this.setState('starting');
    let child: ChildLike;
    let fds: Readonly<Record<number, number>> = {};
    try {
      // Arguments can fail to build (a device that is not connected): a failed start, retried with backoff.
      const args = typeof this.opts.args === 'function' ? this.opts.args() : this.opts.args;
      this.opts.logger.debug(`${this.opts.name}: spawn ${this.opts.command} ${args.join(' ')}`);
      fds = this.opts.stdioFds?.() ?? {};
      const extra =
        typeof this.opts.extraStdio === 'function' ? this.opts.extraStdio() : this.opts.extraStdio;
      const stdio: ('pipe' | 'ignore' | number)[] = [
        this.opts.stdin ?? 'pipe',
        this.opts.stdout ?? 'pipe',
        'pipe',
        ...(extra ?? []),
      ];
      for (const [slot, fd] of Object.entries(fds)) stdio[Number(slot)] = fd;
      child = this.spawnFn(this.opts.command, args, {
        cwd: this.opts.cwd,
        env: this.opts.env ?? process.env,
        detached: process.platform !== 'win32',
        stdio,
        windowsHide: true,
      });
    } catch (err) {
      closeFds(fds);
      this.onExit(null, null, null, err instanceof Error ? err.message : String(err));
      return;
    }
    closeFds(fds);
    this.child = child;
    this.spawnedAt = this.now();
    let finished = false;
    const finish = (code: number | null, signal: NodeJS.Signals | null, error: string | null): void => {
      if (finished) return;
      finished = true;
      this.onExit(child, code, signal, error);
    };
    child.on('spawn', () => {
      if (this.child !== child) return;
      if (this._state === 'starting') this.setState('running');
      this.emit('spawn', { pid: child.pid, child });
    });
    child.on('error', (err) => finish(null, null, err.message));
    child.on('exit', (code, signal) => finish(code, signal, null));
    child.stdin?.on('error', () => undefined); // EPIPE after the child died: the exit handler reports it
    if (child.stderr) this.readStderr(child.stderr);
  }

  private readStderr(stream: Readable): void {
    let pending = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      pending += chunk;
      const parts = pending.split(/\r\n|\r|\n/);
      pending = parts.pop() ?? '';
      if (pending.length > 64 * 1024) pending = pending.slice(-4096);
      for (const line of parts) this.onStderrLine(line);
    });
    stream.on('end', () => {
      if (pending !== '') this.onStderrLine(pending);
      pending = '';
    });
  }

  private onStderrLine(raw: string): void {
    const line = raw.trimEnd();
    if (line === '') return;
    const progress = parseProgressLine(line);
    if (progress) {
      this.emit('progress', progress);
      return;
    }
    this.stderrRing.push(line);
    this.opts.logger.debug(line, { child: this.opts.name });
    this.emit('stderr', { line });
  }

  /** The words an operator needs: the last error-like stderr line, plus how the process ended. */
  describeExit(code: number | null, signal: NodeJS.Signals | null, spawnError: string | null): string {
    if (spawnError !== null) return `could not start ${this.opts.command}: ${spawnError}`;
    const lines = this.stderrRing.toArray();
    const reason = [...lines].reverse().find((l) => ERROR_LINE.test(l)) ?? lines[lines.length - 1];
    const how = signal !== null ? `killed by ${signal}` : `exited with code ${code ?? '?'}`;
    return reason !== undefined ? `${reason} (${how})` : how;
  }

  private onExit(
    child: ChildLike | null,
    code: number | null,
    signal: NodeJS.Signals | null,
    spawnError: string | null,
  ): void {
    if (child !== null && this.child !== child) return;
    const ranMs = child !== null ? this.now() - this.spawnedAt : 0;
    const pid = child?.pid;
    this.child = null;
    for (const t of this.stopTimers) clearTimeout(t);
    this.stopTimers = [];
    // Anything the child left behind in its process group goes with it.
    if (pid !== undefined) this.killFn(pid, 'SIGKILL', 'group');
    const intentional = this._state === 'stopping';
    if (!intentional) this._lastError = this.describeExit(code, signal, spawnError);
    this.emit('exit', { code, signal, intentional, ranMs });
    if (intentional) {
      this.opts.logger.debug(`${this.opts.name}: stopped`, { code, signal });
      this.setState('stopped');
      this.flushStopWaiters();
      return;
    }
    this.opts.logger.warn(`${this.opts.name}: ${this._lastError}`, { ranMs });
    if (ranMs >= this.backoff.stableMs) {
      this.attempt = 0;
      this.consecutiveFailures = 0;
    }
    this.attempt += 1;
    this.consecutiveFailures += 1;
    const max = this.opts.maxConsecutiveFailures ?? Number.POSITIVE_INFINITY;
    if (this.consecutiveFailures >= max) {
      this.setState('failed');
      this.flushStopWaiters();
      return;
    }
    const delayMs = Math.min(
      this.backoff.initialMs * this.backoff.factor ** (this.attempt - 1),
      this.backoff.maxMs,
    );
    this._restarts += 1;
    this.setState('backing-off');
    this.emit('backoff', { delayMs, attempt: this.attempt });
    this.backoffTimer = setTimeout(() => this.launch(), delayMs);
  }

  private flushStopWaiters(): void {
    const waiters = this.stopWaiters;
    this.stopWaiters = [];
    for (const w of waiters) w();
  }
}
