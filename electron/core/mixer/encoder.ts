// The encoder: one supervised ffmpeg that takes the raw program (video on stdin, PCM on fd 3) and gives
// MPEG-TS on stdout. Program frames come from a small pool so that a frame is never overwritten while a
// pipe still holds it. When the encoder falls behind, whole ticks (video and audio together, so lip-sync
// holds) are dropped and counted; while it restarts, ticks are discarded and the clock keeps going.
// Video goes through a pipe written by a native thread (native/pipes.ts) where the platform allows it,
// so that 41 MB/s (720p30) to 93 MB/s (1080p30) never pass through a Node stream; else through stdin.
import type { Writable } from 'node:stream';
import type { Logger } from '../log/logger.js';
import { Supervisor } from '../process/supervisor.js';
import type { ProcessState } from '../../shared/state.js';
import { TypedEmitter } from '../process/emitter.js';
import type { EncoderSettings, ProgramFormat } from './encoder-args.js';
import { encoderArgs, trackCount } from './encoder-args.js';
import {
  allocFrameBuffer,
  closeFd,
  FramePipeWriter,
  isNativeIoAvailable,
  makePipe,
} from '../../../native/pipes.js';

export interface EncoderStatus {
  process: ProcessState;
  lastError: string | null;
  restarts: number;
  framesIn: number;
  droppedTicks: number;
  backlogFrames: number;
  speed: number | null;
  fps: number | null;
  bitrateKbps: number | null;
}

export interface EncoderEvents extends Record<string, unknown> {
  ts: Buffer;
  restart: { pid: number | undefined };
  status: EncoderStatus;
}

export class Encoder extends TypedEmitter<EncoderEvents> {
  private readonly supervisor: Supervisor;
  private video: Writable | null = null;
  private writer: FramePipeWriter | null = null;
  private pendingFd: number | null = null;
  private readonly native = isNativeIoAvailable();
  private audio: Writable | null = null;
  private readonly free: Buffer[] = [];
  private inFlight = 0;
  private framesIn = 0;
  private droppedTicks = 0;
  private progress: { speed: number | null; fps: number | null; bitrateKbps: number | null } = {
    speed: null,
    fps: null,
    bitrateKbps: null,
  };
  readonly frameBytes: number;
  private spawnedTracks = 1;

  constructor(
    ffmpeg: string,
    private readonly program: ProgramFormat,
    private settings: EncoderSettings,
    private readonly logger: Logger,
    private readonly poolSize = 12,
  ) {
    super();
    this.frameBytes = (program.width * program.height * 3) / 2;
    this.supervisor = new Supervisor({
      name: 'encoder',
      command: ffmpeg,
      args: () => {
        this.spawnedTracks = trackCount(this.settings);
        return encoderArgs(this.program, this.settings, ['-stats', '-stats_period', '1']);
      },
      logger,
      quitWithQ: false,
      extraStdio: ['pipe'],
      backoff: { initialMs: 300, maxMs: 5000, stableMs: 10_000 },
      stopTimeouts: { termMs: 1500 },
      ...(this.native ? { stdioFds: () => this.openPipe() } : {}),
    });
    this.supervisor.on('spawn', ({ pid, child }) => {
      if (this.pendingFd !== null) {
        this.writer = new FramePipeWriter(this.pendingFd);
        this.pendingFd = null;
      } else this.video = child.stdin;
      this.audio = (child.stdio?.[3] as Writable | undefined) ?? null;
      this.audio?.on('error', () => undefined);
      this.inFlight = 0;
      child.stdout?.on('data', (chunk: Buffer) => this.emit('ts', chunk));
      this.emit('restart', { pid });
    });
    this.supervisor.on('exit', () => {
      this.video = null;
      this.audio = null;
      this.closeWriter();
    });
    this.supervisor.on('progress', (p) => {
      this.progress = { speed: p.speed ?? null, fps: p.fps ?? null, bitrateKbps: p.bitrateKbps ?? null };
    });
    this.supervisor.on('state', () => this.emit('status', this.status()));
  }

  /** The audio tracks the running ffmpeg takes (the mixer interleaves this many; 2 channels each). */
  get audioTracks(): number {
    return this.spawnedTracks;
  }

  get pid(): number | undefined {
    return this.supervisor.pid;
  }

  start(): void {
    this.supervisor.start();
  }

  stop(): Promise<void> {
    this.video?.end();
    this.closeWriter();
    this.audio?.end();
    return this.supervisor.stop();
  }

  /** A new pipe for the next launch: its read end becomes the child's stdin, the write end the writer's. */
  private openPipe(): Record<number, number> {
    if (this.pendingFd !== null) closeFd(this.pendingFd);
    const pipe = makePipe();
    this.pendingFd = pipe.write;
    return { 0: pipe.read };
  }

  private closeWriter(): void {
    if (this.pendingFd !== null) closeFd(this.pendingFd);
    this.pendingFd = null;
    if (this.writer === null) return;
    this.recycle(this.writer.close());
    this.writer = null;
  }

  private recycle(buffers: readonly Buffer[]): void {
    for (const b of buffers) if (this.free.length < this.poolSize) this.free.push(b);
  }

  /** New settings: the encoder restarts with them (the outputs see one short gap). */
  async reconfigure(settings: EncoderSettings): Promise<void> {
    this.settings = settings;
    if (this.supervisor.state !== 'stopped') await this.supervisor.restart();
  }

  /** A buffer for the next program frame, or null when the encoder is too far behind (drop this tick). */
  acquire(): Buffer | null {
    if (this.writer !== null) this.recycle(this.writer.reclaim());
    else if (this.video === null) return null;
    if (this.backlog() >= this.poolSize) return null;
    return this.free.pop() ?? allocFrameBuffer(this.frameBytes);
  }

  private backlog(): number {
    return this.writer !== null ? this.writer.inFlight : this.inFlight;
  }

  /** Hands one tick (a frame from acquire(), and its audio block) to the encoder. */
  write(frame: Buffer, audio: Int16Array): void {
    const pcm = this.audio;
    if (this.writer !== null && pcm !== null) {
      if (this.writer.write(frame)) this.framesIn += 1;
      else this.free.push(frame);
      pcm.write(Buffer.from(audio.buffer, audio.byteOffset, audio.byteLength));
      return;
    }
    const video = this.video;
    if (video === null || pcm === null || !video.writable) {
      this.free.push(frame);
      return;
    }
    this.inFlight += 1;
    this.framesIn += 1;
    video.write(frame, () => {
      this.inFlight -= 1;
      if (this.free.length < this.poolSize) this.free.push(frame);
    });
    // A copy: the mixer reuses its block, and a pipe that is full queues the buffer as it is.
    pcm.write(Buffer.from(new Uint8Array(audio.buffer, audio.byteOffset, audio.byteLength)));
  }

  /** Counts a tick the encoder could not take. */
  dropTick(): void {
    if (this.video !== null || this.writer !== null) this.droppedTicks += 1;
  }

  status(): EncoderStatus {
    return {
      process: this.supervisor.state,
      lastError: this.supervisor.lastError,
      restarts: this.supervisor.restarts,
      framesIn: this.framesIn,
      droppedTicks: this.droppedTicks,
      backlogFrames: this.backlog(),
      ...this.progress,
    };
  }
}
