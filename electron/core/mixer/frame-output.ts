// One raw video input of the encoder, as the mixer writes it: frames from a small pool, so that a frame is
// never overwritten while a pipe still holds it, through a pipe written by a native thread (native/pipes.ts)
// where the platform allows it, else through a Node stream (the child's stdin or an extra stdio pipe).
// The program uses one (fd 0); the slides track another (fd 4).
import type { Writable } from 'node:stream';
import {
  allocFrameBuffer,
  closeFd,
  FramePipeWriter,
  isNativeIoAvailable,
  makePipe,
} from '../../../native/pipes.js';

export class FrameOutput {
  readonly native: boolean;
  private stream: Writable | null = null;
  private writer: FramePipeWriter | null = null;
  private pendingFd: number | null = null;
  private readonly free: Buffer[] = [];
  private inFlight = 0;

  constructor(
    readonly frameBytes: number,
    private readonly poolSize: number,
    native = isNativeIoAvailable(),
  ) {
    this.native = native;
  }

  /** Native: a new pipe for the next launch; its read end (for the child) is returned, the write end kept. */
  openPipe(): number {
    if (this.pendingFd !== null) closeFd(this.pendingFd);
    const pipe = makePipe();
    this.pendingFd = pipe.write;
    return pipe.read;
  }

  /** The child started: write to the pipe opened for it, else to `stream` (its stdio pipe, if any). */
  attach(stream: Writable | null): void {
    this.inFlight = 0;
    if (this.pendingFd !== null) {
      this.writer = new FramePipeWriter(this.pendingFd);
      this.pendingFd = null;
    } else this.stream = stream;
  }

  /** The child exited. */
  detach(): void {
    this.stream = null;
    this.closeWriter();
  }

  /** Stopping: EOF on the stream, the native writer closed. */
  end(): void {
    this.stream?.end();
    this.closeWriter();
  }

  /** Something reads the frames (a running child). */
  get ready(): boolean {
    return this.writer !== null || this.stream !== null;
  }

  /** A buffer for the next frame, or null when nothing reads or the pool is all in flight. */
  acquire(): Buffer | null {
    if (this.writer !== null) this.recycle(this.writer.reclaim());
    else if (this.stream === null) return null;
    if (this.backlog() >= this.poolSize) return null;
    return this.free.pop() ?? allocFrameBuffer(this.frameBytes);
  }

  /** Gives a buffer from acquire() back unused. */
  release(frame: Buffer): void {
    this.free.push(frame);
  }

  /** Writes a buffer from acquire(); false (and the buffer taken back) when it could not be written. */
  write(frame: Buffer): boolean {
    if (this.writer !== null) {
      if (this.writer.write(frame)) return true;
      this.free.push(frame);
      return false;
    }
    const stream = this.stream;
    if (stream === null || !stream.writable) {
      this.free.push(frame);
      return false;
    }
    this.inFlight += 1;
    stream.write(frame, () => {
      this.inFlight -= 1;
      if (this.free.length < this.poolSize) this.free.push(frame);
    });
    return true;
  }

  /** Frames queued or being written. */
  backlog(): number {
    return this.writer !== null ? this.writer.inFlight : this.inFlight;
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
}
