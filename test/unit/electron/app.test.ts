import { describe, expect, it, vi } from 'vitest';
import type { IpcMainLike } from '../../../electron/main/ipc.js';
import { runApp, showFromArgv } from '../../../electron/main/app.js';
import { recordingLogger } from '../../helpers/quiet-logger.js';
import { FakeApp, FakeCore, FakeWindow, flush } from './fakes.js';

function setup(opts: { lock?: boolean; confirm?: boolean } = {}) {
  const app = new FakeApp();
  app.requestSingleInstanceLock.mockReturnValue(opts.lock ?? true);
  const core = new FakeCore();
  const windows: FakeWindow[] = [];
  const coreUrls: (() => string | null)[] = [];
  const channels: string[] = [];
  const ipcMain: IpcMainLike = {
    handle: (channel) => channels.push(channel),
    removeHandler: () => undefined,
  };
  const setMenu = vi.fn();
  const confirmQuit = vi.fn((_win: FakeWindow) => Promise.resolve(opts.confirm ?? true));
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
    setMenu,
    confirmQuit,
    logDir: '/data/logs',
    logger: recordingLogger(),
  });
  return { app, core, windows, coreUrls, channels, setMenu, confirmQuit };
}

async function started(opts: { lock?: boolean; confirm?: boolean } = {}) {
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

  it('on ready: menu, the one IPC handler, the core; the window opens when the core is ready', async () => {
    const { core, windows, channels, setMenu } = await started();
    expect(setMenu).toHaveBeenCalledOnce();
    expect(channels).toEqual(['regie:connection']);
    expect(core.start).toHaveBeenCalledOnce();
    expect(windows).toEqual([]);
    core.ready('http://127.0.0.1:40123');
    expect(windows).toHaveLength(1);
    expect(windows[0]?.loaded).toEqual(['http://127.0.0.1:40123/']);
  });

  it('the window follows the core: its allowed origin and a reload at each restart', async () => {
    const { core, windows, coreUrls } = await started();
    core.ready('http://127.0.0.1:40123');
    expect(coreUrls[0]?.()).toBe('http://127.0.0.1:40123');
    core.down('killed by SIGSEGV', 1);
    expect(coreUrls[0]?.()).toBeNull();
    core.ready('http://127.0.0.1:40999');
    expect(windows).toHaveLength(1);
    expect(windows[0]?.loaded).toEqual(['http://127.0.0.1:40123/', 'http://127.0.0.1:40999/']);
    expect(coreUrls[0]?.()).toBe('http://127.0.0.1:40999');
  });

  it('a core that keeps failing: an error page with its last error, then the console when it comes back', async () => {
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

  it('before-quit stops the core first, and quits only once it has stopped', async () => {
    const { app, core } = await started();
    core.ready('http://127.0.0.1:40123');
    const prevented = app.fire('before-quit');
    expect(prevented).toBe(true);
    expect(core.stop).toHaveBeenCalledOnce();
    expect(app.quit).not.toHaveBeenCalled();
    // Asking again while stopping does not stop twice.
    expect(app.fire('before-quit')).toBe(true);
    expect(core.stop).toHaveBeenCalledOnce();
    core.stopped();
    await flush();
    expect(app.quit).toHaveBeenCalledOnce();
    expect(app.quitted).toBe(true);
    expect(core.log).toEqual(['core.start', 'core.stop', 'core.stopped', 'app.quit']);
  });

  it('closing the window asks first; Cancel keeps everything running', async () => {
    const { app, core, windows, confirmQuit } = await started({ confirm: false });
    core.ready('http://127.0.0.1:40123');
    const win = windows[0]!;
    expect(win.tryClose()).toBe(true);
    await flush();
    expect(confirmQuit).toHaveBeenCalledWith(win);
    expect(app.quit).not.toHaveBeenCalled();
    expect(core.stop).not.toHaveBeenCalled();
  });

  it('closing the window and confirming quits: the core stops, then the window may close', async () => {
    const { app, core, windows } = await started({ confirm: true });
    core.ready('http://127.0.0.1:40123');
    const win = windows[0]!;
    expect(win.tryClose()).toBe(true);
    await flush();
    expect(app.quit).toHaveBeenCalled();
    expect(core.stop).toHaveBeenCalledOnce();
    core.stopped();
    await flush();
    expect(app.quitted).toBe(true);
    expect(win.tryClose()).toBe(false);
  });

  it('a second launch brings the window to the front', async () => {
    const { app, core, windows } = await started();
    core.ready('http://127.0.0.1:40123');
    windows[0]!.minimized = true;
    app.emit('second-instance');
    expect(windows[0]?.minimized).toBe(false);
    expect(windows[0]?.focused).toBe(1);
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
