// devices.list on the real core with a private PulseAudio (one null sink) and a private Xvfb: the
// sink's monitor is an audio capture device, the X screen a video capture device with its size, and
// DeckLink (absent from Debian's ffmpeg) is listed as unavailable with the reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceListSchema, type DeviceList } from '../../electron/shared/devices.js';
import { api, call, startCoreProcess, type CoreProcess } from '../helpers/core-process.js';
import { commandLine, descendantsOf, stillAlive } from '../helpers/procfs.js';
import { hasPulseaudio, startPulse, type PulseServer } from '../helpers/pulse.js';
import { hasXvfb, startXvfb, type XServer } from '../helpers/xvfb.js';

const ready = (await hasPulseaudio()) && (await hasXvfb());

describe.skipIf(!ready)('devices.list on this machine', () => {
  let pulse: PulseServer | undefined;
  let x: XServer | undefined;
  let core: CoreProcess | undefined;
  let children: number[] = [];

  beforeAll(async () => {
    pulse = await startPulse('regie_list');
    x = await startXvfb({ width: 1280, height: 720 });
    core = await startCoreProcess([], { ...pulse.env, DISPLAY: x.display });
  });

  afterAll(async () => {
    if (core) children = descendantsOf(core.pid);
    await core?.stop();
    await pulse?.stop();
    await x?.stop();
  });

  async function list(method: 'devices.list' | 'devices.refresh'): Promise<DeviceList> {
    if (!core) throw new Error('no core');
    const res = await call(core, method, {});
    expect(res.status).toBe(200);
    return DeviceListSchema.parse((res.body as { result?: unknown }).result);
  }

  it('shows the null sink monitor, the Xvfb screen, and why DeckLink is missing', async () => {
    const t0 = Date.now();
    const devices = await list('devices.list');
    console.log(`devices.list answered in ${Date.now() - t0} ms`);

    const monitor = devices.audio.find((d) => d.id === 'pulse:regie_list.monitor');
    expect(monitor).toMatchObject({
      backend: 'pulse',
      kind: 'audio',
      input: 'regie_list.monitor',
      monitor: true,
    });

    const screen = devices.video.find((d) => d.id === `x11grab:${x?.display ?? ''}.0`);
    expect(screen).toMatchObject({ backend: 'x11grab', kind: 'video', input: `${x?.display ?? ''}.0` });
    expect(screen?.modes[0]).toMatchObject({ width: 1280, height: 720 });

    const decklink = devices.backends.find((b) => b.backend === 'decklink');
    expect(decklink).toEqual({
      backend: 'decklink',
      available: false,
      reason:
        'DeckLink: this ffmpeg was built without DeckLink support; choose a DeckLink-enabled ffmpeg in settings',
    });
    expect(devices.backends.find((b) => b.backend === 'dshow')?.reason).toMatch(
      /Windows.*this machine runs Linux/,
    );
    expect(devices.backends.find((b) => b.backend === 'pulse')?.available).toBe(true);
  });

  it('puts the same list in the state, and devices.refresh gives the same ids', async () => {
    if (!core) throw new Error('no core');
    const listed = await list('devices.list');
    const state = await api(core, '/api/v1/state');
    const inState = DeviceListSchema.parse((state.body as { devices?: unknown }).devices);
    expect(inState).toEqual(listed);
    const refreshed = await list('devices.refresh');
    const ids = (l: DeviceList): string[] => [...l.video, ...l.audio].map((d) => d.id).sort();
    expect(ids(refreshed)).toEqual(ids(listed));
  });

  it('leaves no process behind once stopped', async () => {
    if (!core) throw new Error('no core');
    const before = descendantsOf(core.pid);
    // The hot-plug watcher runs as a child: `pactl subscribe`.
    expect(before.map(commandLine)).toContainEqual(expect.stringContaining('pactl subscribe'));
    await core.stop();
    core = undefined;
    expect(stillAlive(before)).toEqual([]);
  });

  afterAll(() => {
    expect(stillAlive(children)).toEqual([]);
  });
});
