// main.ts with the electron module replaced: the wiring of the real entry point.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { electron, MockCoreChild, userData } from './electron-fake.js';
import { flush } from './fakes.js';

vi.mock('electron', async () => (await import('./electron-fake.js')).electron);
vi.mock('../../../electron/main/core-child.js', async () => ({
  CoreChild: (await import('./electron-fake.js')).MockCoreChild,
}));

const signals = ['SIGINT', 'SIGTERM'] as const;
const before = new Map(signals.map((s) => [s, process.listeners(s)]));

beforeAll(async () => {
  await import('../../../electron/main/main.js');
});

afterAll(() => {
  // main.ts asks the process to quit the app on SIGINT/SIGTERM: give the test worker its signals back.
  for (const s of signals)
    for (const l of process.listeners(s)) if (!before.get(s)?.includes(l)) process.off(s, l);
  rmSync(userData, { recursive: true, force: true });
});

const core = (): MockCoreChild => {
  const c = MockCoreChild.instances[0];
  if (!c) throw new Error('main.ts built no CoreChild');
  return c;
};

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
    expect(core().start).not.toHaveBeenCalled();
  });

  it('once Electron is ready: the menu, the IPC handler, then the core', async () => {
    electron.app.becomeReady();
    await flush();
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledOnce();
    expect(electron.ipcMain.handle.mock.calls.map((c: unknown[]) => c[0])).toEqual(['regie:connection']);
    expect(core().start).toHaveBeenCalledOnce();
  });

  it('Help opens the docs folder of the app', () => {
    const template = electron.Menu.buildFromTemplate.mock.calls[0]?.[0] ?? [];
    const help = template.find((i: MenuItemConstructorOptions) => i.role === 'help');
    const sub = Array.isArray(help?.submenu) ? help.submenu : [];
    (sub[0]?.click as () => void)();
    expect(electron.shell.openPath).toHaveBeenCalledWith(join('/opt/regie/resources/app', 'docs'));
  });

  it('opens a secure window on the core when it is ready', () => {
    core().ready('http://127.0.0.1:40123');
    const win = electron.BrowserWindow.instances[0];
    expect(win?.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(win?.options.webPreferences?.preload).toBe(
      join(import.meta.dirname, '..', '..', '..', 'electron', 'preload', 'preload.cjs'),
    );
    expect(win?.loaded).toEqual(['http://127.0.0.1:40123/']);
  });

  it('closing the window asks with a dialog; Cancel keeps running', async () => {
    const win = electron.BrowserWindow.instances[0]!;
    expect(win.tryClose()).toBe(true);
    await flush();
    expect(electron.dialog.showMessageBox).toHaveBeenCalledWith(
      win,
      expect.objectContaining({ message: 'Quit Régie?' }),
    );
    expect(electron.app.quit).not.toHaveBeenCalled();
  });

  it('before-quit stops the core before quitting', async () => {
    expect(electron.app.fire('before-quit')).toBe(true);
    expect(core().stop).toHaveBeenCalledOnce();
    await flush();
    expect(electron.app.quit).not.toHaveBeenCalled();
    core().stopped();
    await flush();
    expect(electron.app.quit).toHaveBeenCalledOnce();
    expect(electron.app.quitted).toBe(true);
  });
});
