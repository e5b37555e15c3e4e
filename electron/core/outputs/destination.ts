// One destination: a supervised ffmpeg that copies the program to one URL (RTMP(S) as FLV, SRT as MPEG-TS),
// fed from its own bounded queue of whole GOPs. It fails, backs off and reconnects without touching anyone else.
// This file drives the process and its state; the feed (destination-feed.ts), the health bookkeeping
// (destination-health.ts) and the failure and retry decisions (destination-policy.ts) live beside it.
import type { Readable, Writable } from 'node:stream';
import { registerSecret } from '../log/redact.js';
import { TypedEmitter } from '../process/emitter.js';
import { Supervisor } from '../process/supervisor.js';
import { killTree } from '../process/tree.js';
import type { DestinationTarget } from './destination-args.js';
import { resolveTarget } from './destination-args.js';
import type { Driver } from './destination-driver.js';
import { makeDriver } from './destination-driver.js';
import { GopFeed } from './destination-feed.js';
import { LinkHealth } from './destination-health.js';
import { BackoffProbe, failureWords, judgeFailure, serverWasDown, watchdog } from './destination-policy.js';
import type { DestinationOptions, DestinationState, DestinationStatus } from './destination-types.js';
import { describeFailure } from './ffmpeg-errors.js';
import { readSrtStats } from './srt-stats.js';
import { SRT_CONNECTED, SRT_REJECTED, findSrtTool } from './srt-tool.js';
import type { Gop, GopSink } from './ts-gop.js';

export type { DestinationOptions, DestinationState, DestinationStatus } from './destination-types.js';

interface DestinationEvents extends Record<string, unknown> {
  status: DestinationStatus;
}

export class Destination extends TypedEmitter<DestinationEvents> implements GopSink {
  readonly id: string;
  readonly name: string;
  readonly target: DestinationTarget | null;
  private readonly sup: Supervisor | null = null;
  private readonly feed: GopFeed;
  private readonly health: LinkHealth;
  private readonly probe = new BackoffProbe();
  private readonly now: () => number;
  private readonly driver: Driver | null = null;
  private state: DestinationState = 'stopped';
  private wanted = false;
  private lastError: string | null = null;
  private killReason: string | null = null;
  /** The server refused the key, password or passphrase: failed until started again. */
  private rejected = false;
  private publishClosures = 0;
  private lines: string[] = [];
  private timer: NodeJS.Timeout | null = null;
  private restartingNow = false;
  private lastEmitted = '';

  constructor(private readonly opts: DestinationOptions) {
    super();
    this.id = opts.id;
    this.name = opts.name ?? opts.id;
    this.now = opts.now ?? Date.now;
    this.feed = new GopFeed(opts.maxQueueMs ?? 4000, this.now);
    this.health = new LinkHealth(this.now);
    let target: DestinationTarget | null = null;
    try {
      target = resolveTarget(opts.url, opts.key, opts.format);
    } catch (err) {
      this.state = 'failed';
      this.lastError = err instanceof Error ? err.message : String(err);
    }
    this.target = target;
    if (!target) return;
    if (target.secret !== null) registerSecret(target.secret);
    const driver = makeDriver(
      target,
      opts.ffmpeg ?? process.env.REGIE_FFMPEG ?? 'ffmpeg',
      opts.srtTool !== undefined ? opts.srtTool : findSrtTool(),
      opts.encode ?? null,
      opts.programAudioKbps,
    );
    this.driver = driver;
    this.sup = new Supervisor({
      name: `destination:${opts.id}`,
      command: driver.command,
      args: () => driver.args(this.feed.inputKbps),
      logger: opts.logger,
      quitWithQ: false,
      stdin: 'pipe',
      stdout: driver.stdout,
      backoff: { initialMs: 700, maxMs: 10_000, factor: 2, stableMs: 10_000, ...opts.backoff },
      stopTimeouts: { termMs: 1500 },
      ...(opts.spawn ? { spawn: opts.spawn } : {}),
      ...(opts.kill ? { kill: opts.kill } : {}),
      ...(opts.now ? { now: opts.now } : {}),
    });
    this.sup.on('spawn', ({ child }) => this.onSpawn(child.stdin, child.stdout));
    this.sup.on('stderr', ({ line }) => this.onStderr(line));
    this.sup.on('progress', (p) => this.onProgress(p.sizeKiB));
    this.sup.on('exit', () => this.feed.detach());
    this.sup.on('state', ({ state }) => {
      if (state === 'backing-off') this.onFailure();
      else if (state === 'failed') this.setState('failed');
      else if (state === 'stopped' && !this.restartingNow)
        this.setState(this.rejected ? 'failed' : 'stopped');
    });
  }

  get pid(): number | null {
    return this.sup?.pid ?? null;
  }

  start(): void {
    if (!this.sup || this.wanted) return;
    this.wanted = true;
    this.rejected = false;
    this.publishClosures = 0;
    this.health.restart();
    this.feed.resetDrops();
    this.setState('connecting');
    this.timer = setInterval(() => this.onTick(), 500);
    this.timer.unref();
    this.sup.start();
  }

  async stop(): Promise<void> {
    this.wanted = false;
    this.stopTimers();
    this.feed.end(); // EOF lets ffmpeg finish the output cleanly; SIGTERM follows at once anyway
    await this.sup?.stop();
    this.setState(this.target ? 'stopped' : 'failed');
  }

  onGop(gop: Gop): void {
    this.feed.onGop(gop);
  }

  /** Set by the ingest poller (stats URL). */
  setIngest(ingest: DestinationStatus['ingest']): void {
    this.health.ingest = ingest;
  }

  status(): DestinationStatus {
    return this.health.status(
      {
        id: this.id,
        name: this.name,
        url: this.target?.displayUrl ?? '',
        state: this.state,
        lastError: this.lastError,
        pid: this.pid,
        tool: this.driver?.tool ?? 'ffmpeg',
      },
      this.feed,
    );
  }

  private onStderr(line: string): void {
    this.lines.push(line);
    if (this.lines.length > 50) this.lines.shift();
    if (this.driver?.tool !== 'srt-live-transmit') return;
    if (SRT_CONNECTED.test(line)) {
      this.health.connected = true;
      this.onGrowth();
    } else if (SRT_REJECTED.test(line)) {
      // srt-live-transmit keeps running after a rejection: stop it now, the words come from this line.
      this.kill(describeFailure([line], null));
    }
  }

  private onSpawn(stdin: Writable | null, stdout: Readable | null): void {
    const again = this.health.spawned();
    this.lines = [];
    this.killReason = null;
    if (this.driver?.tool === 'srt-live-transmit' && stdout)
      readSrtStats(stdout, (s) => {
        if (this.health.srtSample(s)) this.onGrowth();
      });
    this.feed.attach(stdin);
    this.setState(again ? 'reconnecting' : 'connecting');
    this.feed.pump();
  }

  private onProgress(sizeKiB: number | undefined): void {
    if (sizeKiB === undefined || !this.wanted) return;
    if (this.health.outputGrew(sizeKiB)) this.onGrowth();
  }

  /** The link carries data: live (again). */
  private onGrowth(): void {
    if (!this.wanted) return;
    if (this.health.growth(this.state === 'live')) {
      this.publishClosures = 0;
      this.setState('live');
    }
  }

  private onFailure(): void {
    const verdict = judgeFailure({
      kind: this.target?.kind,
      killReason: this.killReason,
      words: failureWords(
        this.lines,
        this.sup?.lastError ?? null,
        this.driver?.tool,
        this.health.connected,
        this.target?.listener === true,
      ),
      wentLive: this.health.wentLive,
      publishClosures: this.publishClosures,
    });
    this.lastError = verdict.lastError;
    this.probe.reset(serverWasDown(verdict.lastError));
    this.publishClosures = verdict.publishClosures;
    this.opts.logger.warn(`destination ${this.name}: ${this.lastError}`);
    if (verdict.rejected) {
      this.rejected = true;
      this.wanted = false;
      this.stopTimers();
      this.setState('failed');
      // Called from the supervisor's backing-off event, before it arms its retry timer: stop it after that.
      setImmediate(() => void this.sup?.stop());
      return;
    }
    this.setState('reconnecting');
  }

  private onTick(): void {
    const reason = watchdog({
      state: this.state,
      now: this.now(),
      lastGrowthAt: this.health.lastGrowthAt,
      spawnedAt: this.health.spawnedAt,
      attached: this.feed.attached,
      listener: this.target?.listener ?? false,
      stallTimeoutMs: this.opts.stallTimeoutMs ?? 10_000,
      connectTimeoutMs: this.opts.connectTimeoutMs ?? 20_000,
    });
    if (reason !== null) this.kill(reason);
    if (this.sup?.state === 'backing-off' && this.target?.tcp === true) void this.retryIfBack(this.target);
    this.health.pollIngest(this.opts.statsUrl, this.target, () => this.wanted);
    this.emitStatus();
  }

  private stopTimers(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private kill(reason: string): void {
    const pid = this.sup?.pid;
    if (pid === undefined) return;
    this.killReason = reason;
    (this.opts.kill ?? killTree)(pid, 'SIGKILL', 'tree');
  }

  /** Backing off from a server that was down: reconnect as soon as it answers again. */
  private async retryIfBack(target: DestinationTarget): Promise<void> {
    const sup = this.sup;
    if (!sup || !(await this.probe.answersAgain(target))) return;
    if (!this.wanted || sup.state !== 'backing-off') return;
    this.opts.logger.info(
      `destination ${this.name}: ${target.host}:${target.port} answers again, reconnecting now`,
    );
    this.restartingNow = true;
    await sup.stop();
    this.restartingNow = false;
    if (this.isWanted()) sup.start();
  }

  private isWanted(): boolean {
    return this.wanted;
  }

  private setState(state: DestinationState): void {
    if (state === this.state) return;
    this.state = state;
    if (state !== 'live') this.health.liveSince = 0;
    this.emitStatus();
  }

  private emitStatus(): void {
    const status = this.status();
    const key = JSON.stringify(status);
    if (key === this.lastEmitted) return;
    this.lastEmitted = key;
    this.emit('status', status);
  }
}
