// Electron entry point: the one file that imports 'electron' at runtime. It only wires Electron's objects
// into app.ts, core-child.ts, window.ts, menu.ts and the small modules beside them, where the logic lives
// (and is tested).
import { join } from 'node:path';
import type { BrowserWindowConstructorOptions } from 'electron';
import { app, BrowserWindow, dialog, ipcMain, Menu, screen, shell } from 'electron';
import { configureLogging, createLogger } from '../core/log/logger.js';
import { runApp, showFromArgv } from './app.js';
import { CoreChild } from './core-child.js';
import { menuTemplate } from './menu.js';
import { coreOnAir } from './on-air.js';
import { ffmpegStaticExport, packagedEnv, unpackedPath } from './packaged.js';
import { createMainWindow } from './window.js';
import type { GuardedWindowOptions } from './window.js';
import {
  applyRestoredState,
  loadWindowState,
  restoreOptions,
  saveWindowState,
  trackWindowState,
} from './window-state.js';

const dataDir = app.getPath('userData');
const logDir = join(dataDir, 'logs');
configureLogging({ dir: join(logDir, 'shell') });
const logger = createLogger('shell');
const root = app.getAppPath();
const stateFile = join(dataDir, 'window-state.json');

const core = new CoreChild({
  script: join(root, 'bin', 'regie-core.mjs'),
  dataDir,
  show: showFromArgv(process.argv, process.cwd()),
  execPath: process.execPath,
  env: {
    ...process.env,
    ...packagedEnv({
      isPackaged: app.isPackaged,
      appPath: root,
      env: process.env,
      ffmpegStatic: ffmpegStaticExport(),
    }),
  },
  logger: createLogger('shell.core'),
});

const guardedWindow = (coreUrl: () => string | null, extra: GuardedWindowOptions): BrowserWindow =>
  createMainWindow(
    {
      create: (options: BrowserWindowConstructorOptions) => new BrowserWindow(options),
      preload: join(import.meta.dirname, '..', 'preload', 'preload.cjs'),
      coreUrl,
      shell,
      logger,
    },
    extra,
  );

const openPath = (path: string, what: string): void => {
  shell
    .openPath(unpackedPath(path))
    .then((error) => {
      if (error !== '') logger.warn(`could not open ${what}: ${error}`);
    })
    .catch(() => undefined);
};

runApp({
  app,
  ipcMain,
  core,
  screen,
  logDir,
  logger,
  signals: process,
  createWindow: (coreUrl) => {
    const state = loadWindowState(stateFile, screen.getAllDisplays(), screen.getPrimaryDisplay(), logger);
    const win = guardedWindow(coreUrl, restoreOptions(state));
    applyRestoredState(win, state);
    trackWindowState(win, (s) => saveWindowState(stateFile, s, logger));
    return win;
  },
  createProgramWindow: guardedWindow,
  setMenu: (actions, state) => {
    const all = {
      ...actions,
      openDocs: () => openPath(join(root, 'docs', 'user-guide.md'), 'the user guide'),
      openLogs: () => openPath(logDir, 'the logs folder'),
    };
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform, all, state)));
  },
  onAir: () => coreOnAir(core.connection),
  ask: async (win, question) => {
    const options = {
      type: 'warning' as const,
      buttons: question.buttons,
      defaultId: 1,
      cancelId: 1,
      message: question.message,
      detail: question.detail,
    };
    const { response } = await (win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options));
    return response === 0;
  },
  chooseShow: async (win) => {
    const options = {
      title: 'Open show',
      properties: ['openFile' as const],
      filters: [{ name: 'Régie show', extensions: ['json'] }],
    };
    const r = await (win ? dialog.showOpenDialog(win, options) : dialog.showOpenDialog(options));
    return r.canceled ? null : (r.filePaths[0] ?? null);
  },
  showOpenDialog: async (event, options) => {
    const win = BrowserWindow.getAllWindows().find((w) => w.webContents === event.sender);
    return win ? dialog.showOpenDialog(win, options) : dialog.showOpenDialog(options);
  },
});
