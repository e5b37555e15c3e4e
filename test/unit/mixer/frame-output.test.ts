// FrameOutput through a Node stream (the path where native pipe I/O is not available): pooled buffers,
// a bounded backlog, buffers given back when nothing reads.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { FrameOutput } from '../../../electron/core/mixer/frame-output.js';

/** A stream that holds every write until release() (a full pipe). */
function slowStream(): { stream: Writable; release: () => void; received: Buffer[] } {
  const pending: (() => void)[] = [];
  const received: Buffer[] = [];
  const stream = new Writable({
    highWaterMark: 1,
    write(chunk: Buffer, _enc, cb) {
      received.push(Buffer.from(chunk));
      pending.push(cb);
    },
  });
  return { stream, received, release: () => pending.splice(0).forEach((cb) => cb()) };
}

describe('FrameOutput (stream path)', () => {
  it('nothing to acquire before a child is attached, nor after it exited', () => {
    const out = new FrameOutput(6, 2, false);
    expect(out.ready).toBe(false);
    expect(out.acquire()).toBeNull();
    out.attach(slowStream().stream);
    expect(out.acquire()).not.toBeNull();
    out.detach();
    expect(out.acquire()).toBeNull();
  });

  it('a backlog of poolSize frames stops acquire() until the stream takes them, then reuses the buffers', async () => {
    const out = new FrameOutput(6, 2, false);
    const s = slowStream();
    out.attach(s.stream);
    const a = out.acquire()!;
    a.fill(1);
    expect(out.write(a)).toBe(true);
    const b = out.acquire()!;
    b.fill(2);
    expect(out.write(b)).toBe(true);
    expect(out.backlog()).toBe(2);
    expect(out.acquire()).toBeNull();
    // The stream takes one frame at a time: each callback frees its buffer.
    for (let i = 0; i < 2; i++) {
      s.release();
      await new Promise((r) => setImmediate(r));
    }
    expect(out.backlog()).toBe(0);
    const again = out.acquire();
    expect(again === a || again === b).toBe(true);
    expect(s.received.map((f) => f[0])).toEqual([1, 2]);
  });

  it('a frame given back unused is reused; a write to an ended stream is refused and taken back', () => {
    const out = new FrameOutput(6, 2, false);
    const s = slowStream();
    out.attach(s.stream);
    const a = out.acquire()!;
    out.release(a);
    expect(out.acquire()).toBe(a);
    s.stream.end();
    expect(out.write(a)).toBe(false);
    expect(out.acquire()).toBe(a);
  });
});
