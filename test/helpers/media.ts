// Checking media outcomes: ffprobe streams and frame timestamps, and decoded I420 frames.
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { z } from 'zod';

const run = promisify(execFile);
export const FFMPEG = process.env.REGIE_FFMPEG ?? 'ffmpeg';
export const FFPROBE = process.env.REGIE_FFPROBE ?? 'ffprobe';

const StreamsSchema = z.object({
  streams: z.array(
    z.object({
      codec_type: z.string(),
      codec_name: z.string(),
      width: z.number().optional(),
      height: z.number().optional(),
      r_frame_rate: z.string().optional(),
      avg_frame_rate: z.string().optional(),
      sample_rate: z.string().optional(),
      channels: z.number().optional(),
      nb_read_frames: z.string().optional(),
    }),
  ),
  format: z.object({ duration: z.string().optional() }).optional(),
});
export type ProbeResult = z.infer<typeof StreamsSchema>;

export async function probe(file: string, countFrames = true): Promise<ProbeResult> {
  const { stdout } = await run(
    FFPROBE,
    [
      '-v',
      'error',
      ...(countFrames ? ['-count_frames'] : []),
      '-show_streams',
      '-show_format',
      '-of',
      'json',
      file,
    ],
    {
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  return StreamsSchema.parse(JSON.parse(stdout));
}

/** Presentation times (s) of every video frame. */
export async function videoFrameTimes(file: string): Promise<number[]> {
  const { stdout } = await run(
    FFPROBE,
    ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'frame=pts_time', '-of', 'csv=p=0', file],
    {
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return stdout
    .split('\n')
    .map((l) => Number.parseFloat(l))
    .filter((n) => Number.isFinite(n));
}

export interface DecodedFrame {
  index: number;
  data: Buffer;
  width: number;
  height: number;
  luma: (x: number, y: number) => number;
  /** [Y, U, V] at a luma position. */
  yuv: (x: number, y: number) => [number, number, number];
}

/** Decodes every frame of a video stream of `file` (default the first) as I420, calling `onFrame` for each. */
export function decodeFrames(
  file: string,
  width: number,
  height: number,
  onFrame: (f: DecodedFrame) => void,
  stream = '0:v:0',
): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      FFMPEG,
      ['-v', 'error', '-i', file, '-map', stream, '-f', 'rawvideo', '-pix_fmt', 'yuv420p', 'pipe:1'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const size = (width * height * 3) / 2;
    let pending: Buffer = Buffer.alloc(0);
    let index = 0;
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      while (pending.length >= size) {
        const data = pending.subarray(0, size);
        pending = pending.subarray(size);
        const cw = width / 2;
        onFrame({
          index: index++,
          data,
          width,
          height,
          luma: (x, y) => data[y * width + x] ?? -1,
          yuv: (x, y) => {
            const c = Math.floor(y / 2) * cw + Math.floor(x / 2);
            return [
              data[y * width + x] ?? -1,
              data[width * height + c] ?? -1,
              data[width * height + (width * height) / 4 + c] ?? -1,
            ];
          },
        });
      }
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(index) : reject(new Error(`ffmpeg decode failed (${code}): ${stderr}`)),
    );
  });
}

/** Near a BT.709 limited-range colour (within `tol` on each component). */
export function near(
  actual: [number, number, number],
  expected: { y: number; u: number; v: number },
  tol = 12,
): boolean {
  return (
    Math.abs(actual[0] - expected.y) <= tol &&
    Math.abs(actual[1] - expected.u) <= tol &&
    Math.abs(actual[2] - expected.v) <= tol
  );
}
