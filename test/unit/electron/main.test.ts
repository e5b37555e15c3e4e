// main.ts with the electron module replaced: the wiring of the real entry point.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { InvokeEventLike } from '../../../electron/main/ipc.js';
import { electron, MockCoreChild, userData } from './electron-fake.js';
import { flush } from './fakes.js';

vi.mock('electron', async () => (await import('./electron-fake.js')).electron);
vi.mock('../../../electron/main/core-child.js', async () => ({
  CoreChild: (await import('./electron-fake.js')).MockCoreChild,
}));

const signals = ['SIGINT', 'SIGTERM'] as const;
const before = new Map(signals.map((s) => [s, process.listeners(s)]));
const stateFile = join(userData, 'window-state.json');

// A stand-in for the core's state endpoint, live: the quit question needs something on air.
const server = createServer((req, res) => {
  res.writeHead(req.headers.authorization === 'Bearer token-0123456789' ? 200 : 401, {
    'content-type': 'application/json',
  });
  res.end(JSON.stringify({ program: { live: true, recording: true } }));
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  await import('../../../electron/main/main.js');
});

afterAll(async () => {
  // main.ts asks the process to quit the app on SIGINT/SIGTERM: give the test worker its signals back.
  for (const s of signals)
    for (const l of process.listeners(s)) if (!before.get(s)?.includes(l)) process.off(s, l);
  rmSync(userData, { recursive: true, force: true });
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const core = (): MockCoreChild => {
  const c = MockCoreChild.instances[0];
  if (!c) throw new Error('main.ts built no CoreChild');
  return c;
};
const template = (): MenuItemConstructorOptions[] =>
  electron.Menu.buildFromTemplate.mock.calls.at(-1)?.[0] ?? [];
const item = (menu: string, label: string): MenuItemConstructorOptions | undefined => {
  const top = template().find((i) => i.label === menu || i.role === menu);
  const sub = Array.isArray(top?.submenu) ? top.submenu : [];
  return sub.find((i) => i.label === label);
};
const click = (i: MenuItemConstructorOptions | undefined): void => (i?.click as () => void)();
const coreUrl = (): string => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

describe('main.ts', () => {
  it('takes the single-instance lock and builds the core child from Electron paths', () => {
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalledOnce();
    expect(MockCoreChild.instances).toHaveLength(1);
    expect(core().options).toMatchObject({
      script: join('/opt/regie/resources/app', 'bin', 'regie-core.mjs'),
      dataDir: userData,
      show: null,
      execPath: process.execPath,
    });
    // A development run: no packaged-app paths forced on the core.
    expect(core().options.env?.REGIE_COMPOSITOR_ADDON).toBe(process.env.REGIE_COMPOSITOR_ADDON);
    expect(core().start).not.toHaveBeenCalled();
  });

  it('once Electron is ready: the menu, the bridge channels, then the core', async () => {
    electron.app.becomeReady();
    await flush();
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledOnce();
    expect(electron.ipcMain.on.mock.calls.map((c: unknown[]) => c[0])).toEqual(['regie:connection']);
    expect(electron.ipcMain.handle.mock.calls.map((c: unknown[]) => c[0])).toEqual([
      'regie:choose-file',
      'regie:choose-folder',
      'regie:second-display',
    ]);
    expect(core().start).toHaveBeenCalledOnce();
  });

  it('Help opens the user guide and the logs folder', () => {
    click(item('help', 'User guide'));
    expect(electron.shell.openPath).toHaveBeenCalledWith(
      join('/opt/regie/resources/app', 'docs', 'user-guide.md'),
    );
    click(item('help', 'Show the logs folder'));
    expect(electron.shell.openPath).toHaveBeenCalledWith(join(userData, 'logs'));
  });

  it('opens a secure window on the core when it is ready, where it was last time', () => {
    const saved = {
      version: 1,
      bounds: { x: 50, y: 40, width: 1300, height: 800 },
      maximized: true,
      fullScreen: false,
    };
    writeFileSync(stateFile, JSON.stringify(saved));
    core().ready(coreUrl());
    const win = electron.BrowserWindow.instances[0]!;
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(win.options.webPreferences?.preload).toBe(
      join(import.meta.dirname, '..', '..', '..', 'electron', 'preload', 'preload.cjs'),
    );
    expect(win.options).toMatchObject(saved.bounds);
    expect(win.loaded).toEqual([`${coreUrl()}/`]);
    win.emit('ready-to-show');
    expect(win.shown).toBe(true);
    expect(win.maximized).toBe(true);
  });

  it('saves the window state to userData after a move', async () => {
    const win = electron.BrowserWindow.instances[0]!;
    win.bounds = { x: 200, y: 100, width: 1280, height: 720 };
    win.emit('move');
    await vi.waitFor(
      () => {
        const saved: unknown = JSON.parse(readFileSync(stateFile, 'utf8'));
        expect(saved).toMatchObject({ bounds: win.bounds, maximized: true, fullScreen: false });
      },
      { timeout: 3000, interval: 50 },
    );
  });

  it('Window → Program on second display: full screen on the projector, same preload and guards', () => {
    click(item('Window', 'Program on second display'));
    const program = electron.BrowserWindow.instances[1]!;
    expect(program.options).toMatchObject({ x: 1920, y: 0, width: 1280, height: 720, fullscreen: true });
    expect(program.options.webPreferences).toEqual(
      electron.BrowserWindow.instances[0]?.options.webPreferences,
    );
    expect(program.loaded).toEqual([`${coreUrl()}/?view=program`]);
    expect(item('Window', 'Program on second display')?.checked).toBe(true);
    click(item('Window', 'Program on second display'));
    expect(program.closed).toBe(true);
  });

  it('chooseFile from the page opens the dialog on the sender’s window', async () => {
    const win = electron.BrowserWindow.instances[0]!;
    const handler = electron.ipcMain.handle.mock.calls.find(
      (c: unknown[]) => c[0] === 'regie:choose-file',
    )?.[1] as (e: InvokeEventLike, o: unknown) => Promise<unknown>;
    const answer = await handler(
      { senderFrame: { url: `${coreUrl()}/` }, sender: win.webContents },
      { title: 'Logo' },
    );
    expect(answer).toBe('/shows/sstic.json');
    expect(electron.dialog.showOpenDialog).toHaveBeenLastCalledWith(win, {
      title: 'Logo',
      properties: ['openFile'],
    });
  });

  it('File → Open show…, while on air: asks, and restarts the core on the show once agreed', async () => {
    electron.dialog.showMessageBox.mockResolvedValueOnce({ response: 0, checkboxChecked: false });
    click(item('File', 'Open show…'));
    await vi.waitFor(() => expect(core().openShow).toHaveBeenCalledWith('/shows/sstic.json'), {
      timeout: 3000,
    });
    expect(electron.dialog.showMessageBox).toHaveBeenLastCalledWith(
      electron.BrowserWindow.instances[0],
      expect.objectContaining({
        message: 'Streams and recording are running — stop them and open the other show?',
      }),
    );
  });

  it('quitting while on air asks; Cancel keeps running', async () => {
    const asked = electron.dialog.showMessageBox.mock.calls.length;
    expect(electron.app.fire('before-quit')).toBe(true);
    await vi.waitFor(() => expect(electron.dialog.showMessageBox.mock.calls.length).toBe(asked + 1), {
      timeout: 3000,
    });
    expect(electron.dialog.showMessageBox).toHaveBeenLastCalledWith(
      electron.BrowserWindow.instances[0],
      expect.objectContaining({ message: 'Streams and recording are running — stop them and quit?' }),
    );
    await flush();
    expect(core().stop).not.toHaveBeenCalled();
    expect(electron.app.quit).not.toHaveBeenCalled();
  });

  it('agreeing stops the core before quitting', async () => {
    electron.dialog.showMessageBox.mockResolvedValueOnce({ response: 0, checkboxChecked: false });
    electron.app.fire('before-quit');
    await vi.waitFor(() => expect(core().stop).toHaveBeenCalledOnce(), { timeout: 3000 });
    expect(electron.app.quitted).toBe(false);
    core().stopped();
    await flush();
    expect(electron.app.quitted).toBe(true);
  });
});
