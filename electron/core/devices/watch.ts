// Hot-plug watchers: they say which backends to enumerate again, never what changed (the enumeration
// does). Linux: `pactl subscribe` (supervised, restarted with backoff when the sound server goes away),
// inotify on /dev (video*) and /dev/snd, a slow poll for DeckLink and X11. Elsewhere: polling.
import { existsSync, watch as fsWatch } from 'node:fs';
import type { Readable } from 'node:stream';
import type { DeviceBackend } from '../../shared/devices.js';
import type { Logger } from '../log/logger.js';
import { Supervisor } from '../process/supervisor.js';
import type { KillFn, SpawnFn } from '../process/supervisor.js';
import { backendsForPactlEvent, parsePactlEvent } from './pactl-events.js';

export interface Watcher {
  start(): void;
  stop(): Promise<void>;
}

/** The part of fs.FSWatcher used here. */
export interface DirWatcher {
  close(): void;
  on(event: 'error', listener: (err: Error) => void): unknown;
}

export type WatchDir = (path: string, onEvent: (filename: string | null) => void) => DirWatcher;

export interface HotplugOptions {
  platform: NodeJS.Platform;
  /** The backends worth watching (native to this OS and present in this ffmpeg). */
  backends: readonly DeviceBackend[];
  /** Environment of `pactl subscribe` (PULSE_SERVER…). */
  env: NodeJS.ProcessEnv;
  logger: Logger;
  onChange: (backends: DeviceBackend[]) => void;
  /** Polling period where nothing tells about changes (macOS, Windows; /dev when inotify fails). */
  pollMs?: number;
  /** Polling period of DeckLink and X11 screens on Linux. */
  slowPollMs?: number;
  watchDir?: WatchDir;
  exists?: (path: string) => boolean;
  /** For tests: how `pactl subscribe` is spawned and killed. */
  spawn?: SpawnFn;
  kill?: KillFn;
}

const defaultWatchDir: WatchDir = (path, onEvent) =>
  fsWatch(path, { persistent: false }, (_event, filename) => onEvent(filename));

/** Repeated warnings (pactl failing every backoff period while no sound server runs) go to debug. */
function quietRepeats(logger: Logger): Logger {
  let last = '';
  return {
    name: logger.name,
    debug: (msg, fields) => logger.debug(msg, fields),
    info: (msg, fields) => logger.info(msg, fields),
    warn: (msg, fields) => {
      if (msg === last) logger.debug(msg, fields);
      else logger.warn(msg, fields);
      last = msg;
    },
    error: (msg, fields) => logger.error(msg, fields),
    child: (name) => logger.child(name),
  };
}

/** Calls `onLine` for each complete line of a stream. */
export function readLines(stream: Readable, onLine: (line: string) => void): void {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    if (pending.length > 4096) pending = '';
    for (const line of lines) onLine(line);
  });
}

export class HotplugWatcher implements Watcher {
  private pactl: Supervisor | null = null;
  private readonly dirs = new Map<string, DirWatcher>();
  private readonly timers: NodeJS.Timeout[] = [];
  private spawns = 0;
  private readonly watchDir: WatchDir;
  private readonly exists: (path: string) => boolean;

  constructor(private readonly opts: HotplugOptions) {
    this.watchDir = opts.watchDir ?? defaultWatchDir;
    this.exists = opts.exists ?? existsSync;
  }

  private has(backend: DeviceBackend): boolean {
    return this.opts.backends.includes(backend);
  }

  start(): void {
    const { platform } = this.opts;
    const pollMs = this.opts.pollMs ?? 3000;
    const slowMs = this.opts.slowPollMs ?? 10_000;
    if (platform === 'darwin' || platform === 'win32') {
      this.poll(
        this.opts.backends.filter((b) => b !== 'decklink'),
        pollMs,
      );
      this.poll(
        this.opts.backends.filter((b) => b === 'decklink'),
        slowMs,
      );
      return;
    }
    if (this.has('pulse')) this.startPactl();
    const polled: DeviceBackend[] = [];
    if (this.has('v4l2') || this.has('alsa')) {
      if (!this.watch('/dev', (f) => this.onDevEvent(f))) polled.push('v4l2', 'alsa');
      else if (this.has('alsa') && this.exists('/dev/snd')) this.watchSnd();
    }
    this.poll(
      polled.filter((b) => this.has(b)),
      pollMs,
    );
    this.poll(
      this.opts.backends.filter((b) => b === 'decklink' || b === 'x11grab'),
      slowMs,
    );
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers.length = 0;
    for (const w of this.dirs.values()) w.close();
    this.dirs.clear();
    await this.pactl?.stop();
    this.pactl = null;
  }

  private poll(backends: DeviceBackend[], ms: number): void {
    if (backends.length === 0) return;
    const timer = setInterval(() => this.opts.onChange(backends), ms);
    timer.unref();
    this.timers.push(timer);
  }

  private watch(path: string, onEvent: (filename: string | null) => void): boolean {
    try {
      const w = this.watchDir(path, onEvent);
      w.on('error', (err) => {
        this.opts.logger.warn(`watching ${path} failed: ${err.message}; polling instead`);
        w.close();
        this.dirs.delete(path);
        this.poll(path === '/dev/snd' ? ['alsa'] : ['v4l2', 'alsa'], this.opts.pollMs ?? 3000);
      });
      this.dirs.set(path, w);
      return true;
    } catch (err) {
      this.opts.logger.debug(`cannot watch ${path}: ${err instanceof Error ? err.message : String(err)}`);
      return false;
    }
  }

  private onDevEvent(filename: string | null): void {
    if (filename === null) {
      this.opts.onChange(this.opts.backends.filter((b) => b === 'v4l2' || b === 'alsa'));
    } else if (/^video\d+$/.test(filename) && this.has('v4l2')) {
      this.opts.onChange(['v4l2']);
    } else if (filename === 'snd' && this.has('alsa')) {
      // The first sound card creates /dev/snd; the last one removes it.
      this.dirs.get('/dev/snd')?.close();
      this.dirs.delete('/dev/snd');
      if (this.exists('/dev/snd')) this.watchSnd();
      this.opts.onChange(['alsa']);
    }
  }

  private watchSnd(): void {
    this.watch('/dev/snd', (f) => {
      if (f === null || /^(pcm|control)C\d+/.test(f)) this.opts.onChange(['alsa']);
    });
  }

  private startPactl(): void {
    const pactl = new Supervisor({
      name: 'pactl-subscribe',
      command: 'pactl',
      args: ['subscribe'],
      env: { ...this.opts.env, LC_ALL: 'C' },
      logger: quietRepeats(this.opts.logger),
      stdin: 'ignore',
      backoff: { initialMs: 1000, maxMs: 30_000 },
      ...(this.opts.spawn ? { spawn: this.opts.spawn } : {}),
      ...(this.opts.kill ? { kill: this.opts.kill } : {}),
    });
    pactl.on('spawn', ({ child }) => {
      // A (re)connected sound server may have other sources than before: list them again.
      if (this.spawns++ > 0) this.opts.onChange(['pulse']);
      if (!child.stdout) return;
      readLines(child.stdout, (line) => {
        const event = parsePactlEvent(line);
        const backends = event ? backendsForPactlEvent(event).filter((b) => this.has(b)) : [];
        if (backends.length > 0) this.opts.onChange(backends);
      });
    });
    // The sound server went away: its sources did too.
    pactl.on('exit', ({ intentional }) => {
      if (!intentional) this.opts.onChange(['pulse']);
    });
    this.pactl = pactl;
    pactl.start();
  }
}
