import { describe, expect, it, vi } from 'vitest';
import type { DisplayLike } from '../../../electron/main/program-window.js';
import {
  ProgramWindow,
  programDisplay,
  programUrl,
  programWindowOptions,
} from '../../../electron/main/program-window.js';
import { recordingLogger } from '../../helpers/quiet-logger.js';
import { FakeWindow } from './fakes.js';

const d = (id: number, x: number, width = 1920, height = 1080): DisplayLike => ({
  id,
  bounds: { x, y: 0, width, height },
  workArea: { x, y: 24, width, height: height - 24 },
});

function setup(
  displays: DisplayLike[],
  primaryId = displays[0]!.id,
  core: string | null = 'http://127.0.0.1:7420',
) {
  const windows: FakeWindow[] = [];
  const changes: boolean[] = [];
  const program = new ProgramWindow({
    create: (extra) => {
      const w = new FakeWindow(extra);
      windows.push(w);
      return w;
    },
    screen: {
      getAllDisplays: () => displays,
      getPrimaryDisplay: () => displays.find((x) => x.id === primaryId)!,
    },
    coreUrl: () => core,
    logger: recordingLogger(),
    onChange: (open) => changes.push(open),
  });
  return { program, windows, changes };
}

describe('the program window', () => {
  it('its page is the console with ?view=program, or one source', () => {
    expect(programUrl('http://127.0.0.1:7420')).toBe('http://127.0.0.1:7420/?view=program');
    expect(programUrl('http://127.0.0.1:7420/', { kind: 'source', id: 'cam 1' })).toBe(
      'http://127.0.0.1:7420/?view=source&id=cam+1',
    );
  });

  it('goes on the first display that is not the primary one', () => {
    const screen = (all: DisplayLike[], primary: number) => ({
      getAllDisplays: () => all,
      getPrimaryDisplay: () => all.find((x) => x.id === primary)!,
    });
    expect(programDisplay(screen([d(1, 0), d(2, 1920), d(3, 3840)], 1))?.id).toBe(2);
    expect(programDisplay(screen([d(7, -1280), d(1, 0)], 1))?.id).toBe(7);
    expect(programDisplay(screen([d(1, 0)], 1))).toBeNull();
  });

  it('full screen, frameless, black, on that display', () => {
    expect(programWindowOptions(d(2, 1920, 1280, 720), d(1, 0))).toMatchObject({
      x: 1920,
      y: 0,
      width: 1280,
      height: 720,
      fullscreen: true,
      frame: false,
      backgroundColor: '#000000',
    });
  });

  it('with a single display: an ordinary 16:9 window in the middle of it', () => {
    const o = programWindowOptions(null, d(1, 0));
    expect(o.fullscreen).toBeUndefined();
    expect(o).toMatchObject({ width: 960, height: 540, x: 480, y: 24 + Math.round((1056 - 540) / 2) });
  });

  it('toggles open and closed, tells the menu, and reloads when the core restarts', () => {
    const { program, windows, changes } = setup([d(1, 0), d(2, 1920)]);
    program.toggle();
    expect(program.isOpen).toBe(true);
    expect(windows[0]?.options).toMatchObject({ x: 1920, fullscreen: true });
    expect(windows[0]?.loaded).toEqual(['http://127.0.0.1:7420/?view=program']);
    program.open(); // already open: nothing new
    expect(windows).toHaveLength(1);
    program.coreReady('http://127.0.0.1:7420');
    expect(windows[0]?.loaded).toHaveLength(2);
    program.toggle();
    expect(windows[0]?.closed).toBe(true);
    expect(program.isOpen).toBe(false);
    program.coreReady('http://127.0.0.1:7420');
    expect(windows[0]?.loaded).toHaveLength(2);
    expect(changes).toEqual([true, false]);
  });

  it('show(view): opens on a source, switches the same window, keeps its view across a core restart', () => {
    const { program, windows, changes } = setup([d(1, 0), d(2, 1920)]);
    program.show({ kind: 'source', id: 'cam' });
    expect(windows[0]?.loaded).toEqual(['http://127.0.0.1:7420/?view=source&id=cam']);
    program.show({ kind: 'source', id: 'cam' }); // already shown: no reload
    program.show({ kind: 'source', id: 'slides' });
    program.coreReady('http://127.0.0.1:7421');
    expect(windows).toHaveLength(1);
    expect(windows[0]?.loaded).toEqual([
      'http://127.0.0.1:7420/?view=source&id=cam',
      'http://127.0.0.1:7420/?view=source&id=slides',
      'http://127.0.0.1:7421/?view=source&id=slides',
    ]);
    program.show({ kind: 'program' });
    expect(windows[0]?.loaded.at(-1)).toBe('http://127.0.0.1:7420/?view=program');
    // Closed, then opened from the menu: the program again, not the last source.
    program.toggle();
    program.show({ kind: 'source', id: 'cam' });
    program.toggle();
    program.toggle();
    expect(windows[2]?.loaded).toEqual(['http://127.0.0.1:7420/?view=program']);
    expect(changes).toEqual([true, false, true, false, true]);
  });

  it('the operator closing it (Esc, Alt+F4) is noticed', () => {
    const { program, windows, changes } = setup([d(1, 0), d(2, 1920)]);
    program.open();
    windows[0]!.tryClose();
    expect(program.isOpen).toBe(false);
    expect(changes).toEqual([true, false]);
    program.open();
    expect(windows).toHaveLength(2);
  });

  it('opened while the core is down: it loads once the core is ready', () => {
    const { program, windows } = setup([d(1, 0), d(2, 1920)], 1, null);
    program.open();
    expect(windows[0]?.loaded).toEqual([]);
    program.coreReady('http://127.0.0.1:7421');
    expect(windows[0]?.loaded).toEqual(['http://127.0.0.1:7421/?view=program']);
  });

  it('a page that fails to load is a log line', async () => {
    const { program, windows } = setup([d(1, 0)]);
    const logger = recordingLogger();
    const failing = new ProgramWindow({
      create: () => {
        const w = new FakeWindow();
        w.loadURL = vi.fn(() => Promise.reject(new Error('ERR_CONNECTION_REFUSED')));
        return w;
      },
      screen: { getAllDisplays: () => [d(1, 0)], getPrimaryDisplay: () => d(1, 0) },
      coreUrl: () => 'http://127.0.0.1:7420',
      logger,
      onChange: () => undefined,
    });
    failing.open();
    await new Promise((resolve) => setImmediate(resolve));
    expect(logger.lines.map((l) => l.level)).toContain('warn');
    program.open();
    expect(windows[0]?.options.fullscreen).toBeUndefined();
  });
});
