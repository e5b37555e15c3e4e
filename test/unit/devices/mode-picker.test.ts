import { describe, expect, it } from 'vitest';
import { formatRate, pickBestMode } from '../../../electron/core/devices/mode-picker.js';
import { parseDecklinkFormats } from '../../../electron/core/devices/decklink.js';
import { parseDshowOptions } from '../../../electron/core/devices/dshow.js';
import { parseV4l2Formats } from '../../../electron/core/devices/v4l2.js';
import { parseV4l2CtlFormats } from '../../../electron/core/devices/v4l2ctl.js';
import type { DeviceMode } from '../../../electron/shared/devices.js';
import { fixture } from './fixture.js';

const P1080p30 = { width: 1920, height: 1080, fps: 30 };

describe('pickBestMode — rules', () => {
  // Mode lists written out by hand to state each rule on its own.
  const yuyv1080p5: DeviceMode = {
    width: 1920,
    height: 1080,
    fps: [5],
    codec: 'raw',
    pixelFormat: 'yuyv422',
  };
  const mjpeg1080p30: DeviceMode = {
    width: 1920,
    height: 1080,
    fps: [30, 25, 15],
    codec: 'mjpeg',
    pixelFormat: 'mjpeg',
  };
  const yuyv1080p30: DeviceMode = {
    width: 1920,
    height: 1080,
    fps: [30],
    codec: 'raw',
    pixelFormat: 'yuyv422',
  };

  it('MJPEG 1080p30 beats YUYV 1080p5', () => {
    const pick = pickBestMode([yuyv1080p5, mjpeg1080p30], P1080p30, { backend: 'v4l2' });
    expect(pick?.mode).toBe(mjpeg1080p30);
    expect(pick?.inputOptions).toEqual([
      '-input_format',
      'mjpeg',
      '-video_size',
      '1920x1080',
      '-framerate',
      '30',
    ]);
    expect(pick?.reason).toBe('mjpeg 1920x1080@30 reaches 30 fps');
  });

  it('raw at full rate beats MJPEG at full rate', () => {
    const pick = pickBestMode([mjpeg1080p30, yuyv1080p5, yuyv1080p30], P1080p30, { backend: 'v4l2' });
    expect(pick?.mode).toBe(yuyv1080p30);
    expect(pick?.inputOptions).toEqual([
      '-input_format',
      'yuyv422',
      '-video_size',
      '1920x1080',
      '-framerate',
      '30',
    ]);
  });

  it('asks for the program rate when the device offers it, else the next rate above', () => {
    expect(pickBestMode([mjpeg1080p30], { ...P1080p30, fps: 25 })?.fps).toBe(25);
    expect(pickBestMode([mjpeg1080p30], { ...P1080p30, fps: 20 })?.fps).toBe(25);
  });

  it('returns null for an empty list', () => {
    expect(pickBestMode([], P1080p30)).toBeNull();
  });
});

describe('pickBestMode — on real listings', () => {
  it('dshow UVC camera: YUYV 1080p30 for a 1080p program, MJPEG 720p for a 720p one', () => {
    const modes = parseDshowOptions(fixture('dshow/list-options-uvc-camera-mjpeg-yuyv.txt'));
    expect(pickBestMode(modes, P1080p30, { backend: 'dshow' })?.inputOptions).toEqual([
      '-pixel_format',
      'yuyv422',
      '-video_size',
      '1920x1080',
      '-framerate',
      '30',
    ]);
    expect(
      pickBestMode(modes, { width: 1280, height: 720, fps: 30 }, { backend: 'dshow' })?.inputOptions,
    ).toEqual(['-vcodec', 'mjpeg', '-video_size', '1280x720', '-framerate', '30']);
  });

  it('dshow range: asks the program rate inside min/max', () => {
    const modes = parseDshowOptions(fixture('dshow/list-options-logitech-brio.txt'));
    const pick = pickBestMode(modes, { width: 640, height: 480, fps: 25 }, { backend: 'dshow' });
    expect(pick?.inputOptions).toEqual([
      '-pixel_format',
      'yuyv422',
      '-video_size',
      '640x480',
      '-framerate',
      '25',
    ]);
  });

  it('C920 on v4l2-ctl: a smooth 640x480@30 rather than YUYV 1080p at 5 fps', () => {
    const modes = parseV4l2CtlFormats(fixture('v4l2/v4l2ctl-c920-yuyv-h264-elided.txt'));
    const pick = pickBestMode(modes, P1080p30, { backend: 'v4l2' });
    expect(pick?.mode).toMatchObject({ width: 640, height: 480, codec: 'raw' });
    expect(pick?.inputOptions).toEqual([
      '-input_format',
      'yuyv422',
      '-video_size',
      '640x480',
      '-framerate',
      '30',
    ]);
  });

  it('Cam Link 4K: takes the I420-native format; says when the signal is slower than the program', () => {
    const hd = parseV4l2CtlFormats(fixture('v4l2/v4l2ctl-cam-link-4k-1080p25.txt'));
    const at25 = pickBestMode(hd, { ...P1080p30, fps: 25 }, { backend: 'v4l2' });
    expect(at25?.inputOptions).toEqual([
      '-input_format',
      'yuv420p',
      '-video_size',
      '1920x1080',
      '-framerate',
      '25',
    ]);
    const at30 = pickBestMode(hd, P1080p30, { backend: 'v4l2' });
    expect(at30?.fps).toBe(25);
    expect(at30?.reason).toBe('yuv420p 1920x1080@25 cannot reach 30 fps');
    const uhd = parseV4l2CtlFormats(fixture('v4l2/v4l2ctl-cam-link-4k-2160p30.txt'));
    expect(pickBestMode(uhd, P1080p30, { backend: 'v4l2' })?.mode).toMatchObject({
      width: 3840,
      pixelFormat: 'yuv420p',
    });
  });

  it('ffmpeg v4l2 listing without rates: MJPEG preferred for HD', () => {
    const modes = parseV4l2Formats(fixture('v4l2/list-formats-quoted-mjpeg-yuyv.txt'));
    const pick = pickBestMode(modes, P1080p30, { backend: 'v4l2' });
    expect(pick?.inputOptions).toEqual([
      '-input_format',
      'mjpeg',
      '-video_size',
      '1920x1080',
      '-framerate',
      '30',
    ]);
    expect(pick?.reason).toBe('mjpeg 1920x1080@30 rate unknown for 30 fps');
  });

  it('DeckLink Mini Recorder 4K: progressive over interlaced, exact NTSC rates', () => {
    const modes = parseDecklinkFormats(fixture('decklink/list-formats-mini-recorder-4k.txt'));
    const code = (fps: number, width = 1920, height = 1080) =>
      pickBestMode(modes, { width, height, fps }, { backend: 'decklink' })?.inputOptions;
    expect(code(25)).toEqual(['-format_code', 'Hp25']);
    expect(code(30000 / 1001)).toEqual(['-format_code', 'Hp29']);
    expect(code(30)).toEqual(['-format_code', 'Hp30']);
    expect(code(50)).toEqual(['-format_code', 'Hp50']);
    expect(code(50, 1280, 720)).toEqual(['-format_code', 'hp50']);
    expect(code(25, 3840, 2160)).toEqual(['-format_code', '4k25']);
  });

  it('legacy numbered DeckLink modes are selected with NAME@N', () => {
    const modes = parseDecklinkFormats(fixture('decklink/list-formats-old-numeric-decklink-sdi.txt'));
    const pick = pickBestMode(modes, P1080p30, { backend: 'decklink' });
    expect(pick).toMatchObject({ inputOptions: [], inputSuffix: '@8', fps: 30 });
  });
});

describe('pickBestMode — operator override', () => {
  const modes = parseDecklinkFormats(fixture('decklink/list-formats-mini-recorder-4k.txt'));

  it('wins when the device offers it', () => {
    const pick = pickBestMode(
      modes,
      { ...P1080p30, fps: 25 },
      {
        backend: 'decklink',
        override: { width: 1920, height: 1080, fps: 25, formatCode: 'Hi50' },
      },
    );
    expect(pick).toMatchObject({ overridden: true, inputOptions: ['-format_code', 'Hi50'] });
    expect(pick?.reason).toBe('operator override: uyvy422 1920x1080@25i');
  });

  it('falls back to the automatic choice, and says so, when it does not', () => {
    const pick = pickBestMode(
      modes,
      { ...P1080p30, fps: 25 },
      {
        backend: 'decklink',
        override: { width: 4096, height: 2160, fps: 60 },
      },
    );
    expect(pick).toMatchObject({ overridden: false, inputOptions: ['-format_code', 'Hp25'] });
    expect(pick?.reason).toMatch(/^override not offered by the device; /);
  });

  it('matches codec and rate for UVC modes', () => {
    const uvc = parseDshowOptions(fixture('dshow/list-options-uvc-camera-mjpeg-yuyv.txt'));
    const pick = pickBestMode(uvc, P1080p30, {
      backend: 'dshow',
      override: { width: 1280, height: 720, fps: 15, codec: 'mjpeg' },
    });
    expect(pick?.inputOptions).toEqual(['-vcodec', 'mjpeg', '-video_size', '1280x720', '-framerate', '15']);
  });
});

describe('formatRate', () => {
  it('writes NTSC rates as exact fractions', () => {
    expect(formatRate(30000 / 1001)).toBe('30000/1001');
    expect(formatRate(29.97)).toBe('30000/1001');
    expect(formatRate(59.94)).toBe('60000/1001');
    expect(formatRate(23.976)).toBe('24000/1001');
    expect(formatRate(25)).toBe('25');
    expect(formatRate(7.5)).toBe('7.5');
  });
});
