import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { consoleUrl, createMainWindow, windowOptions } from '../../../electron/main/window.js';
import { recordingLogger } from '../../helpers/quiet-logger.js';
import { FakeWindow } from './fakes.js';

function setup(coreUrl: string | null = 'http://127.0.0.1:40123') {
  const openExternal = vi.fn((_url: string) => Promise.resolve());
  let options: BrowserWindowConstructorOptions | undefined;
  const win = createMainWindow({
    create: (o) => {
      options = o;
      return new FakeWindow(o);
    },
    preload: '/app/dist/electron/preload/preload.cjs',
    coreUrl: () => coreUrl,
    shell: { openExternal },
    logger: recordingLogger(),
  });
  return { win, options: options!, openExternal };
}

describe('the main window', () => {
  it('is sandboxed, context-isolated, without Node, with the compiled preload', () => {
    const { options } = setup();
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      preload: '/app/dist/electron/preload/preload.cjs',
    });
    expect(options.backgroundColor).toBe('#111316');
    expect(options.minWidth).toBeGreaterThanOrEqual(800);
    expect(options.minHeight).toBeGreaterThanOrEqual(600);
    expect(options.show).toBe(false);
  });

  it('shows itself once the first page is painted', () => {
    const { win } = setup();
    expect(win.shown).toBe(false);
    win.emit('ready-to-show');
    expect(win.shown).toBe(true);
  });

  it('stays on the core origin: other navigations are prevented', () => {
    const { win, openExternal } = setup();
    expect(win.webContents.navigate('http://127.0.0.1:40123/sources')).toBe(false);
    expect(win.webContents.navigate('http://127.0.0.1:40124/')).toBe(true);
    expect(win.webContents.navigate('http://localhost:40123/')).toBe(true);
    expect(win.webContents.navigate('file:///etc/passwd')).toBe(true);
    expect(openExternal).not.toHaveBeenCalled();
    // An https link goes to the system browser, never into the console window.
    expect(win.webContents.navigate('https://example.org/docs')).toBe(true);
    expect(openExternal).toHaveBeenCalledWith('https://example.org/docs');
  });

  it('prevents every navigation while no core is up (error page)', () => {
    const { win } = setup(null);
    expect(win.webContents.navigate('http://127.0.0.1:40123/')).toBe(true);
  });

  it('denies window.open; https links open in the system browser, nothing else does', () => {
    const { win, openExternal } = setup();
    for (const url of [
      'https://example.org/',
      'http://example.org/',
      'http://127.0.0.1:40123/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
    ]) {
      expect(win.webContents.windowOpen(url), url).toEqual({ action: 'deny' });
    }
    expect(openExternal.mock.calls).toEqual([['https://example.org/']]);
  });

  it('grants no device permission to the page', () => {
    const { win } = setup();
    expect(win.webContents.permission('media')).toBe(false);
    expect(win.webContents.permission('geolocation')).toBe(false);
    expect(win.webContents.permission('openExternal')).toBe(false);
    expect(win.webContents.permission('fullscreen')).toBe(true);
  });

  it('loads the core root, where the core serves the renderer', () => {
    expect(consoleUrl('http://127.0.0.1:40123')).toBe('http://127.0.0.1:40123/');
    expect(consoleUrl('http://127.0.0.1:40123/')).toBe('http://127.0.0.1:40123/');
  });

  it('extra options (the program window) change place and look, never the web preferences', () => {
    const extra = { x: 1920, fullscreen: true, webPreferences: { nodeIntegration: true, sandbox: false } };
    const o = windowOptions('/p.cjs', extra);
    expect(o).toMatchObject({ x: 1920, fullscreen: true, show: false });
    expect(o.webPreferences).toMatchObject({
      nodeIntegration: false,
      sandbox: true,
      contextIsolation: true,
      preload: '/p.cjs',
    });
  });
});
