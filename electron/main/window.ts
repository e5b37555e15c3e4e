// The operator window: sandboxed, context-isolated, no Node; it shows only pages of the core it was
// opened on. Electron's classes come in as parameters so that tests pass fakes.
import type { BrowserWindowConstructorOptions } from 'electron';
import type { Logger } from '../core/log/logger.js';
import type { SessionWebRequestLike } from './csp.js';
import { installCsp } from './csp.js';
import { MENU_EVENT } from './menu.js';
import { isSafeExternal, sameOrigin } from './origin.js';

export const BACKGROUND = '#111316';

/** Chromium permissions a page may get (nothing else: the core owns cameras and microphones). */
const ALLOWED_PERMISSIONS = new Set(['fullscreen', 'clipboard-sanitized-write']);

export interface NavigationEventLike {
  readonly url: string;
  preventDefault(): void;
}

/** The parts of Electron's WebContents the guards use. */
export interface WebContentsLike {
  on(event: 'will-navigate', listener: (event: NavigationEventLike) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  executeJavaScript(code: string): Promise<unknown>;
  readonly session: {
    setPermissionRequestHandler(
      handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void,
    ): void;
    readonly webRequest: SessionWebRequestLike;
  };
}

/** Options a caller may set on a guarded window: anything but webPreferences. */
export type GuardedWindowOptions = Omit<BrowserWindowConstructorOptions, 'webPreferences'>;

/** The parts of Electron's BrowserWindow this module uses. */
export interface WindowLike {
  readonly webContents: WebContentsLike;
  loadURL(url: string): Promise<void>;
  once(event: 'ready-to-show', listener: () => void): unknown;
  show(): void;
}

export interface ShellLike {
  openExternal(url: string): Promise<void>;
}

/** Window options; `extra` may change size, place and look, never webPreferences. */
export function windowOptions(
  preload: string,
  extra: GuardedWindowOptions = {},
): BrowserWindowConstructorOptions {
  return {
    title: 'Régie',
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    backgroundColor: BACKGROUND,
    show: false,
    ...extra,
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      preload,
      spellcheck: false,
      // Meters and previews keep running when the console is behind another window.
      backgroundThrottling: false,
    },
  };
}

/**
 * Keeps the window on the core's origin: other navigations are cancelled, window.open is always denied,
 * and https links go to the system browser instead. The core's pages get a strict CSP (csp.ts).
 */
export function guardWebContents(
  wc: WebContentsLike,
  deps: { coreUrl: () => string | null; shell: ShellLike; logger: Logger },
): void {
  const openOutside = (url: string): void => {
    if (!isSafeExternal(url)) {
      deps.logger.warn('blocked a link that is not https', { url });
      return;
    }
    deps.shell.openExternal(url).catch((err: unknown) =>
      deps.logger.warn('could not open a link', {
        url,
        error: err instanceof Error ? err.message : String(err),
      }),
    );
  };
  wc.on('will-navigate', (event) => {
    const core = deps.coreUrl();
    if (core !== null && sameOrigin(event.url, core)) return;
    event.preventDefault();
    openOutside(event.url);
  });
  wc.setWindowOpenHandler(({ url }) => {
    openOutside(url);
    return { action: 'deny' };
  });
  wc.session.setPermissionRequestHandler((_wc, permission, callback) =>
    callback(ALLOWED_PERMISSIONS.has(permission)),
  );
  installCsp(wc.session.webRequest, deps.coreUrl);
}

/** Menu commands the page handles itself (Help → Keyboard shortcuts), as a DOM event it may ignore. */
export type MenuCommand = 'shortcuts';

/**
 * Dispatches `regie:menu` (detail: { command }) on the page's window. The code is a constant built from a
 * closed set of commands, never from page data; a page that does not listen simply ignores it.
 */
export function dispatchMenuEvent(
  wc: Pick<WebContentsLike, 'executeJavaScript'>,
  command: MenuCommand,
  logger: Logger,
): void {
  const code = `window.dispatchEvent(new CustomEvent(${JSON.stringify(MENU_EVENT)}, { detail: ${JSON.stringify({ command })} })); undefined`;
  wc.executeJavaScript(code).catch((err: unknown) =>
    logger.warn('the page did not take a menu command', {
      command,
      error: err instanceof Error ? err.message : String(err),
    }),
  );
}

export interface CreateWindowDeps<W extends WindowLike> {
  create: (options: BrowserWindowConstructorOptions) => W;
  /** The compiled preload (dist/electron/preload/preload.cjs). */
  preload: string;
  coreUrl: () => string | null;
  shell: ShellLike;
  logger: Logger;
}

/**
 * Creates a guarded window (the console, or the program window with other `extra` options: the same
 * preload and guards); it shows itself once its first page is painted.
 */
export function createMainWindow<W extends WindowLike>(
  deps: CreateWindowDeps<W>,
  extra: GuardedWindowOptions = {},
): W {
  const win = deps.create(windowOptions(deps.preload, extra));
  guardWebContents(win.webContents, deps);
  win.once('ready-to-show', () => win.show());
  return win;
}

/** The address the window loads for a core: the core serves the renderer at its root. */
export function consoleUrl(coreUrl: string): string {
  return `${coreUrl.replace(/\/+$/, '')}/`;
}
