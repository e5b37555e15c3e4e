// The per-destination GOP queue: order, PAT/PMT on (re)start, and the drop policy under a stalled link.
import { describe, expect, it } from 'vitest';
import { GopQueue } from '../../../electron/core/outputs/gop-queue.js';
import type { Gop } from '../../../electron/core/outputs/ts-gop.js';
import { TS_PACKET } from '../../../electron/core/outputs/ts.js';

const FRAMES = 10;
const FRAME_MS = 100; // 1 s GOPs of 10 frames, one packet per frame

/** GOP n (from 1): packets tagged with (n, index) so the output can be checked; frames every packet. */
function gop(seq: number, complete = true): Gop {
  const packets = Array.from({ length: FRAMES }, (_, i) =>
    Buffer.alloc(TS_PACKET, 0).fill(seq, 1, 2).fill(i, 2, 3),
  );
  const startMs = (seq - 1) * FRAMES * FRAME_MS;
  return {
    seq,
    psi: Buffer.alloc(2 * TS_PACKET, 0xee),
    packets,
    bytes: packets.length * TS_PACKET,
    frames: packets.map((_, i) => ({ index: i, ms: startMs + i * FRAME_MS })),
    startMs,
    lastMs: startMs + (FRAMES - 1) * FRAME_MS,
    wallMs: startMs,
    complete,
    discontinuity: false,
  };
}

/** What take() returned, as "psi" / "seq:index" labels. */
function labels(buf: Buffer | null): string[] {
  const out: string[] = [];
  for (let i = 0; buf && i < buf.length; i += TS_PACKET) {
    out.push(buf[i] === 0xee ? 'psi' : `${buf[i + 1]}:${buf[i + 2]}`);
  }
  return out;
}

describe('GopQueue', () => {
  it('writes the first GOP after its PAT + PMT, then the next ones contiguously', () => {
    const q = new GopQueue(4000);
    q.offer(gop(1));
    q.offer(gop(2, false));
    const out = labels(q.take(1 << 20));
    expect(out.slice(0, 3)).toEqual(['psi', 'psi', '1:0']);
    expect(out).toHaveLength(2 + 2 * FRAMES);
    expect(out.filter((l) => l === 'psi')).toHaveLength(2);
    expect(q.take(1 << 20)).toBeNull();
    expect(q.backlogMs()).toBe(0);
  });

  it('takes about maxBytes at a time (PAT + PMT included), in whole packets', () => {
    const q = new GopQueue(4000);
    q.offer(gop(1, false));
    const first = q.take(5 * TS_PACKET)!;
    expect(first.length % TS_PACKET).toBe(0);
    expect(labels(first)).toEqual(['psi', 'psi', '1:0', '1:1', '1:2']);
    expect(labels(q.take(2 * TS_PACKET))).toEqual(['1:3', '1:4']);
  });

  it('drops whole unstarted GOPs, oldest first, never the one being written nor the newest', () => {
    const q = new GopQueue(2500);
    q.offer(gop(1));
    q.take(7 * TS_PACKET); // PAT, PMT and half of GOP 1 written, then the link stalls
    for (let n = 2; n <= 6; n++) q.offer(gop(n, n === 6));
    // Backlog is from GOP 1's 6th frame (500 ms) to GOP 6's last (5900 ms): GOPs 2.. go until ≤ 2500 ms or only 1 and 6 stay.
    expect(q.droppedGops).toBe(4);
    expect(q.droppedFrames).toBe(4 * FRAMES);
    expect(q.length).toBe(2);
    const out = labels(q.take(1 << 20));
    // The rest of GOP 1, then PAT + PMT, then GOP 6 from its keyframe.
    expect(out.slice(0, 5)).toEqual(['1:5', '1:6', '1:7', '1:8', '1:9']);
    expect(out.slice(5, 8)).toEqual(['psi', 'psi', '6:0']);
  });

  it('keeps the backlog under maxQueueMs when GOPs can be dropped', () => {
    const q = new GopQueue(2500);
    for (let n = 1; n <= 8; n++) q.offer(gop(n, n === 8 ? false : true));
    expect(q.backlogMs()).toBeLessThanOrEqual(2500);
    expect(q.droppedGops).toBe(6);
    expect(labels(q.take(1 << 20)).slice(0, 3)).toEqual(['psi', 'psi', '7:0']);
  });

  it('measures the backlog from the next frame to write to the newest one', () => {
    const q = new GopQueue(10_000);
    q.offer(gop(1));
    q.offer(gop(2, false));
    expect(q.backlogMs()).toBe(1900);
    q.take(2 * TS_PACKET + 3 * TS_PACKET); // psi + frames 0..2
    expect(q.backlogMs()).toBe(1900 - 300);
  });

  it('forgets everything on reset: the next GOP starts with PAT + PMT again', () => {
    const q = new GopQueue(4000);
    q.offer(gop(1));
    q.take(1 << 20);
    q.reset();
    q.offer(gop(2, false));
    expect(labels(q.take(3 * TS_PACKET)).slice(0, 3)).toEqual(['psi', 'psi', '2:0']);
  });

  it('ignores a GOP older than the last one written', () => {
    const q = new GopQueue(4000);
    q.offer(gop(2));
    q.take(1 << 20);
    q.offer(gop(1));
    expect(q.take(1 << 20)).toBeNull();
  });
});
