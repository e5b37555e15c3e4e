// The logo overlay: a PNG (with alpha) converted once by ffmpeg into a YUVA frame (I420 + full-resolution
// alpha, the compositor's overlay format), sized to a fraction of the program width, placed in a corner.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { z } from 'zod';
import type { DrawOp, YuvaFrame } from '../../../native/index.js';

const run = promisify(execFile);

const ProbeSchema = z.object({
  streams: z
    .array(z.object({ width: z.number().int().positive(), height: z.number().int().positive() }))
    .min(1),
});

export type Corner = 'tl' | 'tr' | 'bl' | 'br';

export async function loadLogo(
  ffmpeg: string,
  ffprobe: string,
  path: string,
  targetWidth: number,
): Promise<YuvaFrame> {
  let probe;
  try {
    const { stdout } = await run(ffprobe, [
      '-v',
      'error',
      '-select_streams',
      'v:0',
      '-show_entries',
      'stream=width,height',
      '-of',
      'json',
      path,
    ]);
    probe = ProbeSchema.parse(JSON.parse(stdout));
  } catch (err) {
    throw new Error(
      `cannot read the logo ${path}: ${err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err)}`,
    );
  }
  const src = probe.streams[0] as { width: number; height: number };
  const w = Math.max(2, Math.round(targetWidth / 2) * 2);
  const h = Math.max(2, Math.round((w * src.height) / src.width / 2) * 2);
  const { stdout } = await run(
    ffmpeg,
    [
      '-v',
      'error',
      '-i',
      path,
      '-vf',
      `scale=${w}:${h}:flags=lanczos:out_color_matrix=bt709:out_range=tv,format=yuva420p`,
      '-frames:v',
      '1',
      '-f',
      'rawvideo',
      'pipe:1',
    ],
    { encoding: 'buffer', maxBuffer: w * h * 4 },
  );
  const size = w * h * 2.5;
  if (stdout.length < size)
    throw new Error(`the logo ${path} converted to ${stdout.length} bytes, expected ${size}`);
  return { width: w, height: h, data: new Uint8Array(stdout.buffer, stdout.byteOffset, size) };
}

export function logoOp(logo: YuvaFrame, corner: Corner, width: number, height: number): DrawOp {
  const m = Math.round((width * 0.025) / 2) * 2;
  const left = corner === 'tl' || corner === 'bl';
  const top = corner === 'tl' || corner === 'tr';
  return {
    op: 'overlay',
    src: logo,
    x: left ? m : width - m - logo.width,
    y: top ? m : height - m - logo.height,
  };
}
