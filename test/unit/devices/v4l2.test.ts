import { describe, expect, it } from 'vitest';
import { parseV4l2FormatList, parseV4l2Formats } from '../../../electron/core/devices/v4l2.js';
import { parseV4l2CtlFormats } from '../../../electron/core/devices/v4l2ctl.js';
import { cleanV4l2Name, readV4l2Sysfs } from '../../../electron/core/devices/v4l2-sysfs.js';
import { fixture, GARBAGE } from './fixture.js';

describe('parseV4l2Formats (ffmpeg -list_formats all)', () => {
  it('reads MJPEG and YUYV sizes through a quoted, backticked paste', () => {
    const modes = parseV4l2Formats(fixture('v4l2/list-formats-quoted-mjpeg-yuyv.txt'));
    const mjpeg = modes.filter((m) => m.codec === 'mjpeg');
    const yuyv = modes.filter((m) => m.pixelFormat === 'yuyv422');
    expect(mjpeg).toHaveLength(9);
    expect(yuyv).toHaveLength(9);
    expect(yuyv.at(-1)).toEqual({ width: 1920, height: 1080, fps: [], codec: 'raw', pixelFormat: 'yuyv422' });
    expect(mjpeg[0]).toEqual({ width: 2592, height: 1944, fps: [], codec: 'mjpeg', pixelFormat: 'mjpeg' });
  });

  it('reads the old "R :"/"C :" layout and drops the Unsupported H.264 format', () => {
    const list = parseV4l2FormatList(fixture('v4l2/list-formats-old-r-c-unsupported-h264.txt'));
    expect(
      list.map((f) => [f.ffmpegName ?? 'Unsupported', f.description, f.compressed, f.sizes.length]),
    ).toEqual([
      ['yuyv422', 'YUV 4:2:2 (YUYV)', false, 19],
      ['Unsupported', 'H.264', true, 17],
      ['mjpeg', 'MJPEG', true, 17],
    ]);
    const modes = parseV4l2Formats(fixture('v4l2/list-formats-old-r-c-unsupported-h264.txt'));
    expect(modes.some((m) => m.codec === 'h264')).toBe(false);
    expect(modes.filter((m) => m.width === 2304).map((m) => m.height)).toEqual([1296, 1536]);
  });

  it('skips elided sizes ("...") and reads descriptions containing colons', () => {
    const list = parseV4l2FormatList(fixture('v4l2/list-formats-wiki-elided.txt'));
    expect(
      list.map((f) => [f.ffmpegName, f.description, f.sizes.map((s) => `${s.width}x${s.height}`)]),
    ).toEqual([
      ['yuyv422', 'YUV 4:2:2 (YUYV)', ['640x480', '160x120', '640x360']],
      ['mjpeg', 'MJPEG', ['640x480', '160x120', '352x288']],
    ]);
  });

  it('reads stepwise ranges as their largest size', () => {
    const line =
      '[video4linux2,v4l2 @ 0x1cdb1c0] Raw       :     yuv420p :     Planar YUV 4:2:0 : {32-2592, 2}x{32-1944, 2}';
    expect(parseV4l2Formats(line)).toEqual([
      { width: 2592, height: 1944, fps: [], codec: 'raw', pixelFormat: 'yuv420p' },
    ]);
  });

  it('yields nothing when the node does not exist', () => {
    expect(parseV4l2Formats(fixture('v4l2/local-debian12-no-device.txt'))).toEqual([]);
  });
});

describe('parseV4l2CtlFormats (v4l2-ctl --list-formats-ext)', () => {
  it('reads the Elgato Cam Link 4K at 1080p25 (old layout): YUYV, NV12, YU12', () => {
    expect(parseV4l2CtlFormats(fixture('v4l2/v4l2ctl-cam-link-4k-1080p25.txt'))).toEqual([
      { width: 1920, height: 1080, fps: [25], codec: 'raw', pixelFormat: 'yuyv422' },
      { width: 1920, height: 1080, fps: [25], codec: 'raw', pixelFormat: 'nv12' },
      { width: 1920, height: 1080, fps: [25], codec: 'raw', pixelFormat: 'yuv420p' },
    ]);
  });

  it('reads the Cam Link 4K at 2160p30 (new "[n]:" layout, backticked paste)', () => {
    const modes = parseV4l2CtlFormats(fixture('v4l2/v4l2ctl-cam-link-4k-2160p30.txt'));
    expect(modes.map((m) => [m.pixelFormat, m.width, m.height, m.fps])).toEqual([
      ['nv12', 3840, 2160, [30]],
      ['nv12', 3840, 2160, [30]],
      ['yuv420p', 3840, 2160, [30]],
    ]);
  });

  it('reads the C920: YUYV 1080p only at 5 fps, H.264 marked compressed, elisions ignored', () => {
    const modes = parseV4l2CtlFormats(fixture('v4l2/v4l2ctl-c920-yuyv-h264-elided.txt'));
    expect(modes.find((m) => m.width === 1920)).toEqual({
      width: 1920,
      height: 1080,
      fps: [5],
      codec: 'raw',
      pixelFormat: 'yuyv422',
    });
    expect(modes.find((m) => m.width === 640 && m.codec === 'raw')?.fps).toEqual([
      30, 24, 20, 15, 10, 7.5, 5,
    ]);
    expect(modes.find((m) => m.codec === 'h264')).toEqual({
      width: 640,
      height: 480,
      fps: [30, 24, 20],
      codec: 'h264',
      pixelFormat: 'h264',
    });
    expect(modes.find((m) => m.width === 160)?.fps).toEqual([30]);
  });

  it('reads the old layout with decreasing rates per size', () => {
    const modes = parseV4l2CtlFormats(fixture('v4l2/v4l2ctl-webcam-yuyv-old-style.txt'));
    expect(modes.map((m) => `${m.width}x${m.height}:${m.fps.join('/')}`)).toEqual([
      '640x480:30/20/15/10/7.5',
      '1280x720:10/7.5',
      '960x544:20/15/10/7.5',
      '800x448:30/20/15/10',
    ]);
  });

  it('reads stepwise sizes and compressed JPEG/MJPG/H264 fourccs', () => {
    const modes = parseV4l2CtlFormats(fixture('v4l2/v4l2ctl-stepwise-rpi-camera.txt'));
    expect(modes.map((m) => [m.codec, m.pixelFormat])).toEqual([
      ['raw', 'yuv420p'],
      ['raw', 'yuyv422'],
      ['raw', 'rgb24'],
      ['mjpeg', 'mjpeg'],
      ['h264', 'h264'],
      ['mjpeg', 'mjpeg'],
    ]);
    expect(modes.every((m) => m.width === 2592 && m.height === 1944 && m.fps.length === 0)).toBe(true);
  });
});

describe('readV4l2Sysfs (synthetic file maps)', () => {
  it('names capture nodes, skips UVC metadata nodes and keys ids on the bus path', () => {
    const devices = readV4l2Sysfs({
      'video2/name': 'Cam Link 4K: Cam Link 4K\n',
      'video2/index': '0\n',
      'video2/device': '/sys/devices/pci0000:00/0000:00:14.0/usb2/2-1/2-1:1.0',
      'video3/name': 'Cam Link 4K: Cam Link 4K\n',
      'video3/index': '1\n',
      'video3/device': '/sys/devices/pci0000:00/0000:00:14.0/usb2/2-1/2-1:1.0',
      'video0/name': 'Integrated_Webcam_HD: Integrate\n',
      'video0/index': '0\n',
      'video10/name': 'bcm2835-codec-decode\n',
      junk: 'ignored',
    });
    expect(devices.map((d) => [d.id, d.name, d.input])).toEqual([
      ['v4l2:/dev/video0', 'Integrated_Webcam_HD: Integrate', '/dev/video0'],
      ['v4l2:/sys/devices/pci0000:00/0000:00:14.0/usb2/2-1/2-1:1.0', 'Cam Link 4K', '/dev/video2'],
      ['v4l2:/dev/video10', 'bcm2835-codec-decode', '/dev/video10'],
    ]);
  });

  it('cleans doubled UVC names only when both halves match', () => {
    expect(cleanV4l2Name('HD Pro Webcam C920: HD Pro Webcam C920')).toBe('HD Pro Webcam C920');
    expect(cleanV4l2Name('USB Video: USB Video Device')).toBe('USB Video: USB Video Device');
    expect(readV4l2Sysfs({})).toEqual([]);
  });

  it('never throws on garbage', () => {
    for (const g of GARBAGE) {
      expect(parseV4l2Formats(g)).toEqual([]);
      expect(parseV4l2CtlFormats(g)).toEqual([]);
    }
  });
});
