// One fake `electron` module for main.test.ts (vi.mock('electron') returns `electron` below), and a fake
// CoreChild class that records how main.ts builds it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions } from 'electron';
import { vi } from 'vitest';
import type { CoreChildOptions } from '../../../electron/main/core-child.js';
import { FakeApp, FakeCore, FakeWindow } from './fakes.js';

export const userData = mkdtempSync(join(tmpdir(), 'regie-shell-test-'));

class FakeBrowserWindow extends FakeWindow {
  static readonly instances: FakeBrowserWindow[] = [];
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.instances.filter((w) => !w.closed);
  }
  constructor(options: BrowserWindowConstructorOptions) {
    super(options);
    FakeBrowserWindow.instances.push(this);
  }
}

const primary = {
  id: 1,
  bounds: { x: 0, y: 0, width: 1920, height: 1080 },
  workArea: { x: 0, y: 0, width: 1920, height: 1050 },
};
const projector = {
  id: 2,
  bounds: { x: 1920, y: 0, width: 1280, height: 720 },
  workArea: { x: 1920, y: 0, width: 1280, height: 720 },
};

const app = new FakeApp();
app.getPath.mockImplementation(() => userData);

export const electron = {
  app,
  BrowserWindow: FakeBrowserWindow,
  ipcMain: { on: vi.fn(), removeAllListeners: vi.fn(), handle: vi.fn(), removeHandler: vi.fn() },
  screen: { getAllDisplays: vi.fn(() => [primary, projector]), getPrimaryDisplay: vi.fn(() => primary) },
  Menu: {
    buildFromTemplate: vi.fn((template: MenuItemConstructorOptions[]) => ({ template })),
    setApplicationMenu: vi.fn(),
  },
  shell: { openExternal: vi.fn(() => Promise.resolve()), openPath: vi.fn(() => Promise.resolve('')) },
  dialog: {
    showMessageBox: vi.fn((..._args: unknown[]) => Promise.resolve({ response: 1, checkboxChecked: false })),
    showOpenDialog: vi.fn((..._args: unknown[]) =>
      Promise.resolve({ canceled: false, filePaths: ['/shows/sstic.json'] }),
    ),
  },
};

export class MockCoreChild extends FakeCore {
  static readonly instances: MockCoreChild[] = [];
  constructor(readonly options: CoreChildOptions) {
    super();
    MockCoreChild.instances.push(this);
  }
}
