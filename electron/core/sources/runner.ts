// One source = one supervised ffmpeg writing raw I420 frames at the program format to its stdout.
// Its video ingest (native reader thread, see video-ingest.ts) keeps the newest whole frame; the mixer
// latches it at each tick. The runner watches the signal: no frame for 500 ms means "no-signal". The
// supervisor restarts the process with backoff.
import type { CaptureDevice } from '../../shared/devices.js';
import type { Source } from '../../shared/show.js';
import type { SourceStatus } from '../../shared/state.js';
import type { Logger } from '../log/logger.js';
import { Supervisor } from '../process/supervisor.js';
import type { Readable } from 'node:stream';
import { AudioQueue } from '../mixer/audio-queue.js';
import { FrameDelay } from '../sync/frame-delay.js';
import type { ProgramFormat } from './args.js';
import { sourceArgs } from './args.js';
import type { VideoIngest } from './video-ingest.js';
import { createVideoIngest } from './video-ingest.js';

export const NO_SIGNAL_MS = 500;
/** A process that runs but delivers nothing for this long is restarted (a fill-in input can outlive the real one). */
export const STALL_RESTART_MS = 10_000;

export interface SourceRunnerOptions {
  ffmpeg: string;
  program: ProgramFormat;
  logger: Logger;
  onStatus: (status: SourceStatus) => void;
  /** The last device enumeration: how device ids open, and their modes. */
  devices?: () => readonly CaptureDevice[];
}

export class SourceRunner {
  private readonly supervisor: Supervisor;
  private readonly ingest: VideoIngest;
  private latest: Buffer | null = null;
  private lastFrameAt = 0;
  private watchdog: NodeJS.Timeout | null = null;
  private status: SourceStatus = {
    status: 'starting',
    process: 'stopped',
    lastError: null,
    restarts: 0,
    framesIn: 0,
    repeated: 0,
    dropped: 0,
    driftPpm: 0,
    queueMs: 0,
    audioUnderruns: 0,
    audioSkips: 0,
  };
  private framesIn = 0;
  /** Frames the mixer repeated (no new frame at its tick) or skipped (more than one new frame). */
  repeated = 0;
  dropped = 0;
  private framesAtLastTick = 0;
  /** This source's audio (48 kHz stereo s16 from fd 3), pulled by the mixer. */
  readonly audio = new AudioQueue();
  /** Video held back for a negative sync offset (the audio arrives late). */
  private readonly videoDelay = new FrameDelay();
  private readonly delayPool: Buffer[] = [];
  private readonly frameSize: number;

  constructor(
    private source: Source,
    private readonly opts: SourceRunnerOptions,
  ) {
    const { width, height } = opts.program;
    this.frameSize = (width * height * 3) / 2;
    this.ingest = createVideoIngest(this.frameSize);
    this.videoDelay.setDelayMs(-Math.min(0, source.mixer.delayMs));
    this.supervisor = new Supervisor({
      name: `source:${source.id}`,
      command: opts.ffmpeg,
      args: () => sourceArgs(this.source, opts.program, { devices: opts.devices?.() }),
      logger: opts.logger,
      quitWithQ: true,
      extraStdio: ['pipe'],
      backoff: { initialMs: 1000, maxMs: 10_000 },
      ...(this.ingest.stdioFds ? { stdioFds: this.ingest.stdioFds } : {}),
    });
    this.supervisor.on('spawn', ({ child }) => {
      this.spawnedAt = Date.now();
      this.audio.clear();
      this.ingest.onSpawn(child);
      (child.stdio?.[3] as Readable | undefined)?.on('data', (chunk: Buffer) => this.audio.pushBytes(chunk));
    });
    this.supervisor.on('exit', () => this.ingest.onExit());
    this.supervisor.on('state', () => this.publish());
  }

  get id(): string {
    return this.source.id;
  }

  /**
   * The frame latched at the last tick, or null while there is no signal (the mixer shows the slate).
   * Valid until the next tick: use it synchronously, never keep it.
   */
  latestFrame(): Buffer | null {
    const live = this.lastFrameAt > 0 && Date.now() - this.lastFrameAt < NO_SIGNAL_MS;
    if (!live) return null;
    return this.videoDelay.delayMs > 0 ? this.videoDelay.current(Date.now()) : this.latest;
  }

  /** Called by the mixer once per program frame: latches the newest frame, counts repeated and skipped ones. */
  tick(): void {
    this.latest = this.ingest.latch();
    this.pollIngest();
    const fresh = this.framesIn - this.framesAtLastTick;
    this.framesAtLastTick = this.framesIn;
    if (this.latest === null) return;
    if (fresh > 0 && this.videoDelay.delayMs > 0) this.holdBack(this.latest);
    if (fresh === 0) this.repeated += 1;
    else if (fresh > 1) this.dropped += fresh - 1;
    if (this.status.status !== 'live' && fresh > 0) this.publish();
  }

  /** Milliseconds since the frame returned by latestFrame() arrived (0 under a video delay: not known). */
  frameAgeMs(): number {
    if (this.videoDelay.delayMs > 0 || this.lastFrameAt === 0) return 0;
    return Math.max(0, Date.now() - this.lastFrameAt);
  }

  /**
   * A negative sync offset: the latched frame is only valid until the next tick, so a delayed picture is
   * copied into a small pool of our own (the only extra copy, and only while a video delay is set).
   */
  private holdBack(frame: Buffer): void {
    const copy = this.delayPool.pop() ?? Buffer.allocUnsafe(this.frameSize);
    frame.copy(copy);
    for (const done of this.videoDelay.push(copy, Date.now())) this.delayPool.push(done);
  }

  private pollIngest(): void {
    const p = this.ingest.progress();
    this.framesIn = p.frames;
    this.lastFrameAt = p.lastFrameAt;
  }

  get name(): string {
    return this.source.name;
  }

  start(): void {
    this.supervisor.start();
    this.watchdog = setInterval(() => this.checkSignal(), 100);
    this.publish();
  }

  async stop(): Promise<void> {
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
    await this.supervisor.stop();
    this.ingest.close();
  }

  /** Restart now, skipping any backoff wait (its device has just come back). */
  async restartNow(): Promise<void> {
    if (this.supervisor.state !== 'stopped') await this.supervisor.restart();
  }

  /** The mixer settings changed (no restart): a negative sync offset delays the video. */
  setMixer(source: Source): void {
    this.source = source;
    this.videoDelay.setDelayMs(-Math.min(0, source.mixer.delayMs));
  }

  /** New settings apply by restarting the process (the slate covers the gap). */
  async update(source: Source): Promise<void> {
    this.setMixer(source);
    if (this.supervisor.state !== 'stopped') await this.supervisor.restart();
  }

  private spawnedAt = 0;
  private restarting = false;

  private checkSignal(): void {
    this.pollIngest();
    const since = Math.max(this.lastFrameAt, this.spawnedAt);
    if (
      this.supervisor.state === 'running' &&
      since > 0 &&
      Date.now() - since > STALL_RESTART_MS &&
      !this.restarting
    ) {
      this.restarting = true;
      this.opts.logger.warn(`no frame for ${STALL_RESTART_MS / 1000} s: restarting the source`);
      void this.supervisor.restart().finally(() => (this.restarting = false));
    }
    const live = this.lastFrameAt > 0 && Date.now() - this.lastFrameAt < NO_SIGNAL_MS;
    const expected = live
      ? 'live'
      : this.lastFrameAt === 0 && this.supervisor.state !== 'backing-off'
        ? 'starting'
        : 'no-signal';
    if (expected !== this.status.status || this.framesIn - this.status.framesIn >= this.opts.program.fps)
      this.publish();
  }

  private publish(): void {
    const sup = this.supervisor;
    const live = this.lastFrameAt > 0 && Date.now() - this.lastFrameAt < NO_SIGNAL_MS;
    let status: SourceStatus['status'];
    if (sup.state === 'failed') status = 'failed';
    else if (live) status = 'live';
    else if (this.lastFrameAt === 0 && sup.lastError === null) status = 'starting';
    else status = 'no-signal';
    this.status = {
      status,
      process: sup.state,
      lastError: sup.lastError,
      restarts: sup.restarts,
      framesIn: this.framesIn,
      repeated: this.repeated,
      dropped: this.dropped,
      driftPpm: this.audio.driftPpm,
      queueMs: this.audio.queueMs,
      audioUnderruns: this.audio.underruns,
      audioSkips: this.audio.overruns,
    };
    this.opts.onStatus(this.status);
  }
}
