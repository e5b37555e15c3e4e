// The native scaler against ffmpeg's own (swscale) on a real test image: area downscale and bilinear
// upscale must agree to within 40 dB PSNR on every plane.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { allocFrame, planeOffsets, scale } from '../../native/index.js';
import type { I420Frame } from '../../native/index.js';

const run = promisify(execFile);
const ffmpeg = process.env.REGIE_FFMPEG ?? 'ffmpeg';

async function ffmpegRaw(args: readonly string[], width: number, height: number): Promise<I420Frame> {
  const { stdout } = await run(
    ffmpeg,
    ['-hide_banner', '-loglevel', 'error', ...args, '-f', 'rawvideo', '-'],
    {
      encoding: 'buffer',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const size = planeOffsets(width, height).i420Size;
  expect(stdout.length).toBe(size);
  return { width, height, data: new Uint8Array(stdout.buffer, stdout.byteOffset, size) };
}

/** A frame of testsrc2 (colour bars, gradients, moving text: real edges and flat areas). */
function testImage(width: number, height: number): Promise<I420Frame> {
  return ffmpegRaw(
    [
      '-f',
      'lavfi',
      '-i',
      `testsrc2=size=${width}x${height}:rate=30`,
      '-frames:v',
      '1',
      '-pix_fmt',
      'yuv420p',
    ],
    width,
    height,
  );
}

/** ffmpeg's scale of a raw I420 file. */
function ffmpegScale(
  file: string,
  src: I420Frame,
  width: number,
  height: number,
  flags: string,
): Promise<I420Frame> {
  return ffmpegRaw(
    [
      ...['-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-video_size', `${src.width}x${src.height}`, '-i', file],
      ...['-vf', `scale=${width}:${height}:flags=${flags}`, '-pix_fmt', 'yuv420p'],
    ],
    width,
    height,
  );
}

function ourScale(src: I420Frame, width: number, height: number): I420Frame {
  const dst = allocFrame(width, height);
  scale(dst, { x: 0, y: 0, w: width, h: height }, src);
  return dst;
}

/** PSNR in dB of each plane (Infinity for identical planes). */
function psnr(a: I420Frame, b: I420Frame): { y: number; u: number; v: number } {
  const o = planeOffsets(a.width, a.height);
  const plane = (start: number, end: number): number => {
    let sum = 0;
    for (let i = start; i < end; i++) {
      const d = a.data[i]! - b.data[i]!;
      sum += d * d;
    }
    const mse = sum / (end - start);
    return mse === 0 ? Infinity : 10 * Math.log10((255 * 255) / mse);
  };
  return { y: plane(0, o.u), u: plane(o.u, o.v), v: plane(o.v, o.i420Size) };
}

function expectClose(name: string, ours: I420Frame, theirs: I420Frame): void {
  const p = psnr(ours, theirs);
  console.log(`${name}: PSNR Y ${p.y.toFixed(2)} dB, U ${p.u.toFixed(2)} dB, V ${p.v.toFixed(2)} dB`);
  expect(p.y).toBeGreaterThanOrEqual(40);
  expect(p.u).toBeGreaterThanOrEqual(40);
  expect(p.v).toBeGreaterThanOrEqual(40);
}

describe('native scale vs ffmpeg (testsrc2)', () => {
  let dir = '';
  let src1080: I420Frame;
  let src720: I420Frame;
  const file1080 = (): string => join(dir, 'src1080.yuv');
  const file720 = (): string => join(dir, 'src720.yuv');

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'regie-native-scale-'));
    src1080 = await testImage(1920, 1080);
    src720 = await testImage(1280, 720);
    await writeFile(file1080(), src1080.data);
    await writeFile(file720(), src720.data);
  });

  afterAll(async () => {
    if (dir !== '') await rm(dir, { recursive: true, force: true });
  });

  it('downscales 1920x1080 -> 640x360 like flags=area', async () => {
    expectClose(
      'area 1080p->360p',
      ourScale(src1080, 640, 360),
      await ffmpegScale(file1080(), src1080, 640, 360, 'area'),
    );
  });

  it('downscales 1920x1080 -> 480x270 (PiP) like flags=area', async () => {
    expectClose(
      'area 1080p->270p',
      ourScale(src1080, 480, 270),
      await ffmpegScale(file1080(), src1080, 480, 270, 'area'),
    );
  });

  it('upscales 640x360 -> 1280x720 like flags=bilinear', async () => {
    const small = await ffmpegScale(file1080(), src1080, 640, 360, 'area');
    const smallFile = join(dir, 'small.yuv');
    await writeFile(smallFile, small.data);
    expectClose(
      'bilinear 360p->720p',
      ourScale(small, 1280, 720),
      await ffmpegScale(smallFile, small, 1280, 720, 'bilinear'),
    );
  });

  it('upscales 1280x720 -> 1920x1080 like flags=bilinear', async () => {
    expectClose(
      'bilinear 720p->1080p',
      ourScale(src720, 1920, 1080),
      await ffmpegScale(file720(), src720, 1920, 1080, 'bilinear'),
    );
  });
});
