// Electron entry point: the one file that imports 'electron' at runtime. It only wires Electron's objects
// into app.ts, core-child.ts, window.ts and menu.ts, where the logic lives (and is tested).
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, shell } from 'electron';
import { configureLogging, createLogger } from '../core/log/logger.js';
import { runApp, showFromArgv } from './app.js';
import { CoreChild } from './core-child.js';
import { menuTemplate } from './menu.js';
import { createMainWindow } from './window.js';

const dataDir = app.getPath('userData');
const logDir = join(dataDir, 'logs');
configureLogging({ dir: join(logDir, 'shell') });
const logger = createLogger('shell');
const root = app.getAppPath();

const core = new CoreChild({
  script: join(root, 'bin', 'regie-core.mjs'),
  dataDir,
  show: showFromArgv(process.argv, process.cwd()),
  execPath: process.execPath,
  logger: createLogger('shell.core'),
});

runApp({
  app,
  ipcMain,
  core,
  logDir,
  logger,
  signals: process,
  createWindow: (coreUrl) =>
    createMainWindow({
      create: (options) => new BrowserWindow(options),
      preload: join(import.meta.dirname, '..', 'preload', 'preload.cjs'),
      coreUrl,
      shell,
      logger,
    }),
  setMenu: () => {
    const openDocs = (): void => {
      shell
        .openPath(join(root, 'docs'))
        .then((error) => {
          if (error !== '') logger.warn(`could not open the documentation folder: ${error}`);
        })
        .catch(() => undefined);
    };
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform, { openDocs })));
  },
  confirmQuit: async (win) => {
    const { response } = await dialog.showMessageBox(win, {
      type: 'question',
      buttons: ['Quit', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      message: 'Quit Régie?',
      detail: 'Streams and recordings stop when Régie quits.',
    });
    return response === 0;
  },
});
