import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { DisplayLike } from '../../../electron/main/program-window.js';
import type { WindowState } from '../../../electron/main/window-state.js';
import {
  applyRestoredState,
  isOnScreen,
  loadWindowState,
  parseWindowState,
  restoreOptions,
  saveWindowState,
  trackWindowState,
} from '../../../electron/main/window-state.js';
import { recordingLogger } from '../../helpers/quiet-logger.js';
import { FakeWindow } from './fakes.js';

const laptop: DisplayLike = {
  id: 1,
  bounds: { x: 0, y: 0, width: 1366, height: 768 },
  workArea: { x: 0, y: 0, width: 1366, height: 740 },
};
const external: DisplayLike = {
  id: 2,
  bounds: { x: 1366, y: 0, width: 2560, height: 1440 },
  workArea: { x: 1366, y: 0, width: 2560, height: 1410 },
};
const onExternal: WindowState = {
  version: 1,
  bounds: { x: 1500, y: 100, width: 2000, height: 1200 },
  maximized: false,
  fullScreen: true,
};
const dir = mkdtempSync(join(tmpdir(), 'regie-window-state-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.useRealTimers());

describe('loading the window state', () => {
  it('restores a state that a display shows', () => {
    const logger = recordingLogger();
    expect(parseWindowState(JSON.stringify(onExternal), [laptop, external], laptop, logger)).toEqual(
      onExternal,
    );
    expect(logger.lines).toEqual([]);
  });

  it('the display it was on is gone: no position (centred), size at most the primary display, with a log line', () => {
    const logger = recordingLogger();
    const state = parseWindowState(JSON.stringify(onExternal), [laptop], laptop, logger);
    expect(state).toEqual({ ...onExternal, bounds: { width: 1366, height: 740 } });
    expect(restoreOptions(state)).toEqual({ width: 1366, height: 740, fullscreen: true });
    expect(logger.lines).toEqual([{ level: 'info', msg: expect.stringMatching(/no display/) as unknown }]);
  });

  it('a corrupt or foreign file is ignored, with a log line', () => {
    for (const text of [
      '{"version":1,"bounds":',
      '',
      'null',
      '[]',
      JSON.stringify({ ...onExternal, version: 2 }),
      JSON.stringify({ ...onExternal, bounds: { x: 0, y: 0, width: 10, height: 10 } }),
      JSON.stringify({ ...onExternal, bounds: { x: 0.5, y: 0, width: 800, height: 600 } }),
      JSON.stringify({ ...onExternal, maximized: 'yes' }),
    ]) {
      const logger = recordingLogger();
      expect(parseWindowState(text, [laptop, external], laptop, logger), text).toBeNull();
      expect(
        logger.lines.map((l) => l.level),
        text,
      ).toEqual(['warn']);
    }
  });

  it('no file yet: nothing to restore, silently', () => {
    const logger = recordingLogger();
    expect(loadWindowState(join(dir, 'missing.json'), [laptop], laptop, logger)).toBeNull();
    expect(restoreOptions(null)).toEqual({});
    expect(logger.lines).toEqual([]);
  });

  it('on screen means at least a grabbable strip on some display', () => {
    const at = (x: number, y: number) => ({ x, y, width: 800, height: 600 });
    expect(isOnScreen(at(0, 0), [laptop])).toBe(true);
    expect(isOnScreen(at(1366 - 100, 740 - 50), [laptop])).toBe(true);
    expect(isOnScreen(at(1366 - 99, 0), [laptop])).toBe(false);
    expect(isOnScreen(at(-800, 0), [laptop])).toBe(false);
    expect(isOnScreen(at(2000, 300), [laptop, external])).toBe(true);
  });
});

describe('saving the window state', () => {
  it('round-trips through the file, written atomically', () => {
    const file = join(dir, 'sub', 'window-state.json');
    saveWindowState(file, onExternal, recordingLogger());
    expect(existsSync(`${file}.tmp`)).toBe(false);
    expect(loadWindowState(file, [laptop, external], laptop, recordingLogger())).toEqual(onExternal);
  });

  it('a failed write is a log line, not a crash', () => {
    const blocker = join(dir, 'blocker');
    writeFileSync(blocker, 'a file where a folder should be');
    const logger = recordingLogger();
    saveWindowState(join(blocker, 'window-state.json'), onExternal, logger);
    expect(logger.lines.map((l) => l.level)).toEqual(['warn']);
  });

  it('debounces moves and resizes, and saves at once when the window closes', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const win = new FakeWindow({ x: 10, y: 20, width: 1200, height: 700 });
    const saved: WindowState[] = [];
    trackWindowState(win, (s) => saved.push(s), 500);
    for (let i = 0; i < 10; i++) {
      win.bounds = { ...win.bounds, x: 10 + i };
      win.emit('move');
      vi.advanceTimersByTime(100);
    }
    expect(saved).toEqual([]);
    vi.advanceTimersByTime(400);
    expect(saved).toEqual([
      { version: 1, bounds: { x: 19, y: 20, width: 1200, height: 700 }, maximized: false, fullScreen: false },
    ]);
    win.maximize();
    win.fullScreen = true;
    win.emit('enter-full-screen');
    win.tryClose();
    expect(saved).toHaveLength(2);
    expect(saved[1]).toMatchObject({ maximized: true, fullScreen: true });
    vi.advanceTimersByTime(1000);
    expect(saved).toHaveLength(2);
  });

  it('a restored maximized window maximizes when it shows, not before', () => {
    const win = new FakeWindow();
    applyRestoredState(win, { ...onExternal, maximized: true, fullScreen: false });
    expect(win.maximized).toBe(false);
    win.emit('ready-to-show');
    expect(win.maximized).toBe(true);
    const other = new FakeWindow();
    applyRestoredState(other, null);
    other.emit('ready-to-show');
    expect(other.maximized).toBe(false);
  });

  it('the file the app writes is plain JSON an operator can read', () => {
    const file = join(dir, 'readable.json');
    saveWindowState(file, onExternal, recordingLogger());
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(onExternal);
  });
});
