// How a source's raw frames get from its ffmpeg into the core. Natively (POSIX): each launch gets a new
// pipe as its stdout, a native thread reads whole frames into a ring of pooled buffers, and the mixer
// latches the newest one at its tick: no JS work per chunk, one copy (kernel → ring). Elsewhere (Windows,
// or an addon without pipe I/O): Node's stdout stream, framed in JS into pooled buffers (two copies).
import type { ChildLike } from '../process/supervisor.js';
import {
  allocFrameBuffer,
  closeFd,
  FramePipeReader,
  isNativeIoAvailable,
  makePipe,
} from '../../../native/pipes.js';

export interface VideoIngest {
  /** Fds for the child's stdio at the next launch (native pipes), or undefined (Node's own pipes). */
  readonly stdioFds: (() => Record<number, number>) | undefined;
  onSpawn(child: ChildLike): void;
  onExit(): void;
  /** Takes the newest complete frame for this tick; it stays valid and unchanged until the next latch. */
  latch(): Buffer | null;
  /** Frames completed since creation, and when the last one completed (Date.now() ms; 0 = never). */
  progress(): { frames: number; lastFrameAt: number };
  close(): void;
}

export function createVideoIngest(frameBytes: number): VideoIngest {
  return isNativeIoAvailable() ? new NativeIngest(frameBytes) : new StreamIngest(frameBytes);
}

/** Ring of 4: a reader thread gets the 3 buffers that the consumer does not hold. */
const RING = 4;

export class NativeIngest implements VideoIngest {
  private readonly ring: Buffer[];
  private reader: FramePipeReader | null = null;
  private pendingFd: number | null = null;
  private latched: Buffer | null = null;
  private framesBefore = 0;
  private frames = 0;
  private lastFrameAt = 0;

  constructor(private readonly frameBytes: number) {
    this.ring = Array.from({ length: RING }, () => allocFrameBuffer(frameBytes));
  }

  readonly stdioFds = (): Record<number, number> => {
    this.closePending();
    const pipe = makePipe();
    this.pendingFd = pipe.read;
    return { 1: pipe.write };
  };

  onSpawn(): void {
    this.closeReader();
    if (this.pendingFd === null) return;
    // The buffer the mixer may still show (the last frame of the previous process) stays out of the ring.
    const ring = this.ring.filter((b) => b !== this.latched).slice(0, RING - 1);
    this.reader = new FramePipeReader(this.pendingFd, this.frameBytes, ring);
    this.pendingFd = null;
  }

  onExit(): void {
    this.closeReader();
    this.closePending();
  }

  latch(): Buffer | null {
    const next = this.reader?.latch() ?? null;
    if (next !== null) this.latched = next;
    return this.latched;
  }

  progress(): { frames: number; lastFrameAt: number } {
    const r = this.reader;
    if (r !== null) {
      const s = r.stats();
      const frames = this.framesBefore + s.frames;
      if (frames !== this.frames) {
        this.frames = frames;
        this.lastFrameAt = Date.now() - s.msSinceFrame;
      }
    }
    return { frames: this.frames, lastFrameAt: this.lastFrameAt };
  }

  close(): void {
    this.onExit();
  }

  private closeReader(): void {
    if (this.reader === null) return;
    this.progress();
    this.framesBefore = this.frames;
    this.reader.close();
    this.reader = null;
  }

  private closePending(): void {
    if (this.pendingFd !== null) closeFd(this.pendingFd);
    this.pendingFd = null;
  }
}

export class StreamIngest implements VideoIngest {
  readonly stdioFds = undefined;
  private readonly pool: Buffer[] = [];
  private filling: Buffer;
  private filled = 0;
  private latest: Buffer | null = null;
  private frames = 0;
  private lastFrameAt = 0;

  constructor(private readonly frameBytes: number) {
    this.filling = Buffer.allocUnsafe(frameBytes);
  }

  onSpawn(child: ChildLike): void {
    this.filled = 0;
    child.stdout?.on('data', (chunk: Buffer) => this.onData(chunk));
  }

  onExit(): void {
    this.filled = 0;
  }

  latch(): Buffer | null {
    return this.latest;
  }

  progress(): { frames: number; lastFrameAt: number } {
    return { frames: this.frames, lastFrameAt: this.lastFrameAt };
  }

  close(): void {
    this.filled = 0;
  }

  private onData(chunk: Buffer): void {
    let offset = 0;
    while (offset < chunk.length) {
      const n = Math.min(this.frameBytes - this.filled, chunk.length - offset);
      chunk.copy(this.filling, this.filled, offset, offset + n);
      this.filled += n;
      offset += n;
      if (this.filled === this.frameBytes) {
        // Double-buffering from a small pool: the mixer reads `latest` while the next frame fills.
        if (this.latest) this.pool.push(this.latest);
        this.latest = this.filling;
        this.filling = this.pool.pop() ?? Buffer.allocUnsafe(this.frameBytes);
        this.filled = 0;
        this.frames += 1;
        this.lastFrameAt = Date.now();
      }
    }
  }
}
