// The slides track's encoder arguments: a third raw input on fd 4 at the program's rate over a whole number,
// mapped as video stream 1 with its own x264 options (no delay, keyframes on the program's), after the
// program's own options so that they win for that stream.
import { describe, expect, it } from 'vitest';
import type { EncoderSettings } from '../../../electron/core/mixer/encoder-args.js';
import { DEFAULT_ENCODER, encoderArgs, slidesInterval } from '../../../electron/core/mixer/encoder-args.js';
import { slidesEvery, slidesRate } from '../../../electron/core/mixer/slides-args.js';

const value = (args: string[], flag: string): string | undefined => args[args.indexOf(flag) + 1];
const withSlides: EncoderSettings = { ...DEFAULT_ENCODER, slidesTrack: { fps: 5, videoKbps: 500 } };

describe('slides track arguments', () => {
  it('a slides frame every n program frames, at the program rate divided by n', () => {
    expect(slidesEvery(25, 5)).toBe(5);
    expect(slidesEvery(30, 5)).toBe(6);
    expect(slidesEvery(24, 5)).toBe(5);
    expect(slidesEvery(25, 30)).toBe(1);
    expect(slidesRate('25', 5)).toBe('5');
    expect(slidesRate('30', 6)).toBe('5');
    expect(slidesRate('24', 5)).toBe('24/5');
    expect(slidesRate('30000/1001', 6)).toBe('5000/1001');
    expect(slidesRate('12.5', 5)).toBe('2.5');
    expect(slidesInterval({ width: 320, height: 180, fps: 25 }, DEFAULT_ENCODER)).toBe(0);
    expect(slidesInterval({ width: 320, height: 180, fps: 25 }, withSlides)).toBe(5);
  });

  it('without a slides track the arguments are the program alone', () => {
    const args = encoderArgs({ width: 1920, height: 1080, fps: 25 }, DEFAULT_ENCODER);
    expect(args).not.toContain('pipe:4');
    expect(args.filter((a) => a === '-map')).toHaveLength(2);
    expect(args.some((a) => a.endsWith(':v:1'))).toBe(false);
  });

  it('fd 4 raw I420 at the program size, mapped right after the program video, x264 options for v:1', () => {
    const args = encoderArgs({ width: 1920, height: 1080, fps: 25 }, withSlides);
    const input = args.indexOf('pipe:4');
    expect(input).toBeGreaterThan(args.indexOf('pipe:3'));
    const slidesInput = args.slice(args.lastIndexOf('-f', input), input + 1);
    expect(slidesInput).toEqual([
      ...['-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-video_size', '1920x1080', '-framerate', '5'],
      ...['-thread_queue_size', '16', '-probesize', '32', '-analyzeduration', '0', '-i', 'pipe:4'],
    ]);
    const maps = args.flatMap((a, i) => (a === '-map' ? [args[i + 1]] : []));
    expect(maps).toEqual(['0:v:0', '2:v:0', '1:a:0']);
    expect(value(args, '-b:v:1')).toBe('500k');
    expect(value(args, '-maxrate:v:1')).toBe('500k');
    expect(value(args, '-bufsize:v:1')).toBe('1000k');
    // 2 s GOPs: 50 program frames, 10 slides frames: the slides keyframes fall on the program's.
    expect(value(args, '-g')).toBe('50');
    expect(value(args, '-g:v:1')).toBe('10');
    expect(value(args, '-keyint_min:v:1')).toBe('10');
    expect(value(args, '-bf:v:1')).toBe('0');
    expect(value(args, '-tune:v:1')).toBe('zerolatency');
    expect(value(args, '-preset:v:1')).toBe('veryfast');
    // Per-stream options win only when they come after the program's unspecified ones.
    expect(args.indexOf('-b:v:1')).toBeGreaterThan(args.indexOf('-b:v'));
    expect(args.indexOf('-g:v:1')).toBeGreaterThan(args.indexOf('-g'));
    // x264 for both: no second -c for stream 1 (ffmpeg would warn).
    expect(args).not.toContain('-c:v:1');
  });

  it('with a hardware program encoder the slides stay on x264, without its upload filter', () => {
    const args = encoderArgs(
      { width: 1280, height: 720, fps: 30 },
      { ...withSlides, codec: 'h264_vaapi', gopSeconds: 1 },
    );
    expect(value(args, '-c:v')).toBe('h264_vaapi');
    expect(value(args, '-c:v:1')).toBe('libx264');
    expect(value(args, '-filter:v:1')).toBe('null');
    expect(value(args, '-g:v:1')).toBe('5');
    expect(value(args, '-framerate')).toBe('30');
    expect(args.slice(args.indexOf('pipe:4') - 9, args.indexOf('pipe:4') - 7)).toEqual(['-framerate', '5']);
  });
});
