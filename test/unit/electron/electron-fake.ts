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
  constructor(options: BrowserWindowConstructorOptions) {
    super(options);
    FakeBrowserWindow.instances.push(this);
  }
}

const app = new FakeApp();
app.getPath.mockImplementation(() => userData);

export const electron = {
  app,
  BrowserWindow: FakeBrowserWindow,
  ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
  Menu: {
    buildFromTemplate: vi.fn((template: MenuItemConstructorOptions[]) => ({ template })),
    setApplicationMenu: vi.fn(),
  },
  shell: { openExternal: vi.fn(() => Promise.resolve()), openPath: vi.fn(() => Promise.resolve('')) },
  dialog: { showMessageBox: vi.fn(() => Promise.resolve({ response: 1, checkboxChecked: false })) },
};

export class MockCoreChild extends FakeCore {
  static readonly instances: MockCoreChild[] = [];
  constructor(readonly options: CoreChildOptions) {
    super();
    MockCoreChild.instances.push(this);
  }
}
