// Raw frames through pipes in native threads (POSIX): a pipe made here is handed to ffmpeg as one of
// its stdio fds; a FramePipeReader reads whole frames from the other end into a small ring of pooled
// buffers (the consumer latches the newest one), a FramePipeWriter writes queued frames. The Node event
// loop does no per-chunk work: 82 MB/s of source video and 41 MB/s to the encoder never enter a stream.
import { closeSync } from 'node:fs';
import type { NativeFrameReader, NativeFrameWriter, NativeReaderStats, NativeWriterStats } from './load.js';
import { loadAddon } from './load.js';

export type { NativeReaderStats, NativeWriterStats } from './load.js';

/** Pipe capacity asked for (Linux caps it at /proc/sys/fs/pipe-max-size, 1 MiB by default). */
export const PIPE_CAPACITY = 1 << 20;

/** True when the addon has native pipe I/O and the platform supports it (not Windows). */
export function isNativeIoAvailable(): boolean {
  if (process.platform === 'win32') return false;
  try {
    const a = loadAddon();
    return a.makePipe !== undefined && a.FrameReader !== undefined && a.FrameWriter !== undefined;
  } catch {
    return false;
  }
}

function addonIo(): Required<Pick<ReturnType<typeof loadAddon>, 'makePipe' | 'FrameReader' | 'FrameWriter'>> {
  const a = loadAddon();
  if (a.makePipe === undefined || a.FrameReader === undefined || a.FrameWriter === undefined)
    throw new Error('the native compositor has no pipe I/O: rebuild it with `npm run build:native`');
  return { makePipe: a.makePipe, FrameReader: a.FrameReader, FrameWriter: a.FrameWriter };
}

/** A new pipe (both ends close-on-exec, capacity raised). The caller owns both fds. */
export function makePipe(capacity = PIPE_CAPACITY): { read: number; write: number; capacity: number } {
  return addonIo().makePipe(capacity);
}

/**
 * A buffer for whole frames that threads stream through: on Linux, 2 MiB-aligned memory advised for
 * transparent huge pages (halves the cost of the kernel's copy out of a pipe: far fewer TLB misses);
 * the size is rounded up to 2 MiB in memory. Elsewhere a plain Buffer.
 */
export function allocFrameBuffer(bytes: number): Buffer {
  try {
    const alloc = loadAddon().allocHugeBuffer;
    if (alloc !== undefined) return alloc(bytes);
  } catch {
    // no addon: a plain buffer
  }
  return Buffer.allocUnsafeSlow(bytes);
}

/** Closes an fd, ignoring one already closed. */
export function closeFd(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // already closed
  }
}

/**
 * Reads frames of `frameBytes` from `fd` (which it owns from now on) in a native thread into `ring`
 * (at least 3 buffers). latch() gives the newest complete frame and keeps it untouched until the next
 * latch(): the thread writes only into the other buffers.
 */
export class FramePipeReader {
  private readonly native: NativeFrameReader;
  private closed = false;

  constructor(
    fd: number,
    readonly frameBytes: number,
    readonly ring: readonly Buffer[],
  ) {
    this.native = new (addonIo().FrameReader)(fd, frameBytes, ring);
  }

  /** The newest complete frame (held until the next latch), or null before the first one. */
  latch(): Buffer | null {
    if (this.closed) return null;
    const i = this.native.latch();
    return i >= 0 ? (this.ring[i] ?? null) : null;
  }

  stats(): NativeReaderStats {
    return this.native.stats();
  }

  /** Stops the thread and closes the fd (the ring may be reused by another reader afterwards). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.native.close();
  }
}

/**
 * Writes buffers to `fd` (which it owns from now on) in a native thread, in order. A buffer stays
 * referenced, and must not be changed, until reclaim() hands it back.
 */
export class FramePipeWriter {
  private readonly native: NativeFrameWriter;
  private readonly pending = new Map<number, Buffer>();
  private nextId = 0;

  constructor(fd: number) {
    this.native = new (addonIo().FrameWriter)(fd);
  }

  /** Queues a buffer; false (not queued) once the pipe broke or the writer closed. */
  write(data: Buffer): boolean {
    const id = this.nextId;
    this.nextId = (this.nextId + 1) >>> 0;
    if (!this.native.write(data, id)) return false;
    this.pending.set(id, data);
    return true;
  }

  /** The buffers written (or dropped) since the last call: free to reuse. */
  reclaim(): Buffer[] {
    return this.take(this.native.takeDone());
  }

  /** Buffers queued or being written. */
  get inFlight(): number {
    return this.pending.size;
  }

  stats(): NativeWriterStats {
    return this.native.stats();
  }

  /** Stops the thread, drops the queue and closes the fd; returns every buffer still held. */
  close(): Buffer[] {
    return this.take(this.native.close());
  }

  private take(ids: readonly number[]): Buffer[] {
    const out: Buffer[] = [];
    for (const id of ids) {
      const b = this.pending.get(id);
      if (b === undefined) continue;
      this.pending.delete(id);
      out.push(b);
    }
    return out;
  }
}
