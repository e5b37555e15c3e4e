// The shell's lifecycle, with every Electron piece passed in: one instance; the core starts with the app;
// the window opens on the core once it is ready, follows it across restarts (the page shows its own
// "core restarting" banner meanwhile), and shows an error page only while it keeps failing. Quitting asks
// first only while something is on air, then stops the core (recordings are finalized), then quits.
import { isAbsolute, resolve } from 'node:path';
import type { Logger } from '../core/log/logger.js';
import type { CoreChild } from './core-child.js';
import { errorPageUrl } from './error-page.js';
import type { IpcMainLike, ShowOpenDialog } from './ipc.js';
import { registerBridgeHandlers } from './ipc.js';
import type { MenuState } from './menu.js';
import type { GuardedAction, OnAir, Question } from './on-air.js';
import { onAirQuestion } from './on-air.js';
import type { ProgramWindowLike, ScreenLike } from './program-window.js';
import { ProgramWindow } from './program-window.js';
import type { GuardedWindowOptions, WindowLike } from './window.js';
import { consoleUrl, dispatchMenuEvent } from './window.js';

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

export type CoreLike = Pick<CoreChild, 'on' | 'start' | 'stop' | 'connection' | 'openShow'>;

/** The menu commands the lifecycle carries out (main.ts adds the ones that only open folders). */
export interface AppMenuActions {
  openShow(): void;
  toggleProgramWindow(): void;
  showShortcuts(): void;
}

export interface AppDeps<W extends AppWindowLike, P extends ProgramWindowLike> {
  app: AppLike;
  ipcMain: IpcMainLike;
  core: CoreLike;
  /** Creates the guarded console window (window.ts); coreUrl says which origin it may show. */
  createWindow: (coreUrl: () => string | null) => W;
  /** Creates the guarded program window, with the same preload and guards. */
  createProgramWindow: (coreUrl: () => string | null, extra: GuardedWindowOptions) => P;
  screen: ScreenLike;
  setMenu: (actions: AppMenuActions, state: MenuState) => void;
  /** What the core has on air (on-air.ts); null when it cannot tell. */
  onAir: () => Promise<OnAir | null>;
  /** Asks the operator; true to go ahead (the first button). */
  ask: (win: W | null, question: Question) => Promise<boolean>;
  /** A show file chosen by the operator, or null. */
  chooseShow: (win: W | null) => Promise<string | null>;
  showOpenDialog: ShowOpenDialog;
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

const describe = (err: unknown): Error | string => (err instanceof Error ? err : String(err));

export function runApp<W extends AppWindowLike, P extends ProgramWindowLike>(deps: AppDeps<W, P>): void {
  const { app, core, logger } = deps;
  if (!app.requestSingleInstanceLock()) {
    logger.info('Régie is already running: the other instance comes to the front');
    app.quit();
    return;
  }
  const errorAfter = deps.errorAfterFailures ?? 3;
  const coreUrl = (): string | null => core.connection?.url ?? null;
  let win: W | null = null;
  /** The operator agreed to quit (or a signal asked): windows may close and the core stops. */
  let quitApproved = false;
  let coreStopped = false;
  let stopping: Promise<void> | null = null;
  let asking = false;

  /** Runs `action` if nothing is on air, or if the operator agrees to stop it; one question at a time. */
  const guarded = async (kind: GuardedAction, action: () => void | Promise<void>): Promise<void> => {
    if (asking) return;
    asking = true;
    try {
      const question = onAirQuestion(kind, await deps.onAir());
      if (question === null || (await deps.ask(win, question))) await action();
    } finally {
      asking = false;
    }
  };
  const requestQuit = (): void => {
    guarded('quit', () => {
      quitApproved = true;
      app.quit();
    }).catch((err: unknown) => logger.error('quit confirmation failed', { error: describe(err) }));
  };

  const program = new ProgramWindow<P>({
    create: (extra) => deps.createProgramWindow(coreUrl, extra),
    screen: deps.screen,
    coreUrl,
    logger,
    onChange: (open) => setMenu({ programWindowOpen: open }),
  });

  const actions: AppMenuActions = {
    openShow: () => {
      deps
        .chooseShow(win)
        .then((file) => {
          if (file === null) return undefined;
          return guarded('open-show', () => {
            shown = null; // another show: a fresh console at its ready, not the old one's dialogs
            return core.openShow(file);
          });
        })
        .catch((err: unknown) => logger.error('opening a show failed', { error: describe(err) }));
    },
    toggleProgramWindow: () => program.toggle(),
    showShortcuts: () => {
      if (win !== null) dispatchMenuEvent(win.webContents, 'shortcuts', logger);
    },
  };
  const setMenu = (state: MenuState): void => deps.setMenu(actions, state);

  /** The page the window shows; null: none, or one to replace at the core's next ready. */
  let shown: string | null = null;
  const load = (url: string): void => {
    shown = url;
    if (win === null) {
      const created = deps.createWindow(coreUrl);
      win = created;
      created.on('close', (event) => {
        if (quitApproved) return;
        event.preventDefault();
        requestQuit();
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
    if (!quitApproved) {
      event.preventDefault();
      requestQuit();
      return;
    }
    if (coreStopped) return;
    event.preventDefault();
    stopping ??= core
      .stop()
      .catch((err: unknown) => logger.error('stopping the core failed', { error: describe(err) }))
      .then(() => {
        coreStopped = true;
        app.quit();
      });
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    deps.signals?.on(signal, () => {
      quitApproved = true;
      app.quit();
    });

  app
    .whenReady()
    .then(() => {
      setMenu({ programWindowOpen: false });
      registerBridgeHandlers(deps.ipcMain, {
        source: core,
        showOpenDialog: deps.showOpenDialog,
        showOnSecondDisplay: (view) => program.show(view),
        logger,
      });
      core.on('ready', ({ url }) => {
        if (quitApproved) return;
        // A core restarted on the same address: the console reconnects by itself and keeps what the
        // operator had open or typed; only a new address (or the error page) needs the console loaded.
        const target = consoleUrl(url);
        if (win === null || shown !== target) load(target);
        program.coreReady(url);
      });
      core.on('down', ({ error, failures, retryInMs }) => {
        logger.warn(`the core is down (${failures} in a row): ${error}`);
        // Until then the console stays up: it shows that the core is restarting and reconnects by itself.
        if (!quitApproved && failures >= errorAfter)
          load(errorPageUrl({ error, failures, retryInMs, logDir: deps.logDir }));
      });
      core.start();
    })
    .catch((err: unknown) => {
      logger.error('startup failed', { error: describe(err) });
      quitApproved = true;
      app.quit();
    });
}
