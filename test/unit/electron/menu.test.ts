import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { menuTemplate } from '../../../electron/main/menu.js';

function submenu(item: MenuItemConstructorOptions | undefined): MenuItemConstructorOptions[] {
  const sub = item?.submenu;
  return Array.isArray(sub) ? sub : [];
}

describe('menuTemplate', () => {
  it('has View (reload, devtools, fullscreen), Window and Help', () => {
    const t = menuTemplate('linux', { openDocs: () => undefined });
    const view = t.find((i) => i.label === 'View');
    expect(submenu(view).map((i) => i.role ?? i.type)).toEqual([
      'reload',
      'toggleDevTools',
      'separator',
      'togglefullscreen',
    ]);
    expect(t.some((i) => i.role === 'windowMenu')).toBe(true);
    expect(t.some((i) => i.role === 'editMenu')).toBe(true);
    expect(t.at(-1)?.role).toBe('help');
  });

  it('Help opens the documentation folder', () => {
    const openDocs = vi.fn();
    const help = menuTemplate('linux', { openDocs }).at(-1);
    const item = submenu(help)[0];
    expect(item?.label).toMatch(/documentation/i);
    expect(item?.click).toBeTypeOf('function');
    (item?.click as () => void)();
    expect(openDocs).toHaveBeenCalledOnce();
  });

  it('uses the app menu on macOS and a File → Quit menu elsewhere', () => {
    expect(menuTemplate('darwin', { openDocs: () => undefined })[0]).toEqual({ role: 'appMenu' });
    const file = menuTemplate('win32', { openDocs: () => undefined })[0];
    expect(file?.label).toBe('File');
    expect(submenu(file).map((i) => i.role)).toEqual(['quit']);
  });
});
