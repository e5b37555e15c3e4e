// One destination: a supervised ffmpeg that copies the program to one URL (RTMP(S) as FLV, SRT as MPEG-TS),
// fed from its own bounded queue of whole GOPs. It fails, backs off and reconnects without touching anyone else.
import type { Readable, Writable } from 'node:stream';
import { registerSecret } from '../log/redact.js';
import { TypedEmitter } from '../process/emitter.js';
import { Supervisor } from '../process/supervisor.js';
import { killTree } from '../process/tree.js';
import type { DestinationTarget } from './destination-args.js';
import type { DestinationOptions, DestinationState, DestinationStatus } from './destination-types.js';
import { resolveTarget } from './destination-args.js';
import type { Driver } from './destination-driver.js';
import { makeDriver } from './destination-driver.js';
import { describeFailure } from './ffmpeg-errors.js';
import { GopQueue } from './gop-queue.js';
import { RateMeter } from './rate-meter.js';
import { ingestTarget, pollIngest } from './ingest.js';
import type { SrtSample, SrtStats } from './srt-stats.js';
import { accumulateSrtStats, readSrtStats } from './srt-stats.js';
import { SRT_CONNECTED, SRT_REJECTED, findSrtTool } from './srt-tool.js';
import { tcpReachable } from './tcp-probe.js';
import type { Gop, GopSink } from './ts-gop.js';

export type { DestinationOptions, DestinationState, DestinationStatus } from './destination-types.js';

interface DestinationEvents extends Record<string, unknown> {
  status: DestinationStatus;
}

// Bytes handed to ffmpeg can no longer be dropped: keep what sits in Node's buffer small (the pipe holds 64 KiB).
const WRITE_CHUNK = 32 * 1024;

export class Destination extends TypedEmitter<DestinationEvents> implements GopSink {
  readonly id: string;
  readonly name: string;
  readonly target: DestinationTarget | null;
  private readonly sup: Supervisor | null = null;
  private readonly queue: GopQueue;
  private readonly now: () => number;
  private stdin: Writable | null = null;
  private waitingDrain = false;
  private latest: Gop | null = null;
  private state: DestinationState = 'stopped';
  private wanted = false;
  private lastError: string | null = null;
  /** A TCP probe failed during this backoff: the server was down; retry as soon as it answers. */
  private sawDown = false;
  private killReason: string | null = null;
  private reconnects = 0;
  private spawns = 0;
  private spawnedAt = 0;
  private liveSince = 0;
  private lastSize = -1;
  private lastGrowthAt = 0;
  private bytesSent = 0;
  private readonly rate: RateMeter;
  /** The program's own rate, from the GOPs that pass by (sizes the SRT stats interval). */
  private inputKbps: number | null = null;
  private readonly driver: Driver | null = null;
  private srt: SrtStats | null = null;
  private ingest: DestinationStatus['ingest'] = null;
  private ingestAt = 0;
  private ingestPolling = false;
  /** This process reached the server (SRT: libsrt connected). */
  private connected = false;
  /** The server refused the key, password or passphrase: failed until started again. */
  private rejected = false;
  private wentLive = false;
  private publishClosures = 0;
  private lines: string[] = [];
  private timer: NodeJS.Timeout | null = null;
  private probing = false;
  private restartingNow = false;
  private lastEmitted = '';

  constructor(private readonly opts: DestinationOptions) {
    super();
    this.id = opts.id;
    this.name = opts.name ?? opts.id;
    this.now = opts.now ?? Date.now;
    this.queue = new GopQueue(opts.maxQueueMs ?? 4000);
    this.rate = new RateMeter(this.now);
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
    );
    this.driver = driver;
    this.sup = new Supervisor({
      name: `destination:${opts.id}`,
      command: driver.command,
      args: () => driver.args(this.inputKbps),
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
    this.sup.on('exit', () => this.onExit());
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
    this.reconnects = 0;
    this.spawns = 0;
    this.ingest = null;
    this.ingestAt = 0;
    this.queue.droppedGops = 0;
    this.queue.droppedFrames = 0;
    this.setState('connecting');
    this.timer = setInterval(() => this.onTick(), 500);
    this.timer.unref();
    this.sup.start();
  }

  async stop(): Promise<void> {
    this.wanted = false;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const stdin = this.stdin;
    this.stdin = null;
    stdin?.end(); // EOF lets ffmpeg finish the output cleanly; SIGTERM follows at once anyway
    await this.sup?.stop();
    this.setState(this.target ? 'stopped' : 'failed');
  }

  onGop(gop: Gop): void {
    if (gop !== this.latest && this.latest?.complete === true) this.measureInput(this.latest);
    this.latest = gop;
    if (!this.stdin) return;
    this.queue.offer(gop);
    this.pump();
  }

  /** Set by the ingest poller (stats URL). */
  setIngest(ingest: DestinationStatus['ingest']): void {
    this.ingest = ingest;
  }

  status(): DestinationStatus {
    const now = this.now();
    return {
      id: this.id,
      name: this.name,
      url: this.target?.displayUrl ?? '',
      state: this.state,
      bitrateKbps: this.rate.kbps(),
      bitrateHistory: this.rate.historyKbps(),
      reconnects: this.reconnects,
      lastError: this.lastError,
      uptimeS: this.state === 'live' ? Math.floor((now - this.liveSince) / 1000) : 0,
      backlogMs: Math.round(this.queue.backlogMs()),
      droppedGops: this.queue.droppedGops,
      droppedFrames: this.queue.droppedFrames,
      bytesSent: this.bytesSent,
      pid: this.pid,
      tool: this.driver?.tool ?? 'ffmpeg',
      srt: this.srt,
      ingest: this.ingest,
    };
  }

  private measureInput(gop: Gop): void {
    const ms = gop.lastMs - gop.startMs;
    if (ms > 200) this.inputKbps = Math.round((gop.bytes * 8) / ms);
  }

  private onStderr(line: string): void {
    this.lines.push(line);
    if (this.lines.length > 50) this.lines.shift();
    if (this.driver?.tool !== 'srt-live-transmit') return;
    if (SRT_CONNECTED.test(line)) {
      this.connected = true;
      this.onGrowth();
    } else if (SRT_REJECTED.test(line)) {
      // srt-live-transmit keeps running after a rejection: stop it now, the words come from this line.
      this.kill(describeFailure([line], null));
    }
  }

  /** srt-live-transmit's stats: one JSON line each time `-s` packets have gone. */
  private onSrtSample(sample: SrtSample): void {
    this.srt = accumulateSrtStats(this.srt, sample);
    if (sample.send.packets > 0 && this.connected) this.onGrowth();
  }

  private pollIngest(): void {
    const url = this.opts.statsUrl;
    const target = this.target;
    if (url === undefined || !target || this.ingestPolling || this.now() - this.ingestAt < 5000) return;
    this.ingestPolling = true;
    this.ingestAt = this.now();
    void pollIngest(url, ingestTarget(target, url)).then((status) => {
      this.ingestPolling = false;
      if (this.wanted) this.ingest = status;
    });
  }

  private onSpawn(stdin: Writable | null, stdout: Readable | null): void {
    this.spawns += 1;
    if (this.spawns > 1) this.reconnects += 1;
    this.spawnedAt = this.now();
    this.lines = [];
    this.lastSize = -1;
    this.killReason = null;
    this.connected = false;
    this.wentLive = false;
    this.srt = null;
    this.waitingDrain = false;
    if (this.driver?.tool === 'srt-live-transmit' && stdout) readSrtStats(stdout, (s) => this.onSrtSample(s));
    this.queue.reset();
    // Start with the GOP in progress: it begins with a keyframe, and ffmpeg can probe it at once.
    if (this.latest && !this.latest.complete) this.queue.offer(this.latest);
    this.stdin = stdin;
    stdin?.on('error', () => undefined); // EPIPE when ffmpeg dies: its exit is reported instead
    this.setState(this.spawns > 1 ? 'reconnecting' : 'connecting');
    this.pump();
  }

  private onProgress(sizeKiB: number | undefined): void {
    if (sizeKiB === undefined || !this.wanted) return;
    const grew = sizeKiB > this.lastSize && sizeKiB > 0;
    this.lastSize = sizeKiB;
    if (grew) this.onGrowth();
  }

  /** The link carries data: live (again). */
  private onGrowth(): void {
    if (!this.wanted) return;
    this.lastGrowthAt = this.now();
    if (this.state !== 'live') {
      this.liveSince = this.lastGrowthAt;
      this.wentLive = true;
      this.publishClosures = 0;
      this.setState('live');
    }
  }

  private onExit(): void {
    this.stdin = null;
    this.waitingDrain = false;
    this.queue.reset();
  }

  private onFailure(): void {
    this.sawDown = false;
    this.lastError = this.killReason ?? this.describeLines();
    // nginx-rtmp refusing a key (on_publish, allow/deny) just closes the connection after the handshake:
    // ffmpeg only says "Input/output error". The same, before any byte went out, several times in a row
    // while the server answers, is a refusal, not a network problem.
    const closedAtPublish =
      this.target?.kind === 'rtmp' &&
      this.killReason === null &&
      !this.wentLive &&
      this.lastError === 'connection lost: the server closed it';
    this.publishClosures = closedAtPublish ? this.publishClosures + 1 : 0;
    if (this.publishClosures >= 3)
      this.lastError = 'stream key rejected: the server closed the connection at publish, 3 times';
    this.opts.logger.warn(`destination ${this.name}: ${this.lastError}`);
    if (/rejected/.test(this.lastError)) {
      // The server refuses our credentials: retrying cannot help until the operator fixes them.
      this.rejected = true;
      this.wanted = false;
      if (this.timer) clearInterval(this.timer);
      this.timer = null;
      this.setState('failed');
      // Called from the supervisor's backing-off event, before it arms its retry timer: stop it after that.
      setImmediate(() => void this.sup?.stop());
      return;
    }
    this.setState('reconnecting');
  }

  private pump(): void {
    const stdin = this.stdin;
    if (!stdin || this.waitingDrain) return;
    while (stdin.writable && !stdin.writableNeedDrain) {
      const data = this.queue.take(WRITE_CHUNK);
      if (!data) return;
      this.bytesSent += data.length;
      this.rate.add(data.length);
      if (!stdin.write(data)) {
        this.waitingDrain = true;
        stdin.once('drain', () => {
          if (this.stdin !== stdin) return;
          this.waitingDrain = false;
          this.pump();
        });
        return;
      }
    }
  }

  private onTick(): void {
    const now = this.now();
    const stallMs = this.opts.stallTimeoutMs ?? 10_000;
    const connectMs = this.opts.connectTimeoutMs ?? 20_000;
    if (this.state === 'live' && now - this.lastGrowthAt > stallMs) {
      this.kill(`stalled: nothing sent for ${Math.round(stallMs / 1000)} s`);
    } else if (
      this.state !== 'live' &&
      this.stdin &&
      !(this.target?.listener ?? false) &&
      now - this.spawnedAt > connectMs
    ) {
      this.kill(`connection timed out after ${Math.round(connectMs / 1000)} s`);
    }
    if (this.sup?.state === 'backing-off' && this.target?.tcp === true) void this.probe(this.target);
    this.pollIngest();
    this.emitStatus();
  }

  private kill(reason: string): void {
    const pid = this.sup?.pid;
    if (pid === undefined) return;
    this.killReason = reason;
    (this.opts.kill ?? killTree)(pid, 'SIGKILL', 'tree');
  }

  /**
   * While backing off, every tick: once a TCP probe has found the server down, retry as soon as it answers
   * again instead of at the end of the backoff delay. A server that answers TCP but refuses us (bad key)
   * never looks down, so it keeps the normal backoff.
   */
  private async probe(target: DestinationTarget): Promise<void> {
    if (this.probing || !this.sup) return;
    this.probing = true;
    const up = await tcpReachable(target.host, target.port, 1000);
    this.probing = false;
    if (!up) this.sawDown = true;
    if (!up || !this.sawDown || !this.wanted || this.sup.state !== 'backing-off') return;
    this.opts.logger.info(
      `destination ${this.name}: ${target.host}:${target.port} answers again, reconnecting now`,
    );
    this.restartingNow = true;
    await this.sup.stop();
    this.restartingNow = false;
    if (this.isWanted()) this.sup.start();
  }

  private describeLines(): string {
    const words = describeFailure(this.lines, this.sup?.lastError ?? null);
    // srt-live-transmit says nothing when a caller gets no answer: it gives up after libsrt's 3 s.
    if (
      this.driver?.tool === 'srt-live-transmit' &&
      !this.connected &&
      !this.lines.some((l) => SRT_REJECTED.test(l))
    )
      return this.target?.listener === true
        ? 'SRT listener could not start'
        : 'no answer from the SRT listener';
    return words;
  }

  private isWanted(): boolean {
    return this.wanted;
  }

  private setState(state: DestinationState): void {
    if (state === this.state) return;
    this.state = state;
    if (state !== 'live') this.liveSince = 0;
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
