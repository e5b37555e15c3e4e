import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { MenuActions } from '../../../electron/main/menu.js';
import { menuTemplate } from '../../../electron/main/menu.js';

function submenu(item: MenuItemConstructorOptions | undefined): MenuItemConstructorOptions[] {
  const sub = item?.submenu;
  return Array.isArray(sub) ? sub : [];
}

function actions() {
  const fns = {
    openShow: vi.fn<() => void>(),
    toggleProgramWindow: vi.fn<() => void>(),
    openDocs: vi.fn<() => void>(),
    showShortcuts: vi.fn<() => void>(),
    openLogs: vi.fn<() => void>(),
  };
  return fns satisfies MenuActions;
}

const names = (items: MenuItemConstructorOptions[]): string[] =>
  items.map((i) => i.label ?? i.role ?? i.type ?? '?');
const click = (item: MenuItemConstructorOptions | undefined): void => (item?.click as () => void)();

describe('menuTemplate', () => {
  it('File, Edit, View, Window, Help on Linux and Windows', () => {
    const t = menuTemplate('linux', actions());
    expect(names(t)).toEqual(['File', 'editMenu', 'View', 'Window', 'help']);
    expect(names(submenu(t[0]))).toEqual(['Open show…', 'separator', 'quit']);
    expect(names(submenu(t[2]))).toEqual(['togglefullscreen', 'separator', 'reload', 'toggleDevTools']);
    expect(names(submenu(t[4]))).toEqual([
      'User guide',
      'Keyboard shortcuts',
      'separator',
      'Show the logs folder',
    ]);
    expect(names(menuTemplate('win32', actions()))).toEqual(names(t));
  });

  it('on macOS: the app menu first (it holds Quit), File without Quit, and Zoom', () => {
    const t = menuTemplate('darwin', actions());
    expect(names(t)).toEqual(['appMenu', 'File', 'editMenu', 'View', 'Window', 'help']);
    expect(names(submenu(t[1]))).toEqual(['Open show…']);
    expect(names(submenu(t[4]))).toContain('zoom');
  });

  it('each item calls its action', () => {
    const a = actions();
    const t = menuTemplate('linux', a);
    click(submenu(t[0])[0]);
    expect(a.openShow.mock.calls).toHaveLength(1);
    expect(submenu(t[0])[0]?.accelerator).toBe('CmdOrCtrl+O');
    click(submenu(t[3])[0]);
    expect(a.toggleProgramWindow.mock.calls).toHaveLength(1);
    const help = submenu(t[4]);
    click(help[0]);
    click(help[1]);
    click(help[3]);
    expect([a.openDocs, a.showShortcuts, a.openLogs].map((f) => f.mock.calls.length)).toEqual([1, 1, 1]);
  });

  it('the program window item is a check box that shows whether it is open', () => {
    const item = (open: boolean) =>
      submenu(menuTemplate('linux', actions(), { programWindowOpen: open })[3])[0];
    expect(item(false)).toMatchObject({
      label: 'Program on second display',
      type: 'checkbox',
      checked: false,
    });
    expect(item(true)?.checked).toBe(true);
  });
});
