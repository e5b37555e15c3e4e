// Device ids stay the same across refreshes and replugs; the diff tells added, removed and re-created
// devices apart; partial refreshes merge; and which sources restart when devices come and go.
import { describe, expect, it } from 'vitest';
import {
  diffDeviceLists,
  enumerateDevices,
  mergeDeviceList,
  type EnumerateDeps,
} from '../../../electron/core/devices/enumerate.js';
import { sourcesToRestart } from '../../../electron/core/devices/reattach.js';
import type { DeviceList } from '../../../electron/shared/devices.js';
import { SourceSchema, type Source } from '../../../electron/shared/show.js';
import { fixture } from './fixture.js';
import { fakeExec, fakeFs } from './fake-exec.js';

const BUS = '/sys/devices/pci0000:00/0000:00:14.0/usb2/2-1/2-1:1.0';

function sysfs(node: string): ReturnType<typeof fakeFs> {
  return fakeFs({
    dirs: { '/sys/class/video4linux': [node] },
    files: {
      [`/sys/class/video4linux/${node}/name`]: 'Cam Link 4K: Cam Link 4K\n',
      [`/sys/class/video4linux/${node}/index`]: '0\n',
    },
    links: { [`/sys/class/video4linux/${node}/device`]: BUS },
  });
}

/** The captured pactl JSON with every source's index moved (the server numbered them anew). */
function reindexedPactl(offset: number): string {
  const data = JSON.parse(fixture('pulse/local-pactl-json-list-sources.txt')) as { index: number }[];
  return JSON.stringify(data.map((s) => ({ ...s, index: s.index + offset })));
}

function deps(node: string, pactl: string): EnumerateDeps {
  return {
    platform: 'linux',
    exec: fakeExec({
      'pactl -f json list sources': { stdout: pactl },
      [`v4l2-ctl -d /dev/${node} --list-formats-ext`]: {
        stdout: fixture('v4l2/v4l2ctl-cam-link-4k-1080p25.txt'),
      },
      'xdpyinfo -display :0': { stdout: fixture('x11/local-xdpyinfo-xvfb-two-screens-excerpt.txt') },
    }).exec,
    fs: sysfs(node),
    env: { DISPLAY: ':0' },
    ffmpeg: 'ffmpeg',
    inputDevices: ['video4linux2', 'v4l2', 'pulse', 'alsa', 'x11grab'],
  };
}

const idsOf = (l: DeviceList): string[] => [...l.video, ...l.audio].map((d) => d.id).sort();

describe('device ids', () => {
  it('are the same on every refresh of the same machine', async () => {
    const a = await enumerateDevices(deps('video0', fixture('pulse/local-pactl-json-list-sources.txt')));
    const b = await enumerateDevices(deps('video0', fixture('pulse/local-pactl-json-list-sources.txt')));
    expect(b).toEqual(a);
    expect(idsOf(a)).toContain(`v4l2:${BUS}`);
    expect(diffDeviceLists(a, b)).toEqual({ added: [], removed: [], replaced: [] });
  });

  it('survive a replug: another /dev/videoN, other PulseAudio indexes; the diff says "replaced"', async () => {
    const before = await enumerateDevices(deps('video0', fixture('pulse/local-pactl-json-list-sources.txt')));
    const after = await enumerateDevices(deps('video3', reindexedPactl(7)));
    expect(idsOf(after)).toEqual(idsOf(before));
    expect(after.video.find((d) => d.backend === 'v4l2')?.input).toBe('/dev/video3');
    const diff = diffDeviceLists(before, after);
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
    expect([...diff.replaced].sort()).toEqual(
      [`v4l2:${BUS}`, 'pulse:stage_mix.monitor', 'pulse:regie_pgm.monitor', 'pulse:null_input'].sort(),
    );
  });

  it('merge a partial refresh into the list, keeping the backend order', async () => {
    const full = await enumerateDevices(deps('video0', fixture('pulse/local-pactl-json-list-sources.txt')));
    const pulseOnly = await enumerateDevices(deps('video0', '[]'), { backends: ['pulse'] });
    const merged = mergeDeviceList(full, pulseOnly, ['pulse'], 'linux');
    expect(merged.audio.filter((d) => d.backend === 'pulse')).toEqual([]);
    expect(merged.video).toEqual(full.video);
    expect(merged.backends.map((b) => b.backend)).toEqual(full.backends.map((b) => b.backend));
    expect(diffDeviceLists(full, merged).removed).toHaveLength(3);
  });
});

describe('sources to restart on a device change', () => {
  const sources: Source[] = [
    SourceSchema.parse({ id: 'room', name: 'Room', kind: 'device', audio: 'pulse:room.monitor' }),
    SourceSchema.parse({
      id: 'cam',
      name: 'Cam',
      kind: 'device',
      video: `v4l2:${BUS}`,
      audio: 'alsa:hw:CARD=Gen,DEV=0',
    }),
    SourceSchema.parse({ id: 'bars', name: 'Bars', kind: 'test' }),
  ];

  it('restarts the non-live sources whose device came back', () => {
    const change = { added: ['pulse:room.monitor', 'alsa:hw:CARD=Gen,DEV=0'], removed: [], replaced: [] };
    expect(
      sourcesToRestart(sources, change, { room: { status: 'no-signal' }, cam: { status: 'live' } }),
    ).toEqual(['room']);
    expect(sourcesToRestart(sources, change, {})).toEqual(['room', 'cam']);
  });

  it('restarts every source whose device went away or was re-created, live or not', () => {
    expect(
      sourcesToRestart(
        sources,
        { added: [], removed: [`v4l2:${BUS}`], replaced: [] },
        { cam: { status: 'live' } },
      ),
    ).toEqual(['cam']);
    expect(
      sourcesToRestart(
        sources,
        { added: [], removed: [], replaced: ['pulse:room.monitor'] },
        { room: { status: 'live' } },
      ),
    ).toEqual(['room']);
    expect(sourcesToRestart(sources, { added: [], removed: ['pulse:other'], replaced: [] }, {})).toEqual([]);
  });
});
