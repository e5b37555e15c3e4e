// Where the console window was: its normal bounds, maximized and full-screen state, saved (debounced) to a
// JSON file in userData and restored at the next start. A corrupt file is ignored, and a saved place that
// no display shows any more (the projector or the external screen is gone) falls back to the default place.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { Logger } from '../core/log/logger.js';
import type { DisplayLike, Rect } from './program-window.js';

const Int = z.number().int().min(-100_000).max(100_000);
export const WindowStateSchema = z.object({
  version: z.literal(1),
  bounds: z.object({ x: Int, y: Int, width: Int.min(100), height: Int.min(100) }),
  maximized: z.boolean(),
  fullScreen: z.boolean(),
});
export type WindowState = z.infer<typeof WindowStateSchema>;

/** At least this much of the window must lie on a display for the operator to grab it. */
const MIN_VISIBLE = { width: 100, height: 50 };

export function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

export function isOnScreen(bounds: Rect, displays: readonly DisplayLike[]): boolean {
  return displays.some((d) => {
    const o = overlap(bounds, d.workArea);
    return o.width >= MIN_VISIBLE.width && o.height >= MIN_VISIBLE.height;
  });
}

/**
 * The saved state, checked: null when there is none or it is corrupt; without a position (x, y: the
 * window opens centred, at most as large as the primary display) when no display shows it any more.
 */
export function parseWindowState(
  text: string,
  displays: readonly DisplayLike[],
  primary: DisplayLike,
  logger: Logger,
): (Omit<WindowState, 'bounds'> & { bounds: Partial<Rect> & { width: number; height: number } }) | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    logger.warn('the saved window state is not JSON: ignored');
    return null;
  }
  const parsed = WindowStateSchema.safeParse(json);
  if (!parsed.success) {
    logger.warn(`the saved window state is invalid, ignored: ${parsed.error.issues[0]?.message ?? ''}`);
    return null;
  }
  const state = parsed.data;
  if (isOnScreen(state.bounds, displays)) return state;
  logger.info('the saved window place is on no display any more (one was unplugged?): opening centred');
  return {
    ...state,
    bounds: {
      width: Math.min(state.bounds.width, primary.workArea.width),
      height: Math.min(state.bounds.height, primary.workArea.height),
    },
  };
}

export type RestoredState = ReturnType<typeof parseWindowState>;

export function loadWindowState(
  file: string,
  displays: readonly DisplayLike[],
  primary: DisplayLike,
  logger: Logger,
): RestoredState {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  return parseWindowState(text, displays, primary, logger);
}

/** Crash-safe: a temporary file renamed over the old one. */
export function saveWindowState(file: string, state: WindowState, logger: Logger): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.tmp`;
    writeFileSync(tmp, JSON.stringify(state, null, 2) + '\n');
    renameSync(tmp, file);
  } catch (err) {
    logger.warn('could not save the window state', {
      error: err instanceof Error ? err.message : String(err),
    });
  }
}

type TrackedEvent =
  'resize' | 'move' | 'maximize' | 'unmaximize' | 'enter-full-screen' | 'leave-full-screen' | 'close';

/** The parts of Electron's BrowserWindow the tracker reads. */
export interface TrackedWindowLike {
  on(event: TrackedEvent, listener: () => void): unknown;
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  isFullScreen(): boolean;
}

export function snapshot(win: TrackedWindowLike): WindowState {
  const b = win.getNormalBounds();
  return {
    version: 1,
    bounds: {
      x: Math.round(b.x),
      y: Math.round(b.y),
      width: Math.round(b.width),
      height: Math.round(b.height),
    },
    maximized: win.isMaximized(),
    fullScreen: win.isFullScreen(),
  };
}

/**
 * Saves the state `delayMs` after the last move/resize/maximize/full-screen change, and at once when the
 * window closes. Returns flush().
 */
export function trackWindowState(
  win: TrackedWindowLike,
  save: (state: WindowState) => void,
  delayMs = 500,
): () => void {
  let timer: NodeJS.Timeout | null = null;
  const flush = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    save(snapshot(win));
  };
  const schedule = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(flush, delayMs);
  };
  for (const event of [
    'resize',
    'move',
    'maximize',
    'unmaximize',
    'enter-full-screen',
    'leave-full-screen',
  ] as const)
    win.on(event, schedule);
  win.on('close', flush);
  return flush;
}

/** Constructor options for a restored window: its place and size, or nothing (the default place). */
export function restoreOptions(state: RestoredState): Partial<Rect> & { fullscreen?: boolean } {
  if (state === null) return {};
  return { ...state.bounds, ...(state.fullScreen ? { fullscreen: true } : {}) };
}

/** Maximizes a restored window once it shows (maximizing a hidden window would show it unpainted). */
export function applyRestoredState(
  win: { once(event: 'ready-to-show', listener: () => void): unknown; maximize(): void },
  state: RestoredState,
): void {
  if (state?.maximized === true && !state.fullScreen) win.once('ready-to-show', () => win.maximize());
}
