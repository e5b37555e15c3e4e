// AudioQueue: s16 bytes in, blocks out on the master clock, with the drift absorbed by resampling.
import { describe, expect, it } from 'vitest';
import { AudioQueue } from '../../../electron/core/mixer/audio-queue.js';

const RATE = 48_000;

/** A sine source whose clock runs `ppm` fast pushes 1024-frame chunks; the mixer pulls 1600 frames at 30 fps. */
function run(ppm: number, seconds: number) {
  let now = 0;
  const q = new AudioQueue({ now: () => now });
  const srcRate = RATE * (1 + ppm * 1e-6);
  const push = 1024;
  const pullFrames = 1600;
  const chunk = Buffer.alloc(push * 4);
  const out = new Int16Array(pullFrames * 2);
  let produced = 0;
  let pulled = 0;
  let maxStep = 0;
  let prev: number | null = null;
  const queue: number[] = [];
  while (pulled < seconds * RATE) {
    const pushAt = (produced + push) / srcRate;
    const pullAt = (pulled + pullFrames) / RATE;
    if (pushAt < pullAt) {
      now = pushAt;
      for (let f = 0; f < push; f++) {
        const v = Math.round(16000 * Math.sin((2 * Math.PI * 100 * (produced + f)) / srcRate));
        chunk.writeInt16LE(v, 4 * f);
        chunk.writeInt16LE(v, 4 * f + 2);
      }
      produced += push;
      q.pushBytes(chunk);
    } else {
      now = pullAt;
      q.pull(out);
      pulled += pullFrames;
      if (now > seconds / 2) {
        for (let i = 0; i < out.length; i += 2) {
          if (prev !== null) maxStep = Math.max(maxStep, Math.abs((out[i] ?? 0) - prev));
          prev = out[i] ?? 0;
        }
        queue.push(q.queueMs);
      }
    }
  }
  return { q, maxStep, queueMin: Math.min(...queue), queueMax: Math.max(...queue) };
}

describe('AudioQueue', () => {
  it('reassembles samples split across chunk boundaries (odd byte counts)', () => {
    const q = new AudioQueue({ now: () => 0 });
    const all = Buffer.from(new Int16Array(4800).fill(1000).buffer); // 50 ms
    q.pushBytes(all.subarray(0, 3));
    q.pushBytes(all.subarray(3, 7));
    q.pushBytes(all.subarray(7));
    expect(q.queueMs).toBeCloseTo(50, 1);
  });

  it('gives silence until the target is queued, then the audio', () => {
    const q = new AudioQueue({ now: () => 0, targetMs: 50 });
    const out = new Int16Array(3200).fill(9);
    q.pushBytes(Buffer.from(new Int16Array(2400).fill(8000).buffer)); // 25 ms
    expect(q.pull(out)).toBe(0);
    expect(Math.max(...out.map(Math.abs))).toBe(0);
    q.pushBytes(Buffer.from(new Int16Array(9600).fill(8000).buffer)); // 125 ms in all
    expect(q.pull(out)).toBe(3200);
    expect(out[3199]).toBeGreaterThan(7900);
  });

  it.each([0, 200, -200, 1500])(
    'absorbs %i ppm of drift without underrun, overrun or click',
    (ppm) => {
      const { q, maxStep, queueMin, queueMax } = run(ppm, 150);
      expect(q.underruns).toBe(0);
      expect(q.overruns).toBe(0);
      expect(Math.abs(q.driftPpm - ppm)).toBeLessThan(Math.max(20, Math.abs(ppm) * 0.05));
      // A 100 Hz sine at 16000 moves at most ~210 per sample: no jump.
      expect(maxStep).toBeLessThan(260);
      expect(queueMin).toBeGreaterThan(40);
      expect(queueMax).toBeLessThan(160);
    },
    30_000,
  );

  it('underruns when the source stops, and comes back', () => {
    let now = 0;
    const q = new AudioQueue({ now: () => now });
    const out = new Int16Array(3200);
    q.pushBytes(Buffer.alloc(48_000 * 4 * 0.2));
    for (let i = 0; i < 10; i++) {
      now += 1 / 30;
      q.pull(out);
    }
    expect(q.underruns).toBe(1);
    q.pushBytes(Buffer.alloc(48_000 * 4 * 0.2));
    now += 1 / 30;
    expect(q.pull(out)).toBe(3200);
  });
});

describe('AudioQueue.skip', () => {
  it('skips the audio of ticks the clock skipped, so the queue stays at its target', () => {
    let now = 0;
    const q = new AudioQueue({ now: () => now });
    const out = new Int16Array(3200);
    const chunk = Buffer.alloc(1600 * 4);
    for (let i = 0; i < 4; i++) q.pushBytes(chunk);
    for (let t = 0; t < 40; t++) {
      now += 1 / 30;
      q.pushBytes(chunk);
      if (t === 30) {
        // A 200 ms stall: six ticks' audio arrived, the clock skipped those ticks.
        for (let i = 0; i < 6; i++) q.pushBytes(chunk);
        q.skip(6 * 1600);
      }
      q.pull(out);
      if (t === 32) expect(q.queueMs).toBeLessThan(140);
    }
    expect(q.overruns).toBe(1);
    expect(q.underruns).toBe(0);
  });

  it('a stall whose audio is still in the pipe: the backlog is trimmed when it lands, not played late', () => {
    let now = 0;
    const q = new AudioQueue({ now: () => now });
    const out = new Int16Array(3200);
    const chunk = Buffer.alloc(1600 * 4);
    const tone = Buffer.alloc(1600 * 4, 0x11);
    for (let i = 0; i < 4; i++) q.pushBytes(chunk);
    for (let t = 0; t < 30; t++) {
      now += 1 / 30;
      q.pushBytes(chunk);
      q.pull(out);
    }
    // A 1.5 s freeze of the whole process: the clock skipped 45 ticks, their audio is still in the pipe.
    now += 1.5;
    q.skip(45 * 1600);
    q.pull(out);
    // The backlog arrives at the next reads: 45 ticks of old audio, the newest tick being a tone.
    for (let i = 0; i < 45; i++) q.pushBytes(chunk);
    q.pushBytes(tone);
    now += 1 / 30;
    q.pull(out);
    expect(q.queueMs).toBeLessThanOrEqual(110);
    // What plays next is the newest audio (the tone), at the target latency, not 1.5 s of old audio.
    let heard = false;
    for (let t = 0; t < 4 && !heard; t++) {
      now += 1 / 30;
      q.pushBytes(chunk);
      q.pull(out);
      heard = out.some((v) => v !== 0);
    }
    expect(heard).toBe(true);
  });

  it('a backlog that comes out of the pipe over several reads after the restart is skipped, not played late', () => {
    let now = 0;
    const q = new AudioQueue({ now: () => now });
    const out = new Int16Array(3200);
    const chunk = Buffer.alloc(1600 * 4);
    for (let i = 0; i < 4; i++) q.pushBytes(chunk);
    for (let t = 0; t < 60; t++) {
      now += 1 / 30;
      q.pushBytes(chunk);
      q.pull(out);
    }
    // The source froze for 0.6 s: the queue underran; then it catches up, 0.6 s of audio in 64 KB reads
    // (0.34 s each) between the ticks, faster than real time.
    for (let t = 0; t < 18; t++) {
      now += 1 / 30;
      q.pull(out);
    }
    expect(q.underruns).toBe(1);
    const read = Buffer.alloc(65_536);
    let backlog = 0.6 * 48_000 * 4;
    while (backlog > 0) {
      now += 0.005;
      const n = Math.min(read.length, backlog);
      q.pushBytes(read.subarray(0, n));
      backlog -= n;
      now += 0.005;
      q.pull(out);
    }
    // Then real time again: the latency is back at the target, not 0.5 s late.
    const latency: number[] = [];
    for (let t = 0; t < 15; t++) {
      now += 1 / 30;
      q.pushBytes(chunk);
      q.pull(out);
      latency.push(q.queueMs);
    }
    expect(Math.max(...latency.slice(5))).toBeLessThanOrEqual(140);
    expect(q.overruns).toBeGreaterThanOrEqual(1);
  });

  it('late ticks after a restart are not a backlog: nothing is skipped', () => {
    let now = 0;
    const q = new AudioQueue({ now: () => now });
    const out = new Int16Array(3200);
    const chunk = Buffer.alloc(800 * 4); // the source pushes every 1/60 s, the mixer pulls every 1/30 s
    q.pushBytes(Buffer.alloc(6000 * 4));
    let nextPull = 1 / 30;
    let pulls = 0;
    for (let step = 1; step <= 60 * 3; step++) {
      now = step / 60;
      q.pushBytes(chunk);
      // Every fourth tick runs 60 ms late, the next ones catch up.
      if (now >= nextPull + (pulls % 4 === 3 ? 0.06 : 0)) {
        while (now >= nextPull) {
          q.pull(out);
          pulls += 1;
          nextPull += 1 / 30;
        }
      }
    }
    expect(q.underruns).toBe(0);
    expect(q.overruns).toBe(0);
  });
});
