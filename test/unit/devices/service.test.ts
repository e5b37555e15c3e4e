// The device service with a fake exec and a fake watcher: first enumeration, debounced partial
// refreshes on hot-plug hints, 'changed' with added/removed ids, modes listed once per device.
// And the hot-plug watcher itself with a fake `pactl subscribe`, fake directory watches and fake timers.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DeviceService, type DeviceChange } from '../../../electron/core/devices/service.js';
import { HotplugWatcher, type WatchDir } from '../../../electron/core/devices/watch.js';
import type { DeviceBackend } from '../../../electron/shared/devices.js';
import type { KillFn } from '../../../electron/core/process/supervisor.js';
import { fakeSpawner } from '../../helpers/fake-child.js';
import { recordingLogger } from '../../helpers/quiet-logger.js';
import { fixture } from './fixture.js';
import { fakeExec, fakeFs } from './fake-exec.js';

const BASE = JSON.parse(fixture('pulse/local-pactl-json-list-sources.txt')) as Record<string, unknown>[];
const USB_MIC = {
  ...BASE[2],
  index: 9,
  name: 'alsa_input.usb-Focusrite_Scarlett.analog-stereo',
  description: 'Scarlett',
};
const tick = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function setup(): {
  service: DeviceService;
  fake: ReturnType<typeof fakeExec>;
  sources: Record<string, unknown>[];
  hint: (backends: DeviceBackend[]) => void;
  changes: DeviceChange[];
  watcher: { started: number; stopped: number };
} {
  const sources = [...BASE];
  const fake = fakeExec({
    'pactl -f json list sources': () => ({ stdout: JSON.stringify(sources) }),
    'v4l2-ctl -d /dev/video0 --list-formats-ext': { stdout: fixture('v4l2/v4l2ctl-cam-link-4k-1080p25.txt') },
  });
  const watcher = { started: 0, stopped: 0 };
  let onChange: (b: DeviceBackend[]) => void = () => undefined;
  const service = new DeviceService({
    enumerate: {
      platform: 'linux',
      exec: fake.exec,
      fs: fakeFs({
        dirs: { '/sys/class/video4linux': ['video0'] },
        files: { '/sys/class/video4linux/video0/name': 'Cam Link 4K\n' },
      }),
      env: {},
      ffmpeg: 'ffmpeg',
      inputDevices: ['v4l2', 'pulse', 'alsa'],
    },
    logger: recordingLogger(),
    debounceMs: 30,
    createWatcher: (cb) => {
      onChange = cb;
      return {
        start: () => void (watcher.started += 1),
        stop: () => {
          watcher.stopped += 1;
          return Promise.resolve();
        },
      };
    },
  });
  const changes: DeviceChange[] = [];
  service.on('changed', (c) => changes.push(c));
  return { service, fake, sources, hint: (b) => onChange(b), changes, watcher };
}

describe('DeviceService', () => {
  it('enumerates once at start, then only the hinted backend, debounced, with added and removed ids', async () => {
    const { service, fake, sources, hint, changes, watcher } = setup();
    service.start();
    expect(watcher.started).toBe(1);
    const first = await service.ready();
    expect(first.audio.map((a) => a.id)).toEqual([
      'pulse:stage_mix.monitor',
      'pulse:regie_pgm.monitor',
      'pulse:null_input',
    ]);
    expect(changes).toHaveLength(1);
    expect(changes[0]?.added).toHaveLength(4);
    const runs = fake.commands().length;

    sources.push(USB_MIC);
    hint(['pulse']);
    hint(['pulse']);
    hint(['pulse']);
    await tick(120);
    expect(changes).toHaveLength(2);
    expect(changes[1]).toMatchObject({
      added: ['pulse:alsa_input.usb-Focusrite_Scarlett.analog-stereo'],
      removed: [],
    });
    // One pactl run for three hints, and nothing else (no V4L2 listing).
    expect(fake.commands().slice(runs)).toEqual(['pactl -f json list sources']);
    expect(service.current().video).toEqual(first.video);

    sources.pop();
    hint(['pulse']);
    await tick(120);
    expect(changes[2]).toMatchObject({
      added: [],
      removed: ['pulse:alsa_input.usb-Focusrite_Scarlett.analog-stereo'],
    });

    hint(['pulse']);
    await tick(120);
    expect(changes).toHaveLength(3); // nothing changed: no event

    await service.stop();
    expect(watcher.stopped).toBe(1);
  });

  it('lists a known device’s modes again only on an explicit refresh', async () => {
    const { service, fake, hint } = setup();
    service.start();
    await service.ready();
    const modeRuns = (): number => fake.commands().filter((c) => c.startsWith('v4l2-ctl')).length;
    expect(modeRuns()).toBe(1);
    hint(['v4l2']);
    await tick(120);
    expect(modeRuns()).toBe(1);
    expect(service.current().video[0]?.modes.length).toBeGreaterThan(0);
    await service.refresh({ listModes: 'all' });
    expect(modeRuns()).toBe(2);
    await service.stop();
  });

  it('runs one enumeration at a time and ignores hints once stopped', async () => {
    const { service, fake, hint, changes } = setup();
    service.start();
    const [a, b] = await Promise.all([service.refresh(), service.refresh()]);
    expect(b).toEqual(a);
    await service.stop();
    const runs = fake.commands().length;
    hint(['pulse']);
    await tick(80);
    expect(fake.commands().length).toBe(runs);
    expect(changes).toHaveLength(1);
  });
});

describe('HotplugWatcher', () => {
  afterEach(() => vi.useRealTimers());
  const kill: KillFn = () => undefined;

  it('on Linux: pactl subscribe source events, /dev video nodes and /dev/snd ask for their backend', async () => {
    const { spawn, children, calls } = fakeSpawner();
    const watched = new Map<string, (f: string | null) => void>();
    const watchDir: WatchDir = (path, onEvent) => {
      watched.set(path, onEvent);
      return { close: () => watched.delete(path), on: () => undefined };
    };
    const hints: DeviceBackend[][] = [];
    const w = new HotplugWatcher({
      platform: 'linux',
      backends: ['v4l2', 'x11grab', 'pulse', 'alsa'],
      env: { PULSE_SERVER: 'unix:/tmp/x' },
      logger: recordingLogger(),
      onChange: (b) => hints.push(b),
      watchDir,
      exists: (p) => p === '/dev/snd',
      spawn,
      kill,
    });
    w.start();
    expect(calls).toEqual([{ command: 'pactl', args: ['subscribe'] }]);
    const pactl = children[0];
    if (!pactl) throw new Error('no pactl');
    pactl.spawned();
    pactl.stdout.write(fixture('pulse/local-pactl-subscribe-load-unload.txt'));
    await tick(10);
    expect(hints).toEqual([['pulse'], ['pulse']]);

    hints.length = 0;
    watched.get('/dev')?.('video4');
    watched.get('/dev')?.('tty1');
    watched.get('/dev/snd')?.('pcmC1D0c');
    expect(hints).toEqual([['v4l2'], ['alsa']]);

    // The sound server goes away: pulse is enumerated again (its sources are gone), pactl restarts later.
    hints.length = 0;
    pactl.exit(1);
    expect(hints).toEqual([['pulse']]);
    await w.stop();
    expect(watched.size).toBe(0);
  });

  it('on macOS and Windows: polls its backends every 3 s, DeckLink every 10 s', () => {
    vi.useFakeTimers();
    const hints: DeviceBackend[][] = [];
    const w = new HotplugWatcher({
      platform: 'win32',
      backends: ['dshow', 'gdigrab', 'decklink'],
      env: {},
      logger: recordingLogger(),
      onChange: (b) => hints.push(b),
    });
    w.start();
    vi.advanceTimersByTime(9000);
    expect(hints).toEqual([
      ['dshow', 'gdigrab'],
      ['dshow', 'gdigrab'],
      ['dshow', 'gdigrab'],
    ]);
    vi.advanceTimersByTime(1000);
    expect(hints.at(-1)).toEqual(['decklink']);
    void w.stop();
    vi.advanceTimersByTime(10_000);
    expect(hints).toHaveLength(4);
  });
});
