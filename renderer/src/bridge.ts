// The Electron preload bridge (window.regie), when the console runs in the desktop app. In a plain
// browser it is absent: the address gives the token (?token=) and file pickers fall back to typing a path.
import type { RegieBridge } from '../../electron/shared/bridge.js';

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
