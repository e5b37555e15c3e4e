// Enumeration on Linux through the injected exec and file system, on real listing outputs (fixtures):
// V4L2 from sysfs with modes, PulseAudio, ALSA, X11 screens, DeckLink; fallbacks and failures.
import { describe, expect, it } from 'vitest';
import { parseFfmpegInputDevices } from '../../../electron/core/devices/availability.js';
import { enumerateDevices, type EnumerateDeps } from '../../../electron/core/devices/enumerate.js';
import { DeviceListSchema, type DeviceList } from '../../../electron/shared/devices.js';
import { fixture } from './fixture.js';
import { fakeExec, fakeFs, ffmpegOutput, NO_FS, type FakeAnswer } from './fake-exec.js';

const DEBIAN_INPUTS = [...parseFfmpegInputDevices(fixture('ffmpeg/local-debian12-ffmpeg5.1-devices.txt'))];
const CAM_LINK_BUS = '/sys/devices/pci0000:00/0000:00:14.0/usb2/2-1/2-1:1.0';
const C920_BUS = '/sys/devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0';

const SYSFS = fakeFs({
  dirs: { '/sys/class/video4linux': ['video0', 'video1', 'video2'] },
  files: {
    '/sys/class/video4linux/video0/name': 'Cam Link 4K: Cam Link 4K\n',
    '/sys/class/video4linux/video0/index': '0\n',
    '/sys/class/video4linux/video1/name': 'Cam Link 4K: Cam Link 4K\n',
    '/sys/class/video4linux/video1/index': '1\n',
    '/sys/class/video4linux/video2/name': 'HD Pro Webcam C920\n',
    '/sys/class/video4linux/video2/index': '0\n',
    '/proc/asound/cards': fixture('alsa/proc-asound-cards-scarlett-6i6.txt'),
  },
  links: {
    '/sys/class/video4linux/video0/device': CAM_LINK_BUS,
    '/sys/class/video4linux/video1/device': CAM_LINK_BUS,
    '/sys/class/video4linux/video2/device': C920_BUS,
  },
});

/** A Linux machine with a Cam Link and a C920, PulseAudio, a Scarlett, and an X display with two screens. */
const LINUX: Record<string, FakeAnswer> = {
  'v4l2-ctl -d /dev/video0 --list-formats-ext': { stdout: fixture('v4l2/v4l2ctl-cam-link-4k-2160p30.txt') },
  'v4l2-ctl -d /dev/video2 --list-formats-ext': { stdout: fixture('v4l2/v4l2ctl-c920-yuyv-h264-elided.txt') },
  'pactl -f json list sources': { stdout: fixture('pulse/local-pactl-json-list-sources.txt') },
  'arecord -l': { stdout: fixture('alsa/arecord-l-scarlett-4i4.txt') },
  'xdpyinfo -display :99': { stdout: fixture('x11/local-xdpyinfo-xvfb-two-screens-excerpt.txt') },
};

function deps(
  table: Record<string, FakeAnswer>,
  over: Partial<EnumerateDeps> = {},
): EnumerateDeps & {
  fake: ReturnType<typeof fakeExec>;
} {
  const fake = fakeExec(table);
  return {
    platform: 'linux',
    exec: fake.exec,
    fs: SYSFS,
    env: { DISPLAY: ':99' },
    ffmpeg: '/usr/bin/ffmpeg',
    inputDevices: DEBIAN_INPUTS,
    fake,
    ...over,
  };
}

const ids = (l: DeviceList): string[] => [...l.video, ...l.audio].map((d) => d.id);
const status = (l: DeviceList, backend: string): unknown => l.backends.find((b) => b.backend === backend);

describe('enumeration on Linux', () => {
  it('lists V4L2 nodes from sysfs with their modes, pulse and ALSA inputs, and every X screen', async () => {
    const d = deps(LINUX);
    const list = DeviceListSchema.parse(await enumerateDevices(d));
    expect(list.video.map((v) => v.id)).toEqual([
      `v4l2:${CAM_LINK_BUS}`,
      `v4l2:${C920_BUS}`,
      'x11grab::99.0',
      'x11grab::99.1',
    ]);
    const camLink = list.video[0];
    expect(camLink).toMatchObject({ name: 'Cam Link 4K', input: '/dev/video0', backend: 'v4l2' });
    expect(camLink?.modes).toContainEqual(expect.objectContaining({ width: 3840, height: 2160, fps: [30] }));
    expect(list.video[1]?.modes.some((m) => m.codec === 'h264')).toBe(true);
    expect(list.video[3]).toMatchObject({
      input: ':99.1',
      name: 'X11 screen :99.1 (1920x1080)',
      modes: [{ width: 1920, height: 1080 }],
    });
    expect(list.video[2]?.isDefault).toBe(true);

    expect(list.audio.map((a) => a.id)).toEqual([
      'pulse:stage_mix.monitor',
      'pulse:regie_pgm.monitor',
      'pulse:null_input',
      'alsa:hw:CARD=Gen,DEV=0',
      'alsa:hw:CARD=PCH,DEV=0',
    ]);
    expect(list.audio[0]).toMatchObject({ monitor: true, input: 'stage_mix.monitor' });
  });

  it('says why the other backends are missing: DeckLink not in this ffmpeg, other OSes’ APIs', async () => {
    const list = await enumerateDevices(deps(LINUX));
    expect(list.backends.map((b) => b.backend)).toEqual([
      'v4l2',
      'decklink',
      'x11grab',
      'pulse',
      'alsa',
      'jack',
      'avfoundation',
      'dshow',
      'gdigrab',
    ]);
    expect(status(list, 'decklink')).toEqual({
      backend: 'decklink',
      available: false,
      reason:
        'DeckLink: this ffmpeg was built without DeckLink support; choose a DeckLink-enabled ffmpeg in settings',
    });
    expect(status(list, 'dshow')).toEqual({
      backend: 'dshow',
      available: false,
      reason: 'DirectShow: a Windows capture API; this machine runs Linux',
    });
    expect(status(list, 'avfoundation')).toMatchObject({
      available: false,
      reason: expect.stringMatching(/macOS/) as unknown,
    });
    expect(status(list, 'pulse')).toEqual({ backend: 'pulse', available: true });
  });

  it('puts a timeout on every command, and runs the configured ffmpeg', async () => {
    const d = deps({ ...LINUX, 'v4l2-ctl -d /dev/video0 --list-formats-ext': { stdout: '' } });
    await enumerateDevices(d);
    expect(d.fake.calls.length).toBeGreaterThan(4);
    for (const c of d.fake.calls) expect(c.opts.timeoutMs).toBeGreaterThan(0);
    // No modes from v4l2-ctl: ffmpeg's listing is asked, with the configured binary.
    expect(d.fake.commands()).toContain(
      '/usr/bin/ffmpeg -hide_banner -f v4l2 -list_formats all -i /dev/video0',
    );
    expect(d.fake.calls.find((c) => c.program === 'pactl')?.opts.env).toEqual({ LC_ALL: 'C' });
  });

  it('falls back when tools are missing: ffmpeg for modes, sources and screen size; /proc for ALSA', async () => {
    const d = deps({
      '/usr/bin/ffmpeg -hide_banner -f v4l2 -list_formats all -i /dev/video0': ffmpegOutput(
        fixture('v4l2/list-formats-quoted-mjpeg-yuyv.txt'),
      ),
      '/usr/bin/ffmpeg -hide_banner -sources pulse': {
        stdout: fixture('pulse/local-ffmpeg-sources-pulse.txt'),
      },
      '/usr/bin/ffmpeg -hide_banner -nostdin -f x11grab -i :99.0 -frames:v 1 -f null -': ffmpegOutput(
        fixture('x11/local-ffmpeg-x11grab-frame.txt'),
        0,
      ),
    });
    const list = await enumerateDevices(d);
    expect(list.video[0]?.modes).toContainEqual(
      expect.objectContaining({ width: 1920, height: 1080, codec: 'mjpeg', pixelFormat: 'mjpeg' }),
    );
    expect(list.video[1]?.modes).toEqual([]); // C920: nothing answered, modes unknown
    expect(list.video.find((v) => v.backend === 'x11grab')).toMatchObject({
      id: 'x11grab::99.0',
      modes: [{ width: 1920, height: 1080 }],
    });
    expect(list.audio.filter((a) => a.backend === 'pulse').map((a) => a.id)).toEqual([
      'pulse:stage_mix.monitor',
      'pulse:regie_pgm.monitor',
      'pulse:null_input',
    ]);
    // No arecord: one device per card of /proc/asound/cards, with the USB port.
    expect(list.audio.filter((a) => a.backend === 'alsa')).toEqual([
      expect.objectContaining({ id: 'alsa:hw:CARD=PCH,DEV=0' }),
      expect.objectContaining({
        id: 'alsa:hw:CARD=USB,DEV=0',
        details: expect.objectContaining({ location: 'usb-0000:00:14.0-5.4, high speed' }) as unknown,
      }),
    ]);
    expect(list.backends.every((b) => b.available || b.reason)).toBe(true);
  });

  it('reports a missing sound server and an X display that cannot be opened, without throwing', async () => {
    const d = deps({
      'pactl -f json list sources': { stderr: 'Connection failure: Connection refused\n', code: 1 },
      'xdpyinfo -display :99': { stderr: fixture('x11/local-xdpyinfo-no-display.txt'), code: 1 },
    });
    const list = await enumerateDevices(d);
    expect(status(list, 'pulse')).toEqual({
      backend: 'pulse',
      available: false,
      reason:
        'PulseAudio: no PulseAudio/PipeWire sound server could be reached (Connection failure: Connection refused)',
    });
    expect(status(list, 'x11grab')).toMatchObject({
      available: false,
      reason: expect.stringContaining('unable to open display') as unknown,
    });
    expect(ids(list).some((id) => id.startsWith('pulse:') || id.startsWith('x11grab:'))).toBe(false);
  });

  it('reads the failure from ffmpeg when pactl is not installed and no server runs', async () => {
    const d = deps({
      '/usr/bin/ffmpeg -hide_banner -sources pulse': {
        stdout: fixture('pulse/local-ffmpeg-sources-pulse-no-server.txt'),
      },
    });
    const list = await enumerateDevices(d, { backends: ['pulse'] });
    expect(list.backends).toEqual([
      {
        backend: 'pulse',
        available: false,
        reason:
          'PulseAudio: no PulseAudio/PipeWire sound server could be reached (Generic error in an external library)',
      },
    ]);
  });

  it('without xdpyinfo, reads ffmpeg’s “Cannot open display”; without DISPLAY, says so', async () => {
    const d = deps({
      '/usr/bin/ffmpeg -hide_banner -nostdin -f x11grab -i :99.0 -frames:v 1 -f null -': ffmpegOutput(
        fixture('x11/local-ffmpeg-x11grab-no-display.txt'),
      ),
    });
    const list = await enumerateDevices(d, { backends: ['x11grab'] });
    expect(list.backends[0]?.reason).toMatch(/^X11 screen capture: .*Cannot open display/);
    const none = await enumerateDevices(deps(LINUX, { env: {} }), { backends: ['x11grab'] });
    expect(none.backends).toEqual([
      {
        backend: 'x11grab',
        available: false,
        reason: 'X11 screen capture: no X display (DISPLAY is not set)',
      },
    ]);
  });

  it('turns timeouts and a rejecting exec into statuses: enumeration never throws', async () => {
    const timeout: FakeAnswer = {
      code: null,
      error: { kind: 'timeout', message: 'ffmpeg did not answer within 5000 ms' },
    };
    const slow = deps(
      {
        'pactl -f json list sources': timeout,
        'pactl list sources': timeout,
        '/usr/bin/ffmpeg -hide_banner -sources pulse': timeout,
      },
      { inputDevices: [...DEBIAN_INPUTS, 'decklink'] },
    );
    const list = await enumerateDevices(slow, { backends: ['pulse', 'decklink'] });
    expect(status(list, 'pulse')).toMatchObject({
      available: false,
      reason: 'PulseAudio: ffmpeg did not answer within 5000 ms',
    });
    expect(status(list, 'decklink')).toMatchObject({
      available: false,
      reason: expect.stringMatching(/^DeckLink: /) as unknown,
    });

    const broken = deps(LINUX, { exec: () => Promise.reject(new Error('spawn EAGAIN')), fs: NO_FS });
    const all = await enumerateDevices(broken);
    expect(ids(all)).toEqual([]);
    expect(status(all, 'pulse')).toEqual({
      backend: 'pulse',
      available: false,
      reason: 'PulseAudio: the listing failed (spawn EAGAIN)',
    });
  });

  it('lists DeckLink cards with their formats when ffmpeg has DeckLink', async () => {
    const d = deps(
      {
        '/usr/bin/ffmpeg -hide_banner -sources decklink': {
          stdout: fixture('decklink/sources-ultrastudio-express.txt'),
        },
        '/usr/bin/ffmpeg -hide_banner -f decklink -list_formats 1 -i UltraStudio Express': ffmpegOutput(
          fixture('decklink/list-formats-ultrastudio-express-excerpt.txt'),
        ),
      },
      { inputDevices: [...DEBIAN_INPUTS, 'decklink'] },
    );
    const list = await enumerateDevices(d, { backends: ['decklink'] });
    expect(list.backends).toEqual([{ backend: 'decklink', available: true }]);
    expect(list.video).toHaveLength(1);
    expect(list.video[0]).toMatchObject({ name: 'UltraStudio Express', input: 'UltraStudio Express' });
    expect(list.video[0]?.modes.length).toBeGreaterThan(3);
    expect(list.video[0]?.modes[0]?.formatCode).toBeTruthy();
  });

  it('runs `ffmpeg -devices` when the probe gave no device list, and reads DeckLink’s absence from it', async () => {
    const d = deps(
      {
        ...LINUX,
        '/usr/bin/ffmpeg -hide_banner -devices': {
          stdout: fixture('ffmpeg/local-debian12-ffmpeg5.1-devices.txt'),
        },
      },
      { inputDevices: undefined },
    );
    const list = await enumerateDevices(d);
    expect(d.fake.commands()[0]).toBe('/usr/bin/ffmpeg -hide_banner -devices');
    expect(status(list, 'decklink')).toMatchObject({
      available: false,
      reason: expect.stringMatching(/without DeckLink/) as unknown,
    });
  });
});
