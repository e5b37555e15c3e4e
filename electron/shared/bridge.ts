// The bridge the Electron preload exposes to the console page as `window.regie` (electron/preload/preload.cts).
// The renderer imports these types; in a plain browser there is no bridge and the page reads ?token= instead.
// The page is untrusted: main validates every argument that crosses (electron/main/ipc.ts).

/** One line of a file dialog's type menu: a label and extensions without the dot ("json", or "*"). */
export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface ChooseFileOptions {
  title?: string;
  filters?: FileFilter[];
}

export interface ChooseFolderOptions {
  title?: string;
}

/** What the second display shows: the program, or one source full screen (the confidence monitor). */
export type SecondDisplayView = { kind: 'program' } | { kind: 'source'; id: string };

/** The console page's query for a single view: ?view=program, or ?view=source&id=… (App.tsx reads it). */
export function singleViewQuery(view: SecondDisplayView): URLSearchParams {
  const q = new URLSearchParams({ view: view.kind });
  if (view.kind === 'source') q.set('id', view.id);
  return q;
}

export interface RegieBridge {
  /** The core that served this page, e.g. "http://127.0.0.1:7420" (no trailing slash). */
  readonly coreUrl: string;
  /** The API token of that core (per launch; the page reloads when the core restarts). */
  readonly token: string;
  /** A native open-file dialog on this window: the chosen path, or null when cancelled. */
  chooseFile(options?: ChooseFileOptions): Promise<string | null>;
  /** A native choose-folder dialog on this window: the chosen path, or null when cancelled. */
  chooseFolder(options?: ChooseFolderOptions): Promise<string | null>;
  /** Opens (or switches) the second-display window on this view; resolves once main has done it. */
  showOnSecondDisplay(view: SecondDisplayView): Promise<void>;
}

/** IPC channel names. The sandboxed preload cannot import this file: it repeats them (a test checks). */
export const BRIDGE_CHANNELS = {
  connection: 'regie:connection',
  chooseFile: 'regie:choose-file',
  chooseFolder: 'regie:choose-folder',
  secondDisplay: 'regie:second-display',
} as const;
