// Native pipe I/O: frames written into a pipe arrive byte-exact in the reader's ring, an EOF mid-frame
// is reported and the partial frame discarded, a new pipe after a restart starts framing afresh, a real
// ffmpeg writing into the pipe gives the same bytes as into a file, and the writer delivers, reports a
// broken pipe and gives every buffer back on close.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readSync, writeSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { closeFd, FramePipeReader, FramePipeWriter, isNativeIoAvailable, makePipe } from '../pipes.js';

const native = isNativeIoAvailable();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(5);
  }
}

const ring = (n: number, bytes: number) => Array.from({ length: n }, () => Buffer.alloc(bytes));

/** Writes `data` in chunks of awkward sizes, so that frames straddle reads. */
function writeChunked(fd: number, data: Buffer): void {
  let off = 0;
  let step = 997;
  while (off < data.length) {
    const n = Math.min(step, data.length - off);
    off += writeSync(fd, data, off, n);
    step = ((step * 7) % 40_000) + 1;
  }
}

describe.runIf(native)('FramePipeReader', () => {
  it('makes pipes with a raised capacity', () => {
    const p = makePipe();
    expect(p.capacity).toBeGreaterThanOrEqual(65536);
    closeFd(p.read);
    closeFd(p.write);
  });

  it('delivers every frame byte-exact, the newest one latched and left untouched', async () => {
    const bytes = 64 * 48 * 1.5;
    const p = makePipe();
    const reader = new FramePipeReader(p.read, bytes, ring(3, bytes));
    try {
      expect(reader.latch()).toBeNull();
      let count = 0;
      for (let round = 0; round < 3; round++) {
        const frame = randomBytes(bytes);
        writeChunked(p.write, frame);
        count += 1;
        await until(() => reader.stats().frames === count);
        const got = reader.latch();
        expect(got?.equals(frame)).toBe(true);
        // The latched frame stays as it is while the next two arrive (the ring has 3 buffers).
        const next = randomBytes(bytes * 2);
        writeChunked(p.write, next);
        count += 2;
        await until(() => reader.stats().frames === count);
        expect(got?.equals(frame)).toBe(true);
        expect(reader.latch()?.equals(next.subarray(bytes))).toBe(true);
      }
      expect(reader.stats().bytes).toBe(count * bytes);
    } finally {
      reader.close();
      closeFd(p.write);
    }
  });

  it('reports an EOF in the middle of a frame and keeps the last whole frame; a new pipe reframes', async () => {
    const bytes = 32 * 16 * 1.5;
    const buffers = ring(3, bytes);
    const p = makePipe();
    const reader = new FramePipeReader(p.read, bytes, buffers);
    const first = randomBytes(bytes);
    writeChunked(p.write, Buffer.concat([first, randomBytes(bytes / 2)]));
    closeFd(p.write);
    await until(() => reader.stats().eof);
    const s = reader.stats();
    expect(s.frames).toBe(1);
    expect(s.partialAtEof).toBe(bytes / 2);
    expect(s.error).toBeNull();
    expect(reader.latch()?.equals(first)).toBe(true);
    reader.close();

    // A restart: a new pipe, the same ring; framing starts again at the first byte.
    const q = makePipe();
    const again = new FramePipeReader(q.read, bytes, buffers);
    const second = randomBytes(bytes);
    writeChunked(q.write, second);
    await until(() => again.stats().frames === 1);
    expect(again.latch()?.equals(second)).toBe(true);
    again.close();
    closeFd(q.write);
  });

  it('receives a real ffmpeg writing raw I420 into the pipe, the same bytes as ffmpeg writes to a file', async () => {
    const [w, h] = [160, 90];
    const bytes = (w * h * 3) / 2;
    const input = ['-f', 'lavfi', '-i', `testsrc2=size=${w}x${h}:rate=25`, '-frames:v', '5'];
    const out = ['-f', 'rawvideo', '-pix_fmt', 'yuv420p', 'pipe:1'];
    const expected = spawnSync('ffmpeg', ['-v', 'error', ...input, ...out], { maxBuffer: 1 << 24 }).stdout;
    expect(expected.length).toBe(bytes * 5);
    const p = makePipe();
    const reader = new FramePipeReader(p.read, bytes, ring(3, bytes));
    const child = spawn('ffmpeg', ['-v', 'error', '-re', ...input, ...out], {
      stdio: ['ignore', p.write, 'ignore'],
    });
    closeFd(p.write); // the child has its copy: EOF comes when it exits
    const seen = new Set<number>();
    try {
      while (!reader.stats().eof) {
        const f = reader.latch();
        if (f !== null) seen.add(reader.stats().frames);
        // Whatever is latched is one of ffmpeg's frames, whole.
        if (f !== null) {
          const idx = [0, 1, 2, 3, 4].find((i) => expected.subarray(i * bytes, (i + 1) * bytes).equals(f));
          expect(idx).toBeDefined();
        }
        await sleep(10);
      }
      expect(reader.stats().frames).toBe(5);
      expect(reader.stats().partialAtEof).toBe(0);
      expect(reader.latch()?.equals(expected.subarray(4 * bytes))).toBe(true);
    } finally {
      reader.close();
      child.kill('SIGKILL');
    }
  });

  it('rejects fewer than 3 buffers and buffers smaller than a frame (and closes the fd it was given)', () => {
    const p = makePipe();
    expect(() => new FramePipeReader(p.read, 100, ring(2, 100))).toThrow(RangeError);
    const q = makePipe();
    expect(() => new FramePipeReader(q.read, 100, [...ring(2, 100), Buffer.alloc(50)])).toThrow(RangeError);
    // Both read ends were closed: writing now fails with EPIPE.
    expect(() => writeSync(p.write, Buffer.alloc(1))).toThrow(/EPIPE/);
    expect(() => writeSync(q.write, Buffer.alloc(1))).toThrow(/EPIPE/);
    closeFd(p.write);
    closeFd(q.write);
  });
});

describe.runIf(native)('FramePipeWriter', () => {
  it('writes queued frames in order, byte-exact, and hands the buffers back', async () => {
    const p = makePipe();
    const writer = new FramePipeWriter(p.write);
    const frames = [randomBytes(300_000), randomBytes(300_000), randomBytes(300_000)];
    for (const f of frames) expect(writer.write(f)).toBe(true);
    const got = Buffer.alloc(900_000);
    let off = 0;
    while (off < got.length) off += readSync(p.read, got, off, got.length - off, null);
    expect(got.equals(Buffer.concat(frames))).toBe(true);
    const back: Buffer[] = [];
    await until(() => (back.push(...writer.reclaim()), back.length === 3));
    // The very buffers (identity: a deep comparison of 300 kB buffers is needlessly slow).
    expect(back.length === 3 && back.every((b, i) => b === frames[i])).toBe(true);
    expect(writer.inFlight).toBe(0);
    expect(writer.stats().frames).toBe(3);
    writer.close();
    closeFd(p.read);
  });

  it('reports a broken pipe when the reader goes away, and refuses later writes', async () => {
    const p = makePipe(65536);
    const writer = new FramePipeWriter(p.write);
    closeFd(p.read);
    const f = Buffer.alloc(200_000);
    writer.write(f);
    await until(() => writer.stats().broken);
    expect(writer.stats().error).toMatch(/write/);
    const back = writer.reclaim();
    expect(back.length === 1 && back[0] === f).toBe(true);
    expect(writer.write(f)).toBe(false);
    writer.close();
  });

  it('closes at once while blocked on a full pipe, giving back every buffer', () => {
    const p = makePipe(65536);
    const writer = new FramePipeWriter(p.write);
    const frames = [Buffer.alloc(1 << 20), Buffer.alloc(1 << 20)];
    for (const f of frames) writer.write(f);
    const t0 = Date.now();
    const back = [...writer.reclaim(), ...writer.close()];
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(back.length).toBe(2);
    expect(writer.write(Buffer.alloc(1))).toBe(false);
    closeFd(p.read);
  });
});
