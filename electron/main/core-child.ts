// The core as a child of the Electron main process, under the one Supervisor: Electron's own binary runs
// it as plain Node (ELECTRON_RUN_AS_NODE=1). Emits `ready` each time a core (re)starts and says so on
// stdout, `down` each time it exits unexpectedly; the supervisor restarts it with backoff.
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Logger } from '../core/log/logger.js';
import { registerSecret } from '../core/log/redact.js';
import { TypedEmitter } from '../core/process/emitter.js';
import type { BackoffOptions, KillFn, SpawnFn } from '../core/process/supervisor.js';
import { Supervisor } from '../core/process/supervisor.js';
import { killTree } from '../core/process/tree.js';
import { LineSplitter, parseReadyLine } from './ready-line.js';

export interface CoreConnection {
  url: string;
  token: string;
}

export interface CoreChildOptions {
  /** Path to bin/regie-core.mjs. */
  script: string;
  dataDir: string;
  /** A show file; without one the core runs its demo show. */
  show?: string | null;
  /** The Node to run: Electron's own binary (process.execPath), which ELECTRON_RUN_AS_NODE turns into Node. */
  execPath?: string;
  /** Base environment (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** The API token; one random token per app run by default, so that reconnects keep working. */
  token?: string;
  logger: Logger;
  backoff?: Partial<BackoffOptions>;
  /** A core that has not printed its ready line after this long is killed and restarted. */
  readyTimeoutMs?: number;
  /** After SIGTERM, how long the core gets to finalize recordings before SIGKILL (it gives itself 10 s). */
  stopTimeoutMs?: number;
  spawn?: SpawnFn;
  kill?: KillFn;
}

export interface CoreChildEvents extends Record<string, unknown> {
  ready: CoreConnection & { pid: number };
  /** failures: consecutive exits since the last ready; retryInMs: when the supervisor starts it again. */
  down: { error: string; failures: number; retryInMs: number };
}

/**
 * The core's arguments. The token is not among them: it travels in REGIE_TOKEN, because a command line
 * is readable by every local user (/proc/<pid>/cmdline) and an environment is not.
 */
export function coreArgs(o: {
  script: string;
  port: number;
  dataDir: string;
  show: string | null;
}): string[] {
  return [
    o.script,
    '--port',
    String(o.port),
    '--data-dir',
    o.dataDir,
    ...(o.show !== null ? ['--show', o.show] : ['--demo']),
  ];
}

export function coreEnv(base: NodeJS.ProcessEnv, token: string): NodeJS.ProcessEnv {
  return { ...base, ELECTRON_RUN_AS_NODE: '1', REGIE_TOKEN: token };
}

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export class CoreChild extends TypedEmitter<CoreChildEvents> {
  readonly token: string;
  private readonly supervisor: Supervisor;
  private readonly logger: Logger;
  private readonly kill: KillFn;
  private readonly readyTimeoutMs: number;
  private current: CoreConnection | null = null;
  private waiters: ((c: CoreConnection) => void)[] = [];
  /** The port of the last core that came up: a restarted core takes it again, so open pages reconnect. */
  private port = 0;
  private generation = 0;
  private sawReady = false;
  private failures = 0;
  private readyTimer: NodeJS.Timeout | null = null;
  private timeoutError: string | null = null;
  private show: string | null;

  constructor(opts: CoreChildOptions) {
    super();
    this.token = opts.token ?? newToken();
    registerSecret(this.token);
    this.logger = opts.logger;
    this.kill = opts.kill ?? killTree;
    this.readyTimeoutMs = opts.readyTimeoutMs ?? 60_000;
    this.show = opts.show ?? null;
    this.supervisor = new Supervisor({
      name: 'core',
      command: opts.execPath ?? process.execPath,
      args: () => coreArgs({ script: opts.script, port: this.port, dataDir: opts.dataDir, show: this.show }),
      env: coreEnv(opts.env ?? process.env, this.token),
      logger: opts.logger,
      quitWithQ: false,
      stdin: 'ignore',
      stopTimeouts: { termMs: opts.stopTimeoutMs ?? 12_000 },
      ...(opts.backoff ? { backoff: opts.backoff } : {}),
      ...(opts.spawn ? { spawn: opts.spawn } : {}),
      kill: this.kill,
    });
    this.supervisor.on('spawn', ({ pid, child }) => this.onSpawn(pid, child.stdout));
    this.supervisor.on('exit', () => this.onExit());
    this.supervisor.on('backoff', ({ delayMs }) => {
      this.failures += 1;
      const error = this.timeoutError ?? this.supervisor.lastError ?? 'the core stopped';
      this.emit('down', { error, failures: this.failures, retryInMs: delayMs });
    });
  }

  /** The running core's address and token, or null while it is starting or down. */
  get connection(): CoreConnection | null {
    return this.current;
  }

  /** The running core, or the next one to come up. */
  whenReady(): Promise<CoreConnection> {
    if (this.current) return Promise.resolve(this.current);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  start(): void {
    this.supervisor.start();
  }

  /** Graceful stop: SIGTERM (the core finalizes recordings), SIGKILL after stopTimeoutMs. */
  async stop(): Promise<void> {
    this.clearReadyTimer();
    await this.supervisor.stop();
  }

  /** The show file the core runs (null: the demo show). */
  get showFile(): string | null {
    return this.show;
  }

  /**
   * Restarts the core on another show file (File → Open show…): a graceful stop (recordings are finalized),
   * then a start on the same port and token, so that the window and remote browsers reconnect.
   */
  async openShow(show: string): Promise<void> {
    this.show = show;
    this.clearReadyTimer();
    this.logger.info(`restarting the core on the show ${show}`);
    await this.supervisor.restart();
  }

  private onSpawn(pid: number | undefined, stdout: Readable | null): void {
    const generation = ++this.generation;
    this.sawReady = false;
    this.timeoutError = null;
    this.clearReadyTimer();
    this.readyTimer = setTimeout(() => {
      this.readyTimer = null;
      this.timeoutError = `the core did not report ready within ${Math.round(this.readyTimeoutMs / 1000)} s`;
      this.logger.warn(`${this.timeoutError}; restarting it`);
      if (pid !== undefined) this.kill(pid, 'SIGKILL', 'tree');
    }, this.readyTimeoutMs);
    if (!stdout) return;
    const lines = new LineSplitter();
    stdout.setEncoding('utf8');
    const onLines = (list: string[]): void => {
      if (generation !== this.generation) return;
      for (const line of list) this.onStdoutLine(line);
    };
    stdout.on('data', (chunk: string) => onLines(lines.push(chunk)));
    stdout.on('end', () => onLines(lines.end()));
  }

  private onStdoutLine(line: string): void {
    const ready = this.sawReady ? null : parseReadyLine(line);
    if (!ready) {
      if (line.trim() !== '') this.logger.debug('core stdout', { line });
      return;
    }
    this.sawReady = true;
    this.clearReadyTimer();
    if (ready.token !== this.token)
      this.logger.warn('the core reports a different token than the one it was given');
    const port = Number(new URL(ready.url).port);
    if (Number.isInteger(port) && port > 0) this.port = port;
    this.failures = 0;
    this.current = { url: ready.url.replace(/\/+$/, ''), token: ready.token };
    this.logger.info(`core ready at ${this.current.url} (pid ${ready.pid})`);
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w(this.current);
    this.emit('ready', { ...this.current, pid: ready.pid });
  }

  private onExit(): void {
    this.clearReadyTimer();
    this.current = null;
    // A core that never came up may have failed on its port: the next one picks a free one.
    if (!this.sawReady) this.port = 0;
  }

  private clearReadyTimer(): void {
    if (this.readyTimer) clearTimeout(this.readyTimer);
    this.readyTimer = null;
  }
}
