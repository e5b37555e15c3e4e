// The Electron preload bridge (window.regie), when the console runs in the desktop app. In a plain
// browser it is absent: the address gives the token (?token=) and file pickers fall back to typing a path.
import type { RegieBridge, SecondDisplayView } from '../../electron/shared/bridge.js';
import { singleViewQuery } from '../../electron/shared/bridge.js';

/** What the page may find on window.regie: every field is checked before use (old shells, no shell). */
export type BridgeLike = Partial<RegieBridge>;

declare global {
  interface Window {
    regie?: BridgeLike;
  }
}

export function bridge(): BridgeLike | null {
  return window.regie ?? null;
}

export function endpoint(): { wsUrl: string; token: string } {
  const b = bridge();
  if (b?.coreUrl !== undefined && b.token !== undefined)
    return { wsUrl: b.coreUrl.replace(/^http/, 'ws') + '/api/v1/ws', token: b.token };
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  const proto = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return { wsUrl: `${proto}//${window.location.host}/api/v1/ws`, token };
}

/** The window name the browser fallback reuses, so that each click switches one window. */
export const SECOND_DISPLAY_WINDOW = 'regie-second-display';

/** This page's address with only the single view (and the token, in a browser) in its query. */
export function singleViewUrl(view: SecondDisplayView, href: string = window.location.href): string {
  const url = new URL(href);
  const token = url.searchParams.get('token');
  const q = singleViewQuery(view);
  if (token !== null) q.set('token', token);
  url.search = q.toString();
  url.hash = '';
  return url.toString();
}

/**
 * The program or one source full screen on the second display: in the desktop app, main's program window
 * (full screen on the display that is not the console's); in a browser, one named window the operator
 * drags to the projector and makes full screen (F11).
 */
export function showOnSecondDisplay(view: SecondDisplayView): Promise<void> {
  const b = bridge();
  if (typeof b?.showOnSecondDisplay === 'function') return b.showOnSecondDisplay(view);
  const opened = window.open(singleViewUrl(view), SECOND_DISPLAY_WINDOW);
  if (opened === null)
    return Promise.reject(new Error('the browser blocked the second window: allow pop-ups for this page'));
  opened.focus();
  return Promise.resolve();
}
