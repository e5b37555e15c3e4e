// The application menu, as a pure template (Menu.buildFromTemplate turns it into a menu in main.ts).
// The console's own keyboard shortcuts belong to the page; the menu keeps to standard accelerators.
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  /** File → Open show…: choose a show file and restart the core on it. */
  openShow(): void;
  /** Window → Program on second display (a check item). */
  toggleProgramWindow(): void;
  openDocs(): void;
  /** Help → Keyboard shortcuts: asks the page to show its shortcut list (a page may ignore it). */
  showShortcuts(): void;
  openLogs(): void;
}

export interface MenuState {
  programWindowOpen: boolean;
}

/** The DOM event main dispatches on the console page for menu commands the page handles itself. */
export const MENU_EVENT = 'regie:menu';

export function menuTemplate(
  platform: NodeJS.Platform,
  actions: MenuActions,
  state: MenuState = { programWindowOpen: false },
): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const openShow: MenuItemConstructorOptions = {
    label: 'Open show…',
    accelerator: 'CmdOrCtrl+O',
    click: () => actions.openShow(),
  };
  const file: MenuItemConstructorOptions = {
    label: 'File',
    // On macOS Quit lives in the app menu; the 'quit' role goes through the same confirmation.
    submenu: mac ? [openShow] : [openShow, { type: 'separator' }, { role: 'quit' }],
  };
  return [
    ...(mac ? [{ role: 'appMenu' } satisfies MenuItemConstructorOptions] : []),
    file,
    // Without an Edit menu, copy and paste shortcuts do nothing on macOS.
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'togglefullscreen' },
        { type: 'separator' },
        { role: 'reload' },
        { role: 'toggleDevTools' },
      ],
    },
    {
      label: 'Window',
      submenu: [
        {
          label: 'Program on second display',
          type: 'checkbox',
          checked: state.programWindowOpen,
          click: () => actions.toggleProgramWindow(),
        },
        { type: 'separator' },
        { role: 'minimize' },
        ...(mac ? [{ role: 'zoom' } satisfies MenuItemConstructorOptions] : []),
      ],
    },
    {
      role: 'help',
      submenu: [
        { label: 'User guide', click: () => actions.openDocs() },
        { label: 'Keyboard shortcuts', click: () => actions.showShortcuts() },
        { type: 'separator' },
        { label: 'Show the logs folder', click: () => actions.openLogs() },
      ],
    },
  ];
}
