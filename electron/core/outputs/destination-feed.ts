// What one destination sends: its bounded queue of whole GOPs, written to the process's stdin in small chunks
// as fast as the pipe takes them, and counted on the way (bytes sent, bitrate, the program's own rate).
import type { Writable } from 'node:stream';
import { GopQueue } from './gop-queue.js';
import { RateMeter } from './rate-meter.js';
import type { Gop } from './ts-gop.js';

// Bytes handed to ffmpeg can no longer be dropped: keep what sits in Node's buffer small (the pipe holds 64 KiB).
const WRITE_CHUNK = 32 * 1024;

export class GopFeed {
  private readonly queue: GopQueue;
  readonly rate: RateMeter;
  private stdin: Writable | null = null;
  private waitingDrain = false;
  private latest: Gop | null = null;
  bytesSent = 0;
  /** The program's own rate, from the GOPs that pass by (sizes the SRT stats interval). */
  inputKbps: number | null = null;

  constructor(maxQueueMs: number, now: () => number) {
    this.queue = new GopQueue(maxQueueMs);
    this.rate = new RateMeter(now);
  }

  /** A process is reading (between its spawn and its exit or the stop). */
  get attached(): boolean {
    return this.stdin !== null;
  }

  get droppedGops(): number {
    return this.queue.droppedGops;
  }

  get droppedFrames(): number {
    return this.queue.droppedFrames;
  }

  backlogMs(): number {
    return this.queue.backlogMs();
  }

  /** A new start by the operator: the drop counters from zero. */
  resetDrops(): void {
    this.queue.droppedGops = 0;
    this.queue.droppedFrames = 0;
  }

  onGop(gop: Gop): void {
    if (gop !== this.latest && this.latest?.complete === true) this.measureInput(this.latest);
    this.latest = gop;
    if (!this.stdin) return;
    this.queue.offer(gop);
    this.pump();
  }

  /** A new process reads from scratch; call pump() to start writing. */
  attach(stdin: Writable | null): void {
    this.waitingDrain = false;
    this.queue.reset();
    // Start with the GOP in progress: it begins with a keyframe, and ffmpeg can probe it at once.
    if (this.latest && !this.latest.complete) this.queue.offer(this.latest);
    this.stdin = stdin;
    stdin?.on('error', () => undefined); // EPIPE when ffmpeg dies: its exit is reported instead
  }

  /** The process exited: nothing more to write to it. */
  detach(): void {
    this.stdin = null;
    this.waitingDrain = false;
    this.queue.reset();
  }

  /** Stopping: EOF lets ffmpeg finish the output cleanly. */
  end(): void {
    const stdin = this.stdin;
    this.stdin = null;
    stdin?.end();
  }

  pump(): void {
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

  private measureInput(gop: Gop): void {
    const ms = gop.lastMs - gop.startMs;
    if (ms > 200) this.inputKbps = Math.round((gop.bytes * 8) / ms);
  }
}
