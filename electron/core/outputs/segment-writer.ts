// Serial, asynchronous file writes for the recorder: open / write / close / tasks run one at a time, off the
// push path. Data is fsync'ed about every fsyncMs. Errors (disk full, disk removed) go to onError: the
// data of a failed write is dropped and counted, and the next writes try again.
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { TS_PACKET } from './ts.js';

type Op =
  | { kind: 'open'; path: string }
  | { kind: 'data'; parts: Buffer[]; bytes: number }
  | { kind: 'sync' }
  | { kind: 'close' }
  | { kind: 'task'; fn: () => Promise<void> };

export interface SegmentWriterOptions {
  onError: (message: string) => void;
  fsyncMs?: number;
  openFile?: (path: string) => Promise<FileHandle>;
  now?: () => number;
}

const FS_ERRORS: Record<string, string> = {
  ENOSPC: 'disk full',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  EIO: 'I/O error (disk removed?)',
  ENOENT: 'directory missing',
  EEXIST: 'file already exists',
};

export function describeFsError(err: unknown, what: string): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  const words = code !== undefined ? FS_ERRORS[code] : undefined;
  return `${words ?? (err instanceof Error ? err.message : String(err))} (${what})`;
}

export class SegmentWriter {
  private ops: Op[] = [];
  private running = false;
  private file: { fh: FileHandle; path: string; size: number } | null = null;
  private dirty = false;
  private lastSync = 0;
  private readonly timer: NodeJS.Timeout;
  private idleWaiters: (() => void)[] = [];
  private readonly now: () => number;
  private readonly fsyncMs: number;
  bytesWritten = 0;
  droppedBytes = 0;
  pendingBytes = 0;

  constructor(private readonly opts: SegmentWriterOptions) {
    this.now = opts.now ?? Date.now;
    this.fsyncMs = opts.fsyncMs ?? 1000;
    this.timer = setInterval(() => {
      if (this.dirty && !this.running) this.push({ kind: 'sync' });
    }, this.fsyncMs);
    this.timer.unref();
  }

  open(path: string): void {
    this.push({ kind: 'open', path });
  }

  write(parts: readonly Buffer[]): void {
    const bytes = parts.reduce((n, p) => n + p.length, 0);
    if (bytes === 0) return;
    this.pendingBytes += bytes;
    const last = this.ops[this.ops.length - 1];
    if (last?.kind === 'data') {
      last.parts.push(...parts);
      last.bytes += bytes;
    } else {
      this.push({ kind: 'data', parts: [...parts], bytes });
    }
  }

  close(): void {
    this.push({ kind: 'close' });
  }

  /** Runs fn in order with the file operations (e.g. update the marker once a segment is open). */
  task(fn: () => Promise<void>): void {
    this.push({ kind: 'task', fn });
  }

  /** Resolves when every queued operation has run. */
  idle(): Promise<void> {
    if (!this.running && this.ops.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Close and stop the fsync timer; resolves when the file is closed. */
  async dispose(): Promise<void> {
    this.close();
    await this.idle();
    clearInterval(this.timer);
  }

  private push(op: Op): void {
    this.ops.push(op);
    if (!this.running) void this.run();
  }

  private async run(): Promise<void> {
    this.running = true;
    for (let op = this.ops.shift(); op; op = this.ops.shift()) {
      try {
        await this.exec(op);
      } catch (err) {
        this.opts.onError(err instanceof Error ? err.message : String(err));
      }
    }
    this.running = false;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  private async exec(op: Op): Promise<void> {
    switch (op.kind) {
      case 'open':
        await this.closeFile();
        try {
          const fh = await (this.opts.openFile ?? ((p: string) => open(p, 'wx')))(op.path);
          this.file = { fh, path: op.path, size: 0 };
          await syncDir(dirname(op.path));
        } catch (err) {
          this.opts.onError(describeFsError(err, `opening ${op.path}`));
        }
        return;
      case 'data':
        this.pendingBytes -= op.bytes;
        await this.writeData(op.parts, op.bytes);
        return;
      case 'sync':
        await this.sync();
        return;
      case 'close':
        await this.closeFile();
        return;
      case 'task':
        await op.fn();
        return;
    }
  }

  private async writeData(parts: Buffer[], bytes: number): Promise<void> {
    const file = this.file;
    if (!file) {
      this.droppedBytes += bytes;
      return;
    }
    const buf = parts.length === 1 && parts[0] ? parts[0] : Buffer.concat(parts, bytes);
    let off = 0;
    try {
      while (off < buf.length) {
        const { bytesWritten } = await file.fh.write(buf, off, buf.length - off);
        off += bytesWritten;
      }
    } catch (err) {
      this.droppedBytes += buf.length - off;
      this.opts.onError(describeFsError(err, `writing ${file.path}`));
      // Keep the file packet-aligned, so that what follows can still be read.
      const aligned = file.size + off - (off % TS_PACKET);
      await file.fh.truncate(aligned).catch(() => undefined);
      off = aligned - file.size;
    }
    if (off === 0) return;
    file.size += off;
    this.bytesWritten += off;
    this.dirty = true;
    if (this.now() - this.lastSync >= this.fsyncMs) await this.sync();
  }

  private async sync(): Promise<void> {
    if (!this.file || !this.dirty) return;
    this.dirty = false;
    this.lastSync = this.now();
    try {
      await this.file.fh.sync();
    } catch (err) {
      this.opts.onError(describeFsError(err, `syncing ${this.file.path}`));
    }
  }

  private async closeFile(): Promise<void> {
    const file = this.file;
    if (!file) return;
    await this.sync();
    this.file = null;
    try {
      await file.fh.close();
    } catch (err) {
      this.opts.onError(describeFsError(err, `closing ${file.path}`));
    }
  }
}

/** fsync the directory, so that a new file's name survives a power cut. */
async function syncDir(dir: string): Promise<void> {
  try {
    const fh = await open(dir, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    // not supported on this platform or file system: the data itself is still synced
  }
}
