// Deterministic test frames.
import { planeOffsets } from '../frame.js';
import type { I420Frame, YuvaFrame } from '../frame.js';

/** mulberry32: a small deterministic PRNG, so failures reproduce. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomBytes(n: number, seed: number): Uint8Array {
  const next = rng(seed);
  const data = new Uint8Array(n);
  for (let i = 0; i < n; i++) data[i] = Math.floor(next() * 256);
  return data;
}

export function randomFrame(width: number, height: number, seed: number): I420Frame {
  return { width, height, data: randomBytes(planeOffsets(width, height).i420Size, seed) };
}

export function randomYuva(width: number, height: number, seed: number): YuvaFrame {
  return { width, height, data: randomBytes(planeOffsets(width, height).yuvaSize, seed) };
}

export function cloneFrame<T extends I420Frame | YuvaFrame>(f: T): T {
  return { ...f, data: f.data.slice() };
}

/** Index of the first differing byte, or -1 (a readable assertion for multi-megabyte frames). */
export function firstDiff(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}
