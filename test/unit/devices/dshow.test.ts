import { describe, expect, it } from 'vitest';
import { parseDshowDevices, parseDshowOptions } from '../../../electron/core/devices/dshow.js';
import { CaptureDeviceSchema } from '../../../electron/shared/devices.js';
import { fixture, GARBAGE } from './fixture.js';

describe('parseDshowDevices — old format (section headers)', () => {
  it('reads video and audio sections, alternative names and non-ASCII names', () => {
    const devices = parseDshowDevices(fixture('dshow/list-devices-old-integrated-webcam-zh.txt'));
    expect(devices.map((d) => [d.kind, d.name])).toEqual([
      ['video', 'Integrated Webcam'],
      ['video', 'screen-capture-recorder'],
      ['audio', '麦克风 (High Definition Audio 设备)'],
      ['audio', 'virtual-audio-capturer'],
    ]);
    const webcam = devices[0]!;
    expect(webcam.id).toBe(
      'dshow:video:@device_pnp_\\\\?\\usb#vid_0c45&pid_6448&mi_00#7&2645f9e4&0&0000#{65e8773d-8f56-11d0-a3b9-00a0c9223196}\\global',
    );
    expect(webcam.input).toBe(`video=${webcam.details?.alternativeName as string}`);
    expect(devices[2]!.details?.friendlyName).toBe('麦克风 (High Definition Audio 设备)');
    for (const d of devices) expect(CaptureDeviceSchema.safeParse(d).success).toBe(true);
  });

  it('keeps parentheses in names and flags "Stereo Mix" as a monitor source', () => {
    const devices = parseDshowDevices(fixture('dshow/list-devices-old-hp-truevision.txt'));
    expect(devices.map((d) => d.name)).toEqual([
      'HP Truevision HD',
      'Internal Microphone Array (IDT High Definition Audio CODEC)',
      'Stereo Mix (IDT High Definition Audio CODEC)',
    ]);
    expect(devices.map((d) => d.monitor ?? false)).toEqual([false, false, true]);
    expect(devices[1]!.id).toBe(
      'dshow:audio:@device_cm_{33D9A762-90C8-11D0-BD43-00A0C911CE86}\\wave_{0384A54D-E450-4FE5-909B-075A45EC97C1}',
    );
  });
});

describe('parseDshowDevices — new format ("(video)" / "(audio)" / "(none)")', () => {
  it('reads the OBS Virtual Camera, dedupes a pasted second run, offers "(none)" as video', () => {
    const devices = parseDshowDevices(fixture('dshow/list-devices-new-softcam-obs.txt'));
    expect(devices.map((d) => d.name)).toEqual(['DirectShow Softcam', 'OBS Virtual Camera']);
    const obs = devices[1]!;
    expect(obs.kind).toBe('video');
    expect(obs.id).toBe(
      'dshow:video:@device_sw_{860BB310-5D01-11D0-BD3B-00A0C911CE86}\\{A3FCE0F5-3493-419F-958A-ABA1250EC20B}',
    );
  });

  it('accepts the ffmpeg 7 "[in#0 @ …]" prefix mixed with "[dshow @ …]"', () => {
    const devices = parseDshowDevices(fixture('dshow/list-devices-new-in0-prefix.txt'));
    expect(devices.map((d) => [d.kind, d.name])).toEqual([
      ['video', 'screen-capture-recorder'],
      ['audio', 'virtual-audio-capturer'],
    ]);
    expect(devices[1]!.details?.alternativeName).toBe(
      '@device_sw_{33D9A762-90C8-11D0-BD43-00A0C911CE86}\\{8E146464-DB61-4309-AFA1-3578E927E935}',
    );
  });

  it('handles CRLF, Cyrillic, ®, embedded quotes and a missing alternative name (synthetic)', () => {
    const devices = parseDshowDevices(fixture('dshow/synthetic-new-format-crlf-nonascii-quotes.txt'));
    expect(devices.map((d) => [d.kind, d.name])).toEqual([
      ['video', 'Cam Link 4K'],
      ['video', 'OBS Virtual Camera'],
      ['audio', 'Mikrofon (Realtek® Audio)'],
      ['audio', 'Микрофон (2- Behringer UMC204HD 192k)'],
      ['audio', 'Analogue 1 + 2 (Focusrite USB Audio)'],
      ['audio', 'Mic "Stage Left" (USB)'],
    ]);
    expect(devices[4]!.id).toBe('dshow:audio:Analogue 1 + 2 (Focusrite USB Audio)');
    expect(devices[4]!.input).toBe('audio=Analogue 1 + 2 (Focusrite USB Audio)');
    expect(devices.some((d) => d.name.includes('\r'))).toBe(false);
  });

  it('splits a "(video, audio)" device into two, one id per kind (constructed line)', () => {
    const devices = parseDshowDevices(
      '[dshow @ 0] "USB Capture HDMI" (video, audio)\n[dshow @ 0]   Alternative name "@device_pnp_x"',
    );
    expect(devices.map((d) => d.id)).toEqual(['dshow:video:@device_pnp_x', 'dshow:audio:@device_pnp_x']);
  });

  it('yields nothing from the "Unknown input format" of an ffmpeg without dshow', () => {
    expect(parseDshowDevices(fixture('dshow/local-debian12-unknown-input-format.txt'))).toEqual([]);
  });
});

describe('parseDshowOptions', () => {
  it('reads MJPEG and YUYV modes with their fps range and merges repeated lines', () => {
    const modes = parseDshowOptions(fixture('dshow/list-options-uvc-camera-mjpeg-yuyv.txt'));
    expect(modes).toEqual([
      { width: 1280, height: 720, fps: [], minFps: 15, maxFps: 30, codec: 'mjpeg' },
      { width: 1920, height: 1080, fps: [], minFps: 15, maxFps: 30, codec: 'raw', pixelFormat: 'yuyv422' },
    ]);
  });

  it('ignores the ≥ 4.4 colour-info suffix', () => {
    const modes = parseDshowOptions(fixture('dshow/list-options-new-full-hd-webcam-colorinfo.txt'));
    expect(modes.map((m) => `${m.codec ?? ''} ${m.width}x${m.height}@${m.maxFps ?? 0}`)).toEqual([
      'mjpeg 640x480@30',
      'mjpeg 160x120@30',
      'mjpeg 176x144@30',
      'mjpeg 320x240@30',
      'mjpeg 352x288@30',
      'mjpeg 640x360@30',
    ]);
  });

  it('reads H.264 and MJPEG pins (C920 excerpt) and indented pastes (BRIO)', () => {
    const c920 = parseDshowOptions(fixture('dshow/list-options-c920-h264-mjpeg-excerpt.txt'));
    expect(c920.filter((m) => m.codec === 'h264').map((m) => m.width)).toEqual([
      864, 960, 1024, 1280, 1600, 1920,
    ]);
    expect(c920.filter((m) => m.codec === 'mjpeg').map((m) => `${m.width}x${m.height}`)).toEqual([
      '640x480',
      '160x90',
    ]);
    const brio = parseDshowOptions(fixture('dshow/list-options-logitech-brio.txt'));
    expect(brio).toHaveLength(6);
    expect(brio[0]).toEqual({
      width: 640,
      height: 480,
      fps: [],
      minFps: 5,
      maxFps: 30,
      codec: 'raw',
      pixelFormat: 'yuyv422',
    });
  });

  it('reads the old single-space layout with a non-ASCII pin name', () => {
    const modes = parseDshowOptions(fixture('dshow/list-options-old-integrated-webcam-zh.txt'));
    expect(modes.map((m) => [m.width, m.height, m.minFps, m.maxFps])).toEqual([
      [640, 480, 10, 30],
      [352, 288, 10, 30],
    ]);
  });

  it('never throws on garbage', () => {
    for (const g of GARBAGE) {
      expect(parseDshowDevices(g)).toEqual([]);
      expect(parseDshowOptions(g)).toEqual([]);
    }
  });
});
