// The bounded feed of one destination: whole GOPs, written in order through a cursor. When the link cannot
// keep up and the backlog passes maxQueueMs, whole GOPs that were not started are dropped, oldest first
// (never the GOP being written, never the newest). A GOP that does not follow the previous one written
// (first GOP, after a drop) is preceded by its PAT + PMT.
import type { Gop } from './ts-gop.js';
import { TS_PACKET } from './ts.js';

export class GopQueue {
  private gops: Gop[] = [];
  /** Next packet of gops[0] to write; 0 = gops[0] not started. */
  private index = 0;
  private lastWrittenSeq: number | null = null;
  droppedGops = 0;
  droppedFrames = 0;

  constructor(readonly maxQueueMs: number) {}

  get length(): number {
    return this.gops.length;
  }

  /** Forget everything (a new process reads from scratch: its first GOP gets PAT + PMT again). */
  reset(): void {
    this.gops = [];
    this.index = 0;
    this.lastWrittenSeq = null;
  }

  /** A GOP started or received packets: a new one is queued; the drop policy runs as the backlog grows. */
  offer(gop: Gop): void {
    const last = this.gops[this.gops.length - 1];
    if (last !== gop) {
      if (last && gop.seq <= last.seq) return;
      if (!last && this.lastWrittenSeq !== null && gop.seq <= this.lastWrittenSeq) return;
      this.gops.push(gop);
    }
    this.enforce();
  }

  private enforce(): void {
    while (this.backlogMs() > this.maxQueueMs) {
      const first = this.index === 0 ? 0 : 1;
      if (this.gops.length - 1 <= first) return; // only the GOP being written and the newest are left
      const [dropped] = this.gops.splice(first, 1);
      if (!dropped) return;
      this.droppedGops += 1;
      this.droppedFrames += dropped.frames.length;
    }
  }

  /** Media time between the next frame to write and the newest frame queued. */
  backlogMs(): number {
    const head = this.gops[0];
    const newest = this.gops[this.gops.length - 1];
    if (!head || !newest) return 0;
    return Math.max(0, newest.lastMs - this.nextFrameMs(head));
  }

  private nextFrameMs(head: Gop): number {
    if (this.index === 0) return head.startMs;
    const frame = head.frames.find((f) => f.index >= this.index);
    if (frame) return frame.ms;
    return this.gops[1]?.startMs ?? head.lastMs;
  }

  /** Up to about maxBytes to write next (whole packets), or null when everything queued is written. */
  take(maxBytes: number): Buffer | null {
    const parts: Buffer[] = [];
    let size = 0;
    while (size < maxBytes) {
      const head = this.gops[0];
      if (!head) break;
      if (this.index === 0) {
        if (head.packets.length === 0) break;
        if (this.lastWrittenSeq === null || head.seq !== this.lastWrittenSeq + 1) {
          parts.push(head.psi);
          size += head.psi.length;
        }
        this.lastWrittenSeq = head.seq;
      }
      const n = Math.min(
        head.packets.length - this.index,
        Math.max(1, Math.ceil((maxBytes - size) / TS_PACKET)),
      );
      for (let k = 0; k < n; k++) {
        const p = head.packets[this.index + k];
        if (p) parts.push(p);
      }
      this.index += n;
      size += n * TS_PACKET;
      if (this.index < head.packets.length) continue;
      if (!head.complete) break;
      this.gops.shift();
      this.index = 0;
    }
    if (parts.length === 0) return null;
    return parts.length === 1 && parts[0] ? parts[0] : Buffer.concat(parts);
  }
}
