// The local backup recording: the program's MPEG-TS, segmented, written to disk independently of the network.
// Each segment starts at a keyframe with PAT + PMT, so every file plays on its own. Crash-safe: MPEG-TS is
// readable up to the last byte, data is fsync'ed about every second, and a marker file says a recording
// is running (findUnfinishedRecordings() lists what a crash left). Errors never throw: they are in status().
import { existsSync, mkdirSync, unlinkSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Logger } from '../log/logger.js';
import { writeFileAtomic } from '../util/atomic.js';
import type { RecordingMarker } from './recording-files.js';
import { markerPath, segmentFileName } from './recording-files.js';
import { SegmentWriter, describeFsError } from './segment-writer.js';
import type { Gop, GopSink } from './ts-gop.js';
import { TS_PACKET } from './ts.js';

export interface RecorderOptions {
  dir: string;
  showName: string;
  /** A new segment starts at the first keyframe after this much media time. */
  segmentSeconds?: number;
  logger: Logger;
  fsyncMs?: number;
  /** When the disk is slower than the stream and this much waits, whole GOPs are skipped (and counted). */
  maxPendingBytes?: number;
  /** Wall clock for file names. */
  clock?: () => Date;
  openFile?: (path: string) => Promise<FileHandle>;
  /** The recording stopped on its own (disk full), with the reason. */
  onStoppedByItself?: (reason: string) => void;
}

export interface RecorderStatus {
  active: boolean;
  /** Current (or last) segment. */
  path: string | null;
  bytes: number;
  durationS: number;
  segments: string[];
  lastError: string | null;
  droppedBytes: number;
}

export class Recorder implements GopSink {
  private active = false;
  private writer: SegmentWriter | null = null;
  private segments: string[] = [];
  private startedAt = new Date(0);
  private gop: Gop | null = null;
  private index = 0;
  private skipping = false;
  private lastWrittenSeq: number | null = null;
  private segmentStartMs = 0;
  private firstMs: number | null = null;
  private lastMs = 0;
  private lastError: string | null = null;
  /** Set when the recording stopped by itself (disk full): kept as lastError whatever fails after. */
  private stoppedBecause: string | null = null;
  private skippedBytes = 0;
  private readonly clock: () => Date;

  constructor(private readonly opts: RecorderOptions) {
    this.clock = opts.clock ?? (() => new Date());
  }

  /** Marks the recording active, then opens the first segment; writing begins at the next keyframe. */
  start(): { path: string } {
    if (this.active && this.segments[0] !== undefined) return { path: this.segments[0] };
    this.active = true;
    this.segments = [];
    this.gop = null;
    this.lastWrittenSeq = null;
    this.firstMs = null;
    this.lastError = null;
    this.stoppedBecause = null;
    this.skippedBytes = 0;
    this.startedAt = this.clock();
    this.writer = new SegmentWriter({
      onError: (m) => this.fail(m),
      ...(this.opts.fsyncMs !== undefined ? { fsyncMs: this.opts.fsyncMs } : {}),
      ...(this.opts.openFile ? { openFile: this.opts.openFile } : {}),
    });
    try {
      mkdirSync(this.opts.dir, { recursive: true });
    } catch (err) {
      this.fail(describeFsError(err, `creating ${this.opts.dir}`));
    }
    // The marker (naming the first segment) is on disk before the segment is created.
    const path = this.openSegment(this.startedAt);
    this.writeMarker();
    this.opts.logger.info(`recording to ${path}`);
    return { path };
  }

  /** Flush, fsync and close the last segment, then remove the marker. */
  async stop(): Promise<void> {
    if (!this.active) return;
    this.active = false;
    const writer = this.writer;
    if (!writer) return;
    await writer.dispose();
    try {
      await unlink(markerPath(this.opts.dir));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
        this.fail(describeFsError(err, 'removing the marker'));
    }
    this.opts.logger.info(`recording stopped: ${this.segments.length} segment(s)`, {
      lastError: this.lastError,
    });
  }

  status(): RecorderStatus {
    return {
      active: this.active,
      path: this.segments[this.segments.length - 1] ?? null,
      bytes: this.writer?.bytesWritten ?? 0,
      durationS: this.firstMs === null ? 0 : Math.max(0, (this.lastMs - this.firstMs) / 1000),
      segments: [...this.segments],
      lastError: this.lastError,
      droppedBytes: (this.writer?.droppedBytes ?? 0) + this.skippedBytes,
    };
  }

  onGop(gop: Gop): void {
    const writer = this.writer;
    if (!this.active || !writer) return;
    if (gop !== this.gop) {
      this.gop = gop;
      this.index = 0;
      this.skipping = writer.pendingBytes > (this.opts.maxPendingBytes ?? 64 * 1024 * 1024);
      if (this.skipping) this.fail('the disk is slower than the stream: skipping a GOP');
      else this.beginGop(gop, writer);
    }
    const fresh = gop.packets.slice(this.index);
    this.index = gop.packets.length;
    if (this.skipping) {
      this.skippedBytes += fresh.length * TS_PACKET;
      return;
    }
    writer.write(fresh);
    this.lastMs = gop.lastMs;
  }

  private beginGop(gop: Gop, writer: SegmentWriter): void {
    const segmentMs = (this.opts.segmentSeconds ?? 900) * 1000;
    let needPsi = this.lastWrittenSeq === null || gop.seq !== this.lastWrittenSeq + 1;
    if (this.firstMs === null) {
      this.firstMs = gop.startMs;
      this.segmentStartMs = gop.startMs;
    } else if (gop.discontinuity || gop.startMs - this.segmentStartMs >= segmentMs) {
      // A new segment at a discontinuity (encoder restart) keeps each file's timestamps continuous.
      this.segmentStartMs = gop.startMs;
      this.openSegment(this.clock());
      needPsi = true;
    }
    if (needPsi) writer.write([gop.psi]);
    this.lastWrittenSeq = gop.seq;
  }

  private openSegment(at: Date): string {
    let name = segmentFileName(at, this.opts.showName, this.segments.length + 1);
    for (let n = 1; existsSync(join(this.opts.dir, name)); n++)
      name = name.replace(/(-\d+)?\.ts$/, `-${n}.ts`);
    const path = join(this.opts.dir, name);
    const first = this.segments.length === 0;
    this.segments.push(path);
    if (!first) {
      this.writer?.task(() => {
        if (this.active) this.writeMarker();
        return Promise.resolve();
      });
    }
    this.writer?.open(path);
    return path;
  }

  private writeMarker(): void {
    try {
      writeFileAtomic(markerPath(this.opts.dir), JSON.stringify(this.marker()));
    } catch (err) {
      this.fail(describeFsError(err, 'writing the marker'));
    }
  }

  private marker(): RecordingMarker {
    return {
      version: 1,
      pid: process.pid,
      startedAt: this.startedAt.toISOString(),
      show: this.opts.showName,
      segments: this.segments.map((s) => basename(s)),
    };
  }

  private fail(message: string): void {
    if (this.stoppedBecause !== null) return;
    if (message !== this.lastError) this.opts.logger.warn(`recorder: ${message}`);
    this.lastError = message;
    // A full disk does not come back by itself: stop cleanly (file closed, marker removed), say why, and
    // let the stream go on. The operator frees space and starts a new recording.
    if (this.active && /^disk (full|quota exceeded)/.test(message)) {
      this.stoppedBecause = `${message}: recording stopped; free some space and start recording again`;
      this.lastError = this.stoppedBecause;
      this.opts.logger.error(`recorder: ${this.stoppedBecause}`);
      this.opts.onStoppedByItself?.(this.stoppedBecause);
      void this.stop();
    }
  }
}

/** For tests and tools: remove a leftover marker once its recording has been dealt with. */
export function clearMarker(dir: string): void {
  try {
    unlinkSync(markerPath(dir));
  } catch {
    // already gone
  }
}
