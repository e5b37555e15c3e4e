// The Content-Security-Policy of the console in the Electron window. The core sends a CSP with its
// static files already, but for any browser (its connect-src allows every ws:/wss: host, since a remote
// tablet reaches it under an address the core cannot know). In the window the core's address is known,
// so main replaces the header on the core's responses with a stricter one: scripts only from the core,
// no eval, connections only to the core's own origin and its WebSocket, no frames, objects or forms.
import { originOf } from './origin.js';

/** The parts of Electron's OnHeadersReceivedListenerDetails / HeadersReceivedResponse used here. */
export interface HeadersDetailsLike {
  readonly url: string;
  readonly responseHeaders?: Record<string, string[]>;
}
export interface HeadersResponseLike {
  responseHeaders?: Record<string, string[] | string>;
}
export interface SessionWebRequestLike {
  onHeadersReceived(
    listener:
      ((details: HeadersDetailsLike, callback: (response: HeadersResponseLike) => void) => void) | null,
  ): void;
}

/** The policy for pages of the core at `coreUrl` (http://host:port). */
export function contentSecurityPolicy(coreUrl: string): string {
  const origin = originOf(coreUrl);
  if (origin === null) throw new Error(`not an http(s) core address: ${coreUrl}`);
  const ws = origin.replace(/^http/, 'ws');
  return [
    "default-src 'none'",
    "script-src 'self'",
    // React sets style attributes; inline style cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "media-src 'self' blob:",
    `connect-src 'self' ${ws}`,
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Response headers with every content-security-policy header (any case) replaced by `policy`. */
export function withPolicy(
  headers: Record<string, string[]> | undefined,
  policy: string,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {}))
    if (name.toLowerCase() !== 'content-security-policy') out[name] = value;
  out['Content-Security-Policy'] = [policy];
  return out;
}

/** Sets the policy on every response of the running core; other responses pass unchanged. */
export function installCsp(webRequest: SessionWebRequestLike, coreUrl: () => string | null): void {
  webRequest.onHeadersReceived((details, callback) => {
    const core = coreUrl();
    const origin = originOf(details.url);
    if (core === null || origin === null || origin !== originOf(core)) {
      callback({});
      return;
    }
    callback({ responseHeaders: withPolicy(details.responseHeaders, contentSecurityPolicy(core)) });
  });
}
