// The optional second window: the program (or one source) full screen on another display, for the
// projector or the confidence monitor in the room. It is the console page with ?view=program (the renderer
// draws only the monitor on black), in a window with the same guards and preload as the console.
import type { BrowserWindowConstructorOptions } from 'electron';
import type { Logger } from '../core/log/logger.js';
import type { SecondDisplayView } from '../shared/bridge.js';
import { singleViewQuery } from '../shared/bridge.js';
import type { WindowLike } from './window.js';
import { consoleUrl } from './window.js';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DisplayLike {
  id: number;
  bounds: Rect;
  workArea: Rect;
}

/** The parts of Electron's `screen` used here. */
export interface ScreenLike {
  getAllDisplays(): DisplayLike[];
  getPrimaryDisplay(): DisplayLike;
}

export interface ProgramWindowLike extends WindowLike {
  on(event: 'closed', listener: () => void): unknown;
  close(): void;
}

/** What the window shows (the bridge's SecondDisplayView). */
export type ProgramView = SecondDisplayView;

/** The page of the second window: ?view=program, or ?view=source&id=… for one source. */
export function programUrl(coreUrl: string, view: ProgramView = { kind: 'program' }): string {
  return `${consoleUrl(coreUrl)}?${singleViewQuery(view).toString()}`;
}

const sameView = (a: ProgramView, b: ProgramView): boolean =>
  a.kind === b.kind && (a.kind === 'program' || (b.kind === 'source' && a.id === b.id));

const describeView = (view: ProgramView): string =>
  view.kind === 'program' ? 'the program' : `source "${view.id}"`;

/** The first display that is not the primary one, or null with a single display. */
export function programDisplay(screen: ScreenLike): DisplayLike | null {
  const primary = screen.getPrimaryDisplay().id;
  return screen.getAllDisplays().find((d) => d.id !== primary) ?? null;
}

/**
 * Full screen on the other display. With one display it opens as an ordinary window over the primary one
 * (to check the picture before the projector is plugged in).
 */
export function programWindowOptions(
  display: DisplayLike | null,
  primary: DisplayLike,
): Omit<BrowserWindowConstructorOptions, 'webPreferences'> {
  const common = {
    title: 'Régie — Program',
    backgroundColor: '#000000',
    autoHideMenuBar: true,
    minWidth: 320,
    minHeight: 180,
  };
  if (display === null) {
    const w = Math.round(primary.workArea.width / 2);
    const h = Math.round((w * 9) / 16);
    return {
      ...common,
      x: primary.workArea.x + Math.round((primary.workArea.width - w) / 2),
      y: primary.workArea.y + Math.round((primary.workArea.height - h) / 2),
      width: w,
      height: h,
    };
  }
  return { ...common, ...display.bounds, fullscreen: true, frame: false };
}

export interface ProgramWindowDeps<W extends ProgramWindowLike> {
  create: (extra: Omit<BrowserWindowConstructorOptions, 'webPreferences'>) => W;
  screen: ScreenLike;
  coreUrl: () => string | null;
  logger: Logger;
  /** Called when the window opens or closes (the menu shows a check mark). */
  onChange: (open: boolean) => void;
}

const PROGRAM: ProgramView = { kind: 'program' };

export class ProgramWindow<W extends ProgramWindowLike> {
  private win: W | null = null;
  private view: ProgramView = PROGRAM;

  constructor(private readonly deps: ProgramWindowDeps<W>) {}

  get isOpen(): boolean {
    return this.win !== null;
  }

  /** The menu's check item: closes the window whatever it shows, or opens it on the program. */
  toggle(): void {
    if (this.win !== null) this.close();
    else this.open();
  }

  /** From the console (a tile's "second display" button): opens the window on `view`, or switches it. */
  show(view: ProgramView): void {
    if (this.win === null) {
      this.open(view);
      return;
    }
    if (sameView(view, this.view)) return;
    this.view = view;
    this.deps.logger.info(`program window: now shows ${describeView(view)}`);
    const url = this.deps.coreUrl();
    if (url !== null) this.load(url);
  }

  open(view: ProgramView = PROGRAM): void {
    if (this.win !== null) return;
    this.view = view;
    const display = programDisplay(this.deps.screen);
    if (display === null)
      this.deps.logger.info(
        `program window: ${describeView(view)}; a single display, so it opens as a window on it`,
      );
    else this.deps.logger.info(`program window: ${describeView(view)}, full screen on display ${display.id}`);
    const win = this.deps.create(programWindowOptions(display, this.deps.screen.getPrimaryDisplay()));
    this.win = win;
    win.on('closed', () => {
      if (this.win !== win) return;
      this.win = null;
      this.deps.onChange(false);
    });
    const url = this.deps.coreUrl();
    if (url !== null) this.load(url);
    this.deps.onChange(true);
  }

  close(): void {
    this.win?.close();
  }

  /** A (re)started core: the page reloads from it, on the same view (fresh token through the preload). */
  coreReady(url: string): void {
    if (this.win !== null) this.load(url);
  }

  private load(url: string): void {
    this.win?.loadURL(programUrl(url, this.view)).catch((err: unknown) =>
      this.deps.logger.warn('the program window could not load its page', {
        error: err instanceof Error ? err.message : String(err),
      }),
    );
  }
}
