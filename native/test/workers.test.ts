// The addon in worker threads: several isolates share the one helper thread of the process.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

import { describe, expect, it } from 'vitest';

import { findAddon } from '../index.js';

const addon = findAddon(join(dirname(fileURLToPath(import.meta.url)), '..'));

// Plain CommonJS, evaluated in the worker: scales and crossfades 1080p frames, returns a checksum.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const m = require(workerData.addon);
const frame = (w, h, seed) => {
  const data = new Uint8Array(w * h * 1.5);
  for (let i = 0; i < data.length; i++) data[i] = (i * seed + (i >> 9)) & 255;
  return { width: w, height: h, data };
};
const dst = frame(1920, 1080, 1);
const src = frame(1280, 720, 3);
for (let i = 0; i < 20; i++) {
  m.scale(dst, { x: 0, y: 0, w: 1920, h: 1080 }, src);
  m.crossfade(dst, dst, frame(1920, 1080, 5), 0.5);
}
let sum = 0;
for (let i = 0; i < dst.data.length; i++) sum = (sum * 31 + dst.data[i]) >>> 0;
parentPort.postMessage(sum);
`;

function runWorker(): Promise<number> {
  return new Promise((resolve, reject) => {
    const w = new Worker(workerSource, { eval: true, workerData: { addon } });
    w.once('message', (sum: number) => {
      resolve(sum);
    });
    w.once('error', reject);
  });
}

describe('worker threads', () => {
  it('loads in several workers at once and gives the same result in each', async () => {
    expect(addon).toBeDefined();
    const sums = await Promise.all([runWorker(), runWorker(), runWorker()]);
    expect(new Set(sums).size).toBe(1);
  });
});
