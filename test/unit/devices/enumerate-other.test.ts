// Enumeration on Windows (DirectShow + modes per video device, GDI desktop) and macOS (AVFoundation),
// through the same injected exec, on real listing outputs kept as fixtures.
import { describe, expect, it } from 'vitest';
import { enumerateDevices, type EnumerateDeps } from '../../../electron/core/devices/enumerate.js';
import { DeviceListSchema } from '../../../electron/shared/devices.js';
import { fixture } from './fixture.js';
import { fakeExec, ffmpegOutput, NO_FS, type FakeAnswer } from './fake-exec.js';

// The input devices of a Windows and a macOS build of ffmpeg (as `ffmpeg -devices` names them).
const WINDOWS_INPUTS = ['dshow', 'gdigrab', 'lavfi', 'vfwcap'];
const MAC_INPUTS = ['avfoundation', 'lavfi'];
const FFMPEG = 'C:\\ffmpeg\\bin\\ffmpeg.exe';
const WEBCAM =
  'video=@device_pnp_\\\\?\\usb#vid_0c45&pid_6448&mi_00#7&2645f9e4&0&0000#{65e8773d-8f56-11d0-a3b9-00a0c9223196}\\global';
const RECORDER =
  'video=@device_sw_{860BB310-5D01-11D0-BD3B-00A0C911CE86}\\{4EA69364-2C8A-4AE6-A561-56E4B5044439}';

function deps(
  platform: NodeJS.Platform,
  inputs: string[],
  table: Record<string, FakeAnswer>,
): EnumerateDeps & {
  fake: ReturnType<typeof fakeExec>;
} {
  const fake = fakeExec(table);
  return { platform, exec: fake.exec, fs: NO_FS, env: {}, ffmpeg: FFMPEG, inputDevices: inputs, fake };
}

describe('enumeration on Windows', () => {
  const table: Record<string, FakeAnswer> = {
    [`${FFMPEG} -hide_banner -list_devices true -f dshow -i dummy`]: ffmpegOutput(
      fixture('dshow/list-devices-old-integrated-webcam-zh.txt'),
    ),
    [`${FFMPEG} -hide_banner -f dshow -list_options true -i ${WEBCAM}`]: ffmpegOutput(
      fixture('dshow/list-options-old-integrated-webcam-zh.txt'),
    ),
    [`${FFMPEG} -hide_banner -f dshow -list_options true -i ${RECORDER}`]: ffmpegOutput(
      'dummy: Immediate exit requested\n',
    ),
  };

  it('lists dshow cameras with the modes of -list_options, audio inputs, and the desktop', async () => {
    const d = deps('win32', WINDOWS_INPUTS, table);
    const list = DeviceListSchema.parse(await enumerateDevices(d));
    expect(list.video.map((v) => [v.backend, v.name])).toEqual([
      ['dshow', 'Integrated Webcam'],
      ['dshow', 'screen-capture-recorder'],
      ['gdigrab', 'Desktop (all screens)'],
    ]);
    expect(list.video[0]?.input).toBe(WEBCAM);
    expect(list.video[0]?.modes).toContainEqual(
      expect.objectContaining({ width: 640, height: 480, minFps: 10, maxFps: 30, pixelFormat: 'yuyv422' }),
    );
    expect(list.video[1]?.modes).toEqual([]);
    expect(list.audio.map((a) => a.name)).toEqual([
      '麦克风 (High Definition Audio 设备)',
      'virtual-audio-capturer',
    ]);
    // Audio devices have no -list_options run.
    expect(d.fake.commands().filter((c) => c.includes('-list_options'))).toHaveLength(2);
  });

  it('lists the Linux and macOS backends and DeckLink as unavailable, with the reason', async () => {
    const list = await enumerateDevices(deps('win32', WINDOWS_INPUTS, table));
    expect(list.backends.slice(0, 3)).toEqual([
      { backend: 'dshow', available: true },
      { backend: 'gdigrab', available: true },
      {
        backend: 'decklink',
        available: false,
        reason:
          'DeckLink: this ffmpeg was built without DeckLink support; choose a DeckLink-enabled ffmpeg in settings',
      },
    ]);
    expect(list.backends.find((b) => b.backend === 'v4l2')?.reason).toBe(
      'Video4Linux2: a Linux capture API; this machine runs Windows',
    );
    expect(list.backends.find((b) => b.backend === 'pulse')?.available).toBe(false);
  });

  it('offers the OBS Virtual Camera and an untyped "(none)" device as video', async () => {
    const d = deps('win32', WINDOWS_INPUTS, {
      [`${FFMPEG} -hide_banner -list_devices true -f dshow -i dummy`]: ffmpegOutput(
        fixture('dshow/list-devices-new-softcam-obs.txt'),
      ),
    });
    const list = await enumerateDevices(d, { backends: ['dshow'] });
    expect(list.video.map((v) => v.name)).toEqual(
      expect.arrayContaining(['OBS Virtual Camera', 'DirectShow Softcam']),
    );
  });

  it('reads "Unknown input format" as dshow missing from a non-Windows ffmpeg build', async () => {
    const d = deps('win32', [], {
      [`${FFMPEG} -hide_banner -list_devices true -f dshow -i dummy`]: ffmpegOutput(
        fixture('dshow/local-debian12-unknown-input-format.txt'),
      ),
    });
    const list = await enumerateDevices(d, { backends: ['dshow'] });
    expect(list.backends).toEqual([
      {
        backend: 'dshow',
        available: false,
        reason: 'DirectShow: only available in a Windows build of ffmpeg',
      },
    ]);
  });
});

describe('enumeration on macOS', () => {
  it('lists AVFoundation cameras, capture devices, screens and audio inputs among NSLog noise', async () => {
    const d = deps('darwin', MAC_INPUTS, {
      [`${FFMPEG} -hide_banner -f avfoundation -list_devices true -i `]: ffmpegOutput(
        fixture('avfoundation/list-devices-camtwist-dv-vcr.txt'),
      ),
    });
    const list = DeviceListSchema.parse(await enumerateDevices(d));
    expect(list.video.map((v) => v.name)).toEqual([
      'CamTwist',
      'FaceTime HD Camera (Built-in)',
      'CamTwist (2VUY)',
      'DV-VCR',
      'Capture screen 0',
    ]);
    expect(list.video[4]).toMatchObject({
      id: 'avfoundation:video:Capture screen 0',
      input: 'Capture screen 0:none',
    });
    expect(list.audio.map((a) => a.id)).toContain('avfoundation:audio:Built-in Microphone');
    expect(list.backends[0]).toEqual({ backend: 'avfoundation', available: true });
    expect(list.backends.find((b) => b.backend === 'x11grab')?.reason).toBe(
      'X11 screen capture: a Linux capture API; this machine runs macOS',
    );
    expect(d.fake.calls.every((c) => c.opts.timeoutMs > 0)).toBe(true);
  });
});
