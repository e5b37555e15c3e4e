// The Electron preload bridge (window.regie), when the console runs in the desktop app. In a plain
// browser it is absent: the address gives the token (?token=) and file pickers fall back to typing a path.
interface FileFilter {
  name: string;
  extensions: string[];
}
export interface BridgeLike {
  coreUrl?: string;
  token?: string;
  chooseFile?: (o?: { title?: string; filters?: FileFilter[] }) => Promise<string | null>;
  chooseFolder?: (o?: { title?: string }) => Promise<string | null>;
  /** Older shells. */
  connection?: () => Promise<{ url: string; token: string }>;
}

declare global {
  interface Window {
    regie?: BridgeLike;
  }
}

export function bridge(): BridgeLike | null {
  return window.regie ?? null;
}

export async function endpoint(): Promise<{ wsUrl: string; token: string }> {
  const b = bridge();
  if (b?.coreUrl !== undefined && b.token !== undefined)
    return { wsUrl: b.coreUrl.replace(/^http/, 'ws') + '/api/v1/ws', token: b.token };
  if (b?.connection) {
    const { url, token } = await b.connection();
    return { wsUrl: url.replace(/^http/, 'ws') + '/api/v1/ws', token };
  }
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  const proto = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return { wsUrl: `${proto}//${window.location.host}/api/v1/ws`, token };
}
