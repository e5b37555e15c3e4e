import { describe, expect, it } from 'vitest';
import { DEFAULT_ENCODER, encoderArgs, fpsArg } from '../../../electron/core/mixer/encoder-args.js';

const value = (args: string[], flag: string): string | undefined => args[args.indexOf(flag) + 1];

describe('encoder arguments', () => {
  it('x264 veryfast CBR-like: b:v = maxrate, bufsize 2 s worth, fixed GOP, no scene cut, profile main', () => {
    const args = encoderArgs({ width: 1920, height: 1080, fps: 30 }, DEFAULT_ENCODER);
    expect(value(args, '-c:v')).toBe('libx264');
    expect(value(args, '-preset')).toBe('veryfast');
    expect(value(args, '-b:v')).toBe('4000k');
    expect(value(args, '-maxrate')).toBe('4000k');
    expect(value(args, '-bufsize')).toBe('8000k');
    expect(value(args, '-g')).toBe('60');
    expect(value(args, '-keyint_min')).toBe('60');
    expect(value(args, '-sc_threshold')).toBe('0');
    expect(value(args, '-profile:v')).toBe('main');
    expect(value(args, '-c:a')).toBe('aac');
    expect(value(args, '-b:a')).toBe('128k');
    expect(value(args, '-video_size')).toBe('1920x1080');
    expect(args.slice(-1)).toEqual(['pipe:1']);
    expect(args).toContain('pipe:3');
    expect(value(args, '-f')).toBe('rawvideo');
  });

  it('declares the raw inputs fully so that ffmpeg never waits to probe them', () => {
    const args = encoderArgs({ width: 1280, height: 720, fps: 25 }, DEFAULT_ENCODER);
    expect(args.filter((a) => a === '-analyzeduration')).toHaveLength(2);
    expect(value(args, '-g')).toBe('50');
  });

  it('hardware encoders get their own rate-control flags', () => {
    const nvenc = encoderArgs(
      { width: 1280, height: 720, fps: 30 },
      { ...DEFAULT_ENCODER, codec: 'h264_nvenc' },
    );
    expect(value(nvenc, '-rc')).toBe('cbr');
    const vaapi = encoderArgs(
      { width: 1280, height: 720, fps: 30 },
      { ...DEFAULT_ENCODER, codec: 'h264_vaapi' },
    );
    expect(value(vaapi, '-vf')).toBe('format=nv12,hwupload');
    expect(() =>
      encoderArgs({ width: 1280, height: 720, fps: 30 }, { ...DEFAULT_ENCODER, codec: 'h265_magic' }),
    ).toThrow(/unknown video encoder/);
  });

  it('NTSC rates as rationals', () => {
    expect(fpsArg(29.97)).toBe('30000/1001');
    expect(fpsArg(59.94)).toBe('60000/1001');
    expect(fpsArg(25)).toBe('25');
  });
});
