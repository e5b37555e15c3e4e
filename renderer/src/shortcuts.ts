// Keyboard shortcuts: one table, used by the key handler, the tooltips and the help overlay.
export type ShortcutAction =
  | { kind: 'layout'; key: string }
  | { kind: 'take'; transition?: 'cut' | 'fade' | 'morph' }
  | { kind: 'goLive' }
  | { kind: 'record' }
  | { kind: 'break' }
  | { kind: 'timestamp' }
  | { kind: 'help' };

export interface Shortcut {
  keys: string;
  what: string;
  action: ShortcutAction;
}

export const SHORTCUTS: Shortcut[] = [
  {
    keys: '1 … 6',
    what: 'layout on preview: full A, full B, PiP, side by side, lecture, custom',
    action: { kind: 'layout', key: '1' },
  },
  { keys: 'Space / Enter', what: 'TAKE with the chosen transition', action: { kind: 'take' } },
  { keys: 'C', what: 'TAKE as a cut', action: { kind: 'take', transition: 'cut' } },
  { keys: 'F', what: 'TAKE as a fade', action: { kind: 'take', transition: 'fade' } },
  { keys: 'M', what: 'TAKE as a morph', action: { kind: 'take', transition: 'morph' } },
  { keys: 'B', what: 'break slate on / off', action: { kind: 'break' } },
  { keys: 'T', what: 'timestamp band on / off', action: { kind: 'timestamp' } },
  { keys: 'Ctrl+L', what: 'go live / end the stream (always asks)', action: { kind: 'goLive' } },
  { keys: 'R', what: 'record / stop recording (stopping asks)', action: { kind: 'record' } },
  { keys: '?', what: 'this help', action: { kind: 'help' } },
];

/** The action for a key press, or null. Typing in a form field never triggers a shortcut. */
export function actionFor(e: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  targetIsField: boolean;
}): ShortcutAction | null {
  if (e.targetIsField || e.altKey) return null;
  const mod = e.ctrlKey || e.metaKey;
  const k = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (mod) {
    if (k === 'l') return { kind: 'goLive' };
    return null;
  }
  if (/^[1-6]$/.test(k)) return { kind: 'layout', key: k };
  switch (k) {
    case ' ':
    case 'Enter':
      return { kind: 'take' };
    case 'c':
      return { kind: 'take', transition: 'cut' };
    case 'f':
      return { kind: 'take', transition: 'fade' };
    case 'm':
      return { kind: 'take', transition: 'morph' };
    case 'b':
      return { kind: 'break' };
    case 'r':
      return { kind: 'record' };
    case 't':
      return { kind: 'timestamp' };
    case '?':
      return { kind: 'help' };
    default:
      return null;
  }
}
