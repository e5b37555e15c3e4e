// The encoder: one supervised ffmpeg that takes the raw program (video on stdin, PCM on fd 3, and the slides
// track's frames on fd 4 when there is one) and gives MPEG-TS on stdout. Frames go through FrameOutputs
// (frame-output.ts): pooled buffers, written by a native thread where the platform allows it, so that 41 MB/s
// (720p30) to 93 MB/s (1080p30) never pass through a Node stream. When the encoder falls behind, whole ticks
// (video, slides and audio together, so lip-sync and the slides' alignment hold) are dropped and counted;
// while it restarts, ticks are discarded and the clock keeps going.
import type { Writable } from 'node:stream';
import type { Logger } from '../log/logger.js';
import { Supervisor } from '../process/supervisor.js';
import type { ProcessState } from '../../shared/state.js';
import { TypedEmitter } from '../process/emitter.js';
import type { EncoderSettings, ProgramFormat } from './encoder-args.js';
import { encoderArgs, slidesInterval, trackCount } from './encoder-args.js';
import { FrameOutput } from './frame-output.js';

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

/** The buffers of one tick: the program frame, and the slides frame when one is due with it. */
export interface TickBuffers {
  program: Buffer;
  slides: Buffer | null;
}

/** Slides frames in flight at most (one goes out every few ticks; ffmpeg reads it at once). */
const SLIDES_POOL = 3;

export class Encoder extends TypedEmitter<EncoderEvents> {
  private readonly supervisor: Supervisor;
  private readonly video: FrameOutput;
  private readonly slides: FrameOutput;
  private audio: Writable | null = null;
  private framesIn = 0;
  private droppedTicks = 0;
  private progress: { speed: number | null; fps: number | null; bitrateKbps: number | null } = {
    speed: null,
    fps: null,
    bitrateKbps: null,
  };
  readonly frameBytes: number;
  private spawnedTracks = 1;
  /** Every how many program frames the running ffmpeg takes a slides frame (0: no slides track). */
  private spawnedSlidesEvery = 0;
  /** Program frames written to the running ffmpeg: the slides frames go with every n-th. */
  private ticksWritten = 0;

  constructor(
    ffmpeg: string,
    private readonly program: ProgramFormat,
    private settings: EncoderSettings,
    logger: Logger,
    poolSize = 12,
  ) {
    super();
    this.frameBytes = (program.width * program.height * 3) / 2;
    this.video = new FrameOutput(this.frameBytes, poolSize);
    this.slides = new FrameOutput(this.frameBytes, SLIDES_POOL, this.video.native);
    const native = this.video.native;
    this.supervisor = new Supervisor({
      name: 'encoder',
      command: ffmpeg,
      args: () => {
        this.spawnedTracks = trackCount(this.settings);
        this.spawnedSlidesEvery = slidesInterval(this.program, this.settings);
        return encoderArgs(this.program, this.settings, ['-stats', '-stats_period', '1']);
      },
      logger,
      quitWithQ: false,
      extraStdio: () => (this.spawnedSlidesEvery > 0 && !native ? ['pipe', 'pipe'] : ['pipe']),
      backoff: { initialMs: 300, maxMs: 5000, stableMs: 10_000 },
      stopTimeouts: { termMs: 1500 },
      ...(native ? { stdioFds: () => this.openPipes() } : {}),
    });
    this.supervisor.on('spawn', ({ pid, child }) => {
      const slidesStream = this.spawnedSlidesEvery > 0 ? (child.stdio?.[4] as Writable | undefined) : null;
      slidesStream?.on('error', () => undefined);
      this.video.attach(child.stdin);
      this.slides.attach(slidesStream ?? null);
      this.audio = (child.stdio?.[3] as Writable | undefined) ?? null;
      this.audio?.on('error', () => undefined);
      this.ticksWritten = 0;
      child.stdout?.on('data', (chunk: Buffer) => this.emit('ts', chunk));
      this.emit('restart', { pid });
    });
    this.supervisor.on('exit', () => {
      this.audio = null;
      this.video.detach();
      this.slides.detach();
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
    this.video.end();
    this.slides.end();
    this.audio?.end();
    return this.supervisor.stop();
  }

  /** New pipes for the next launch: their read ends become the child's stdin (and fd 4 for the slides). */
  private openPipes(): Record<number, number> {
    const fds: Record<number, number> = { 0: this.video.openPipe() };
    if (this.spawnedSlidesEvery > 0) fds[4] = this.slides.openPipe();
    return fds;
  }

  /** New settings: the encoder restarts with them (the outputs see one short gap). */
  async reconfigure(settings: EncoderSettings): Promise<void> {
    this.settings = settings;
    if (this.supervisor.state !== 'stopped') await this.supervisor.restart();
  }

  /**
   * Buffers for the next tick (with a slides frame when one is due with it), or null when the encoder is
   * too far behind (drop this tick).
   */
  acquire(): TickBuffers | null {
    const program = this.video.acquire();
    if (program === null) return null;
    const every = this.spawnedSlidesEvery;
    if (every === 0 || this.ticksWritten % every !== 0) return { program, slides: null };
    const slides = this.slides.acquire();
    if (slides !== null) return { program, slides };
    // The slides frame cannot go with this program frame: both wait, or the slides would run late.
    this.video.release(program);
    return null;
  }

  /** Hands one tick (buffers from acquire(), and its audio block) to the encoder. */
  write(tick: TickBuffers, audio: Int16Array): void {
    const pcm = this.audio;
    if (pcm === null || !this.video.write(tick.program)) {
      if (pcm === null) this.video.release(tick.program);
      if (tick.slides !== null) this.slides.release(tick.slides);
      return;
    }
    this.framesIn += 1;
    this.ticksWritten += 1;
    if (tick.slides !== null) this.slides.write(tick.slides);
    // A copy: the mixer reuses its block, and a pipe that is full queues the buffer as it is.
    pcm.write(Buffer.from(new Uint8Array(audio.buffer, audio.byteOffset, audio.byteLength)));
  }

  /** Counts a tick the encoder could not take. */
  dropTick(): void {
    if (this.video.ready) this.droppedTicks += 1;
  }

  status(): EncoderStatus {
    return {
      process: this.supervisor.state,
      lastError: this.supervisor.lastError,
      restarts: this.supervisor.restarts,
      framesIn: this.framesIn,
      droppedTicks: this.droppedTicks,
      backlogFrames: this.video.backlog(),
      ...this.progress,
    };
  }
}
