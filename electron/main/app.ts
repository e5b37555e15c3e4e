// The shell's lifecycle, with every Electron piece passed in: one instance; the core starts with the app;
// the window opens on the core once it is ready, follows it across restarts, and shows an error page
// while it keeps failing; quitting stops the core first (recordings are finalized) and then quits.
import { isAbsolute, resolve } from 'node:path';
import type { Logger } from '../core/log/logger.js';
import type { CoreChild } from './core-child.js';
import { errorPageUrl } from './error-page.js';
import type { IpcMainLike } from './ipc.js';
import { registerConnectionHandler } from './ipc.js';
import type { WindowLike } from './window.js';
import { consoleUrl } from './window.js';

export interface PreventableEvent {
  preventDefault(): void;
}

/** The parts of Electron's `app` used here. */
export interface AppLike {
  requestSingleInstanceLock(): boolean;
  whenReady(): Promise<unknown>;
  quit(): void;
  on(event: 'before-quit', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'second-instance' | 'window-all-closed', listener: () => void): unknown;
}

export interface AppWindowLike extends WindowLike {
  on(event: 'close', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'closed', listener: () => void): unknown;
  isMinimized(): boolean;
  restore(): void;
  focus(): void;
}

export type CoreLike = Pick<CoreChild, 'on' | 'start' | 'stop' | 'connection' | 'whenReady'>;

export interface AppDeps<W extends AppWindowLike> {
  app: AppLike;
  ipcMain: IpcMainLike;
  core: CoreLike;
  /** Creates the guarded window (window.ts); coreUrl says which origin it may show. */
  createWindow: (coreUrl: () => string | null) => W;
  setMenu: () => void;
  /** Asks the operator whether closing the window should really quit (and stop the streams). */
  confirmQuit: (win: W) => Promise<boolean>;
  logDir: string;
  logger: Logger;
  signals?: { on(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown };
  /** Consecutive core failures before the window shows the error page (default 3). */
  errorAfterFailures?: number;
}

/** `--show FILE` or `--show=FILE` among Electron's arguments, made absolute. */
export function showFromArgv(argv: readonly string[], cwd: string): string | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    let value: string | undefined;
    if (arg === '--show') value = argv[i + 1];
    else if (arg.startsWith('--show=')) value = arg.slice('--show='.length);
    if (value !== undefined && value !== '' && !value.startsWith('--'))
      return isAbsolute(value) ? value : resolve(cwd, value);
  }
  return null;
}

export function runApp<W extends AppWindowLike>(deps: AppDeps<W>): void {
  const { app, core, logger } = deps;
  if (!app.requestSingleInstanceLock()) {
    logger.info('Régie is already running: the other instance comes to the front');
    app.quit();
    return;
  }
  const errorAfter = deps.errorAfterFailures ?? 3;
  let win: W | null = null;
  let quitting = false;
  let coreStopped = false;
  let stopping: Promise<void> | null = null;
  let asking = false;

  const load = (url: string): void => {
    if (win === null) {
      const created = deps.createWindow(() => core.connection?.url ?? null);
      win = created;
      created.on('close', (event) => {
        if (quitting) return;
        event.preventDefault();
        if (asking) return;
        asking = true;
        deps
          .confirmQuit(created)
          .then((yes) => {
            if (yes) app.quit();
          })
          .catch((err: unknown) =>
            logger.error('quit confirmation failed', { error: err instanceof Error ? err : String(err) }),
          )
          .finally(() => (asking = false));
      });
      created.on('closed', () => {
        if (win === created) win = null;
      });
    }
    win.loadURL(url).catch((err: unknown) =>
      logger.warn('the window could not load a page', {
        error: err instanceof Error ? err.message : String(err),
      }),
    );
  };

  const focus = (): void => {
    if (win === null) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  };

  app.on('second-instance', focus);
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    quitting = true;
    if (coreStopped) return;
    event.preventDefault();
    stopping ??= core
      .stop()
      .catch((err: unknown) =>
        logger.error('stopping the core failed', { error: err instanceof Error ? err : String(err) }),
      )
      .then(() => {
        coreStopped = true;
        app.quit();
      });
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) deps.signals?.on(signal, () => app.quit());

  app
    .whenReady()
    .then(() => {
      deps.setMenu();
      registerConnectionHandler(deps.ipcMain, core);
      core.on('ready', ({ url }) => {
        if (!quitting) load(consoleUrl(url));
      });
      core.on('down', ({ error, failures, retryInMs }) => {
        logger.warn(`the core is down (${failures} in a row): ${error}`);
        if (!quitting && failures >= errorAfter)
          load(errorPageUrl({ error, failures, retryInMs, logDir: deps.logDir }));
      });
      core.start();
    })
    .catch((err: unknown) => {
      logger.error('startup failed', { error: err instanceof Error ? err : String(err) });
      app.quit();
    });
}
