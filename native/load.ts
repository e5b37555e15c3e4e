// Finds and loads the compiled addon (native/build/Release/regie_compositor.node), from the sources
// (native/load.ts) as from the compiled output (dist/native/load.js), on first use.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { DrawOp } from './draw-ops.js';
import type { I420Frame, Rect, Yuv, YuvaFrame } from './frame.js';

/** The functions the addon exports (src/addon.cc). */
export interface NativeAddon {
  fill(dst: I420Frame, rect: Rect, color: Yuv): void;
  border(dst: I420Frame, rect: Rect, thickness: number, color: Yuv): void;
  blit(dst: I420Frame, src: I420Frame, x: number, y: number, srcRect?: Rect): void;
  scale(dst: I420Frame, dstRect: Rect, src: I420Frame, srcRect?: Rect): void;
  overlay(dst: I420Frame, src: YuvaFrame, x: number, y: number, alpha?: number): void;
  crossfade(dst: I420Frame, a: I420Frame, b: I420Frame, t: number): void;
  compose(dst: I420Frame, ops: readonly DrawOp[]): void;
  setThreads(n: number): number;
  getThreads(): number;
  /** Pipe I/O in native threads (src/io_addon.cc); absent from addons built before it. */
  makePipe?: (capacity?: number) => NativePipe;
  allocHugeBuffer?: (bytes: number) => Buffer;
  FrameReader?: new (fd: number, frameBytes: number, buffers: readonly Uint8Array[]) => NativeFrameReader;
  FrameWriter?: new (fd: number) => NativeFrameWriter;
  /** Audio kernels (src/audio_addon.cc); absent from addons built before them. */
  sincResample?: SincResample;
  /** dst[i] = src[i] / 32768 for i < count. */
  s16ToFloat?: (src: Int16Array, dst: Float32Array, count: number) => void;
  /** dst[i] = Math.round(src[i] · 32768) clamped to s16 (NaN gives 0), for i < count. */
  floatToS16?: (src: Float32Array, dst: Int16Array, count: number) => void;
  /** Stereo gain ramp from `from` to `to` over `frames` (input *= g), added into `mix`. */
  gainMixStereo?: (input: Float32Array, mix: Float32Array, frames: number, from: number, to: number) => void;
}

/**
 * Windowed-sinc interpolation of `frames` frames from a FrameRing's data (the ring, then its mirror;
 * `head` the oldest frame's slot, `mask` capacity - 1) into `out`, reading the kernel pairs of
 * sincDeltaTable (256 phases x 16 taps); the first frames fade in while `fadeIn` < `rampFrames`.
 * Returns the read position after the block. Throws a TypeError or RangeError before reading anything
 * out of bounds.
 */
export type SincResample = (
  data: Float32Array,
  head: number,
  mask: number,
  channels: number,
  table: Float64Array,
  out: Float32Array,
  frames: number,
  pos: number,
  ratio: number,
  fadeIn: number,
  rampFrames: number,
) => number;

export interface NativePipe {
  read: number;
  write: number;
  /** The pipe's capacity in bytes (0 where the system does not say). */
  capacity: number;
}

export interface NativeReaderStats {
  frames: number;
  bytes: number;
  /** ms since the last complete frame, -1 before the first. */
  msSinceFrame: number;
  eof: boolean;
  partialAtEof: number;
  error: string | null;
  closed: boolean;
}

export interface NativeFrameReader {
  latch(): number;
  stats(): NativeReaderStats;
  close(): void;
}

export interface NativeWriterStats {
  frames: number;
  bytes: number;
  queued: number;
  broken: boolean;
  error: string | null;
  closed: boolean;
}

export interface NativeFrameWriter {
  write(data: Uint8Array, id: number): boolean;
  takeDone(): number[];
  stats(): NativeWriterStats;
  close(): number[];
}

const FUNCTIONS = [
  'fill',
  'border',
  'blit',
  'scale',
  'overlay',
  'crossfade',
  'compose',
  'setThreads',
  'getThreads',
] as const satisfies readonly (keyof NativeAddon)[];

const ADDON_FILE = join('build', 'Release', 'regie_compositor.node');

/** Walks up from `startDir` to the first native/build/Release/regie_compositor.node. */
export function findAddon(startDir: string): string | undefined {
  let dir = startDir;
  for (;;) {
    const candidates = [join(dir, 'native', ADDON_FILE)];
    if (basename(dir) === 'native') candidates.unshift(join(dir, ADDON_FILE));
    const found = candidates.find((c) => existsSync(c));
    if (found !== undefined) return found;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function isAddon(mod: unknown): mod is NativeAddon {
  if (typeof mod !== 'object' || mod === null) return false;
  const record = mod as Record<string, unknown>;
  return FUNCTIONS.every((name) => typeof record[name] === 'function');
}

let cached: NativeAddon | undefined;

/**
 * The loaded addon. REGIE_COMPOSITOR_ADDON may point at the .node file (packaged apps).
 * Throws an Error that says how to build it when it is missing or cannot be loaded.
 */
export function loadAddon(): NativeAddon {
  if (cached !== undefined) return cached;
  const here = dirname(fileURLToPath(import.meta.url));
  const override = process.env.REGIE_COMPOSITOR_ADDON;
  const path = override !== undefined && override !== '' ? override : findAddon(here);
  if (path === undefined || !existsSync(path)) {
    throw new Error(
      `The native compositor is not built (no native/${ADDON_FILE} found above ${here}). ` +
        'Run `npm run build:native` (needs python3, make and a C++17 compiler).',
    );
  }
  let mod: unknown;
  try {
    mod = createRequire(import.meta.url)(path);
  } catch (cause) {
    throw new Error(`Cannot load the native compositor ${path}; rebuild it with \`npm run build:native\``, {
      cause,
    });
  }
  if (!isAddon(mod)) {
    throw new Error(`${path} is not the Régie compositor addon; rebuild it with \`npm run build:native\``);
  }
  cached = mod;
  return mod;
}
