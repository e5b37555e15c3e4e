import { describe, expect, it, vi } from 'vitest';
import type { AppMenuActions } from '../../../electron/main/app.js';
import { runApp, showFromArgv } from '../../../electron/main/app.js';
import type { IpcMainLike } from '../../../electron/main/ipc.js';
import type { MenuState } from '../../../electron/main/menu.js';
import type { OnAir, Question } from '../../../electron/main/on-air.js';
import type { DisplayLike } from '../../../electron/main/program-window.js';
import { recordingLogger } from '../../helpers/quiet-logger.js';
import { FakeApp, FakeCore, FakeWindow, flush } from './fakes.js';

const display = (id: number, x: number): DisplayLike => ({
  id,
  bounds: { x, y: 0, width: 1920, height: 1080 },
  workArea: { x, y: 0, width: 1920, height: 1050 },
});

interface Options {
  lock?: boolean;
  answer?: boolean;
  onAir?: OnAir | null;
  show?: string | null;
  displays?: DisplayLike[];
}

function setup(opts: Options = {}) {
  const app = new FakeApp();
  app.requestSingleInstanceLock.mockReturnValue(opts.lock ?? true);
  const core = new FakeCore();
  const windows: FakeWindow[] = [];
  const programs: FakeWindow[] = [];
  const coreUrls: (() => string | null)[] = [];
  const channels: string[] = [];
  const handlers = new Map<string, Parameters<IpcMainLike['handle']>[1]>();
  const ipcMain: IpcMainLike = {
    on: (channel) => channels.push(channel),
    removeAllListeners: () => undefined,
    handle: (channel, listener) => {
      channels.push(channel);
      handlers.set(channel, listener);
    },
    removeHandler: () => undefined,
  };
  const menus: { actions: AppMenuActions; state: MenuState }[] = [];
  const questions: Question[] = [];
  const ask = vi.fn((_win: FakeWindow | null, q: Question) => {
    questions.push(q);
    return Promise.resolve(opts.answer ?? true);
  });
  const onAir = vi.fn(() => Promise.resolve(opts.onAir ?? null));
  const chooseShow = vi.fn((_win: FakeWindow | null) => Promise.resolve(opts.show ?? null));
  const displays = opts.displays ?? [display(1, 0)];
  app.quit.mockImplementation(() => {
    core.log.push('app.quit');
    if (!app.fire('before-quit')) app.quitted = true;
  });
  runApp({
    app,
    ipcMain,
    core,
    createWindow: (coreUrl) => {
      coreUrls.push(coreUrl);
      const w = new FakeWindow();
      windows.push(w);
      return w;
    },
    createProgramWindow: (_coreUrl, extra) => {
      const w = new FakeWindow(extra);
      programs.push(w);
      return w;
    },
    screen: { getAllDisplays: () => displays, getPrimaryDisplay: () => displays[0]! },
    setMenu: (actions, state) => menus.push({ actions, state }),
    onAir,
    ask,
    chooseShow,
    showOpenDialog: () => Promise.resolve({ canceled: true, filePaths: [] }),
    logDir: '/data/logs',
    logger: recordingLogger(),
  });
  const menu = (): AppMenuActions => menus.at(-1)!.actions;
  /** An invoke from a page at `url` (the preload's ipcRenderer.invoke). */
  const invoke = (channel: string, url: string, ...args: unknown[]): Promise<unknown> => {
    const handler = handlers.get(channel);
    if (handler === undefined) throw new Error(`no handler for ${channel}`);
    return handler({ senderFrame: { url } }, ...args);
  };
  return {
    app,
    core,
    windows,
    programs,
    coreUrls,
    channels,
    menus,
    menu,
    ask,
    questions,
    onAir,
    chooseShow,
    invoke,
  };
}

async function started(opts: Options = {}) {
  const s = setup(opts);
  s.app.becomeReady();
  await flush();
  return s;
}

describe('the app lifecycle', () => {
  it('a second instance quits at once and starts no core', async () => {
    const { app, core } = setup({ lock: false });
    app.becomeReady();
    await flush();
    expect(app.quit).toHaveBeenCalled();
    expect(core.start).not.toHaveBeenCalled();
  });

  it('on ready: menu, the bridge channels, the core; the window opens when the core is ready', async () => {
    const { core, windows, channels, menus } = await started();
    expect(menus).toHaveLength(1);
    expect(menus[0]?.state).toEqual({ programWindowOpen: false });
    expect(channels.sort()).toEqual([
      'regie:choose-file',
      'regie:choose-folder',
      'regie:connection',
      'regie:second-display',
    ]);
    expect(core.start).toHaveBeenCalledOnce();
    expect(windows).toEqual([]);
    core.ready('http://127.0.0.1:40123');
    expect(windows).toHaveLength(1);
    expect(windows[0]?.loaded).toEqual(['http://127.0.0.1:40123/']);
  });

  it('the window follows the core: its allowed origin, no reload on the same address, a load on a new one', async () => {
    const { core, windows, coreUrls } = await started();
    core.ready('http://127.0.0.1:40123');
    expect(coreUrls[0]?.()).toBe('http://127.0.0.1:40123');
    core.down('killed by SIGSEGV', 1);
    expect(coreUrls[0]?.()).toBeNull();
    // restarted on its port: the page stays (it reconnects by itself, an open dialog survives)
    core.ready('http://127.0.0.1:40123');
    expect(windows[0]?.loaded).toEqual(['http://127.0.0.1:40123/']);
    expect(coreUrls[0]?.()).toBe('http://127.0.0.1:40123');
    core.down('killed by SIGSEGV', 1);
    core.ready('http://127.0.0.1:40999');
    expect(windows).toHaveLength(1);
    expect(windows[0]?.loaded).toEqual(['http://127.0.0.1:40123/', 'http://127.0.0.1:40999/']);
    expect(coreUrls[0]?.()).toBe('http://127.0.0.1:40999');
  });

  it('a core that goes down: the console stays (it shows "restarting"), the error page only after 3 failures', async () => {
    const { core, windows } = await started();
    core.ready('http://127.0.0.1:40123');
    core.down('killed by SIGKILL', 1);
    core.down('killed by SIGKILL', 2);
    expect(windows[0]?.loaded).toEqual(['http://127.0.0.1:40123/']);
    core.down('killed by SIGKILL', 3);
    expect(windows[0]?.loaded).toHaveLength(2);
    expect(windows[0]?.loaded[1]?.startsWith('data:text/html')).toBe(true);
    core.ready('http://127.0.0.1:40123');
    expect(windows[0]?.loaded.at(-1)).toBe('http://127.0.0.1:40123/');
    expect(windows).toHaveLength(1);
  });

  it('a core that never starts: an error page with its last error, then the console when it comes back', async () => {
    const { core, windows } = await started();
    core.down('No usable ffmpeg <found>', 1);
    core.down('No usable ffmpeg <found>', 2);
    expect(windows).toEqual([]);
    core.down('No usable ffmpeg <found>', 3);
    expect(windows).toHaveLength(1);
    const page = windows[0]?.loaded[0] ?? '';
    expect(page.startsWith('data:text/html')).toBe(true);
    const html = decodeURIComponent(page.slice(page.indexOf(',') + 1));
    expect(html).toContain('No usable ffmpeg &#60;found&#62;');
    expect(html).toContain('/data/logs');
    expect(html).not.toContain('<found>');
    core.ready('http://127.0.0.1:40123');
    expect(windows[0]?.loaded.at(-1)).toBe('http://127.0.0.1:40123/');
  });

  it('a second launch brings the window to the front', async () => {
    const { app, core, windows } = await started();
    core.ready('http://127.0.0.1:40123');
    windows[0]!.minimized = true;
    app.emit('second-instance');
    expect(windows[0]?.minimized).toBe(false);
    expect(windows[0]?.focused).toBe(1);
  });

  it('Help → Keyboard shortcuts dispatches a regie:menu DOM event on the console page', async () => {
    const { core, windows, menu } = await started();
    menu().showShortcuts(); // no window yet: nothing happens
    core.ready('http://127.0.0.1:40123');
    menu().showShortcuts();
    expect(windows[0]?.webContents.scripts).toEqual([
      `window.dispatchEvent(new CustomEvent("regie:menu", { detail: {"command":"shortcuts"} })); undefined`,
    ]);
  });
});

describe('quitting', () => {
  it('nothing on air: closing the window quits without a question; the core stops first', async () => {
    const { app, core, windows, ask, onAir } = await started({ onAir: { live: false, recording: false } });
    core.ready('http://127.0.0.1:40123');
    expect(windows[0]!.tryClose()).toBe(true);
    await flush();
    expect(onAir).toHaveBeenCalledOnce();
    expect(ask).not.toHaveBeenCalled();
    expect(core.stop).toHaveBeenCalledOnce();
    expect(app.quitted).toBe(false);
    core.stopped();
    await flush();
    expect(app.quitted).toBe(true);
    expect(windows[0]!.tryClose()).toBe(false);
    expect(core.log).toEqual(['core.start', 'app.quit', 'core.stop', 'core.stopped', 'app.quit']);
  });

  it('the core unreachable: quits without asking', async () => {
    const { app, core, ask } = await started({ onAir: null });
    core.ready('http://127.0.0.1:40123');
    expect(app.fire('before-quit')).toBe(true);
    await flush();
    expect(ask).not.toHaveBeenCalled();
    expect(core.stop).toHaveBeenCalledOnce();
    core.stopped();
    await flush();
    expect(app.quitted).toBe(true);
  });

  it('live or recording: File → Quit (before-quit) asks; Cancel keeps everything running', async () => {
    const { app, core, windows, ask, questions } = await started({
      onAir: { live: true, recording: true },
      answer: false,
    });
    core.ready('http://127.0.0.1:40123');
    expect(app.fire('before-quit')).toBe(true);
    await flush();
    expect(ask).toHaveBeenCalledWith(windows[0], expect.anything());
    expect(questions[0]?.message).toBe('Streams and recording are running — stop them and quit?');
    expect(core.stop).not.toHaveBeenCalled();
    expect(app.quitted).toBe(false);
    // The window close button asks the same question, and Cancel keeps the window too.
    expect(windows[0]!.tryClose()).toBe(true);
    await flush();
    expect(ask).toHaveBeenCalledTimes(2);
    expect(windows[0]!.closed).toBe(false);
  });

  it('recording only: asking and agreeing stops the core (recording finalized), then quits', async () => {
    const { app, core, questions } = await started({ onAir: { live: false, recording: true }, answer: true });
    core.ready('http://127.0.0.1:40123');
    app.fire('before-quit');
    await flush();
    expect(questions[0]?.message).toBe('Recording is running — stop it and quit?');
    expect(core.stop).toHaveBeenCalledOnce();
    // Asking again while stopping does not stop twice.
    expect(app.fire('before-quit')).toBe(true);
    expect(core.stop).toHaveBeenCalledOnce();
    core.stopped();
    await flush();
    expect(app.quitted).toBe(true);
  });

  it('one question at a time', async () => {
    const { app, core, ask } = await started({ onAir: { live: true, recording: false } });
    core.ready('http://127.0.0.1:40123');
    app.fire('before-quit');
    app.fire('before-quit');
    await flush();
    expect(ask).toHaveBeenCalledOnce();
  });

  it('SIGTERM quits without asking, and still stops the core first', async () => {
    const app = new FakeApp();
    const core = new FakeCore();
    const signals = new Map<string, () => void>();
    const ask = vi.fn(() => Promise.resolve(false));
    runApp({
      app,
      ipcMain: { on: vi.fn(), removeAllListeners: vi.fn(), handle: vi.fn(), removeHandler: vi.fn() },
      core,
      createWindow: () => new FakeWindow(),
      createProgramWindow: () => new FakeWindow(),
      screen: { getAllDisplays: () => [display(1, 0)], getPrimaryDisplay: () => display(1, 0) },
      setMenu: vi.fn(),
      onAir: () => Promise.resolve({ live: true, recording: true }),
      ask,
      chooseShow: () => Promise.resolve(null),
      showOpenDialog: () => Promise.resolve({ canceled: true, filePaths: [] }),
      logDir: '/l',
      logger: recordingLogger(),
      signals: { on: (signal, listener) => signals.set(signal, listener) },
    });
    app.becomeReady();
    await flush();
    signals.get('SIGTERM')?.();
    expect(ask).not.toHaveBeenCalled();
    expect(core.stop).toHaveBeenCalledOnce();
    core.stopped();
    await flush();
    expect(app.quitted).toBe(true);
  });
});

describe('File → Open show…', () => {
  it('restarts the core on the chosen show when nothing is on air; the window reloads on its ready', async () => {
    const { core, windows, menu, ask } = await started({ show: '/shows/sstic.json' });
    core.ready('http://127.0.0.1:40123');
    menu().openShow();
    await flush();
    expect(ask).not.toHaveBeenCalled();
    expect(core.openShow).toHaveBeenCalledWith('/shows/sstic.json');
    core.ready('http://127.0.0.1:40123');
    expect(windows[0]?.loaded).toEqual(['http://127.0.0.1:40123/', 'http://127.0.0.1:40123/']);
  });

  it('asks first while live; Cancel keeps the running show', async () => {
    const { core, menu, questions } = await started({
      show: '/shows/sstic.json',
      onAir: { live: true, recording: false },
      answer: false,
    });
    core.ready('http://127.0.0.1:40123');
    menu().openShow();
    await flush();
    expect(questions[0]?.message).toBe('Streams are running — stop them and open the other show?');
    expect(core.openShow).not.toHaveBeenCalled();
  });

  it('a cancelled file dialog does nothing', async () => {
    const { core, menu, onAir } = await started({ show: null });
    menu().openShow();
    await flush();
    expect(onAir).not.toHaveBeenCalled();
    expect(core.openShow).not.toHaveBeenCalled();
  });
});

describe('Window → Program on second display', () => {
  it('opens full screen on the second display, follows the core, and the menu shows a check mark', async () => {
    const { core, programs, menu, menus } = await started({ displays: [display(1, 0), display(2, 1920)] });
    core.ready('http://127.0.0.1:40123');
    menu().toggleProgramWindow();
    expect(programs).toHaveLength(1);
    expect(programs[0]?.options).toMatchObject({
      x: 1920,
      y: 0,
      width: 1920,
      height: 1080,
      fullscreen: true,
    });
    expect(programs[0]?.loaded).toEqual(['http://127.0.0.1:40123/?view=program']);
    expect(menus.at(-1)?.state).toEqual({ programWindowOpen: true });
    core.down('crash', 1);
    core.ready('http://127.0.0.1:40123');
    expect(programs[0]?.loaded).toHaveLength(2);
    menu().toggleProgramWindow();
    expect(programs[0]?.closed).toBe(true);
    expect(menus.at(-1)?.state).toEqual({ programWindowOpen: false });
  });

  it('a source sent from the console: the same window switches to it; the menu item closes it', async () => {
    const { core, programs, menu, menus, invoke } = await started({
      displays: [display(1, 0), display(2, 1920)],
    });
    core.ready('http://127.0.0.1:40123');
    const page = 'http://127.0.0.1:40123/?token=t';
    await invoke('regie:second-display', page, { kind: 'source', id: 'cam' });
    expect(programs).toHaveLength(1);
    expect(programs[0]?.options).toMatchObject({ x: 1920, fullscreen: true });
    expect(programs[0]?.loaded).toEqual(['http://127.0.0.1:40123/?view=source&id=cam']);
    expect(menus.at(-1)?.state).toEqual({ programWindowOpen: true });
    await invoke('regie:second-display', page, { kind: 'source', id: 'cam' }); // already shown
    await invoke('regie:second-display', page, { kind: 'program' });
    expect(programs).toHaveLength(1);
    expect(programs[0]?.loaded).toEqual([
      'http://127.0.0.1:40123/?view=source&id=cam',
      'http://127.0.0.1:40123/?view=program',
    ]);
    await expect(invoke('regie:second-display', page, { kind: 'source', id: '../x' })).rejects.toThrow(
      /invalid view/,
    );
    await expect(
      invoke('regie:second-display', 'http://evil.example/', { kind: 'source', id: 'cam' }),
    ).rejects.toThrow(/refused/);
    expect(programs[0]?.loaded).toHaveLength(2);
    menu().toggleProgramWindow();
    expect(programs[0]?.closed).toBe(true);
    expect(menus.at(-1)?.state).toEqual({ programWindowOpen: false });
  });

  it('closing the program window closes only it: no question, no quit', async () => {
    const { app, core, programs, menu, onAir } = await started({
      displays: [display(1, 0), display(2, 1920)],
    });
    core.ready('http://127.0.0.1:40123');
    menu().toggleProgramWindow();
    expect(programs[0]!.tryClose()).toBe(false);
    await flush();
    expect(onAir).not.toHaveBeenCalled();
    expect(app.quit).not.toHaveBeenCalled();
  });
});

describe('showFromArgv', () => {
  it('finds --show FILE and --show=FILE among Electron arguments', () => {
    expect(showFromArgv(['/opt/regie', '--show', 'event.json'], '/home/op')).toBe('/home/op/event.json');
    expect(showFromArgv(['/usr/bin/electron', '.', '--show=/srv/show.json'], '/x')).toBe('/srv/show.json');
    expect(showFromArgv(['/opt/regie', '--no-sandbox'], '/x')).toBeNull();
    expect(showFromArgv(['/opt/regie', '--show'], '/x')).toBeNull();
    expect(showFromArgv(['/opt/regie', '--show', '--demo'], '/x')).toBeNull();
  });
});
