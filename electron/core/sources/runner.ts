// One source = one supervised ffmpeg writing raw I420 frames at the program format to its stdout.
// The runner cuts the byte stream into frames, keeps the newest one for the mixer, and watches the
// signal: no frame for 500 ms means "no-signal". The supervisor restarts the process with backoff.
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
  private readonly frameSize: number;
  private pool: Buffer[] = [];
  private filling: Buffer;
  private filled = 0;
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

  constructor(
    private source: Source,
    private readonly opts: SourceRunnerOptions,
  ) {
    const { width, height } = opts.program;
    this.videoDelay.setDelayMs(-Math.min(0, source.mixer.delayMs));
    this.frameSize = (width * height * 3) / 2;
    this.filling = Buffer.allocUnsafe(this.frameSize);
    this.supervisor = new Supervisor({
      name: `source:${source.id}`,
      command: opts.ffmpeg,
      args: () => sourceArgs(this.source, opts.program, { devices: opts.devices?.() }),
      logger: opts.logger,
      quitWithQ: true,
      extraStdio: ['pipe'],
      backoff: { initialMs: 1000, maxMs: 10_000 },
    });
    this.supervisor.on('spawn', ({ child }) => {
      this.spawnedAt = Date.now();
      this.filled = 0;
      this.audio.clear();
      child.stdout?.on('data', (chunk: Buffer) => this.onData(chunk));
      (child.stdio?.[3] as Readable | undefined)?.on('data', (chunk: Buffer) => this.audio.pushBytes(chunk));
    });
    this.supervisor.on('state', () => this.publish());
  }

  get id(): string {
    return this.source.id;
  }

  /** The newest complete frame, or null while there is no signal (the mixer shows the slate). */
  latestFrame(): Buffer | null {
    const live = this.lastFrameAt > 0 && Date.now() - this.lastFrameAt < NO_SIGNAL_MS;
    return live ? this.videoDelay.current(Date.now()) : null;
  }

  /** Called by the mixer once per program frame: counts repeated and skipped source frames. */
  tick(): void {
    const fresh = this.framesIn - this.framesAtLastTick;
    this.framesAtLastTick = this.framesIn;
    if (this.latest === null) return;
    if (fresh === 0) this.repeated += 1;
    else if (fresh > 1) this.dropped += fresh - 1;
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

  private onData(chunk: Buffer): void {
    let offset = 0;
    while (offset < chunk.length) {
      const n = Math.min(this.frameSize - this.filled, chunk.length - offset);
      chunk.copy(this.filling, this.filled, offset, offset + n);
      this.filled += n;
      offset += n;
      if (this.filled === this.frameSize) this.completeFrame();
    }
  }

  private completeFrame(): void {
    // Buffers from a small pool: the mixer reads the current frame (the newest, or an older one for a
    // video delay) while the next one fills; frames no longer shown come back to the pool.
    for (const done of this.videoDelay.push(this.filling, Date.now())) this.pool.push(done);
    this.latest = this.filling;
    this.filling = this.pool.pop() ?? Buffer.allocUnsafe(this.frameSize);
    this.filled = 0;
    this.framesIn += 1;
    this.lastFrameAt = Date.now();
    if (this.status.status !== 'live') this.publish();
  }

  private spawnedAt = 0;
  private restarting = false;

  private checkSignal(): void {
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
    };
    this.opts.onStatus(this.status);
  }
}
