// Every client presents the token: `Authorization: Bearer <token>` or `?token=` (browsers, WebSocket).
// Failed attempts are rate-limited per remote address (AuthGate): a LAN-exposed core (--host 0.0.0.0)
// cannot be brute-forced, and a client that keeps failing is told to wait (429 + Retry-After).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export function generateToken(): string {
  return randomBytes(24).toString('base64url');
}

export function tokenFromRequest(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (typeof header === 'string') {
    const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (m?.[1] !== undefined) return m[1];
  }
  const url = new URL(req.url ?? '/', 'http://localhost');
  return url.searchParams.get('token');
}

export function tokenMatches(presented: string | null, expected: string): boolean {
  if (presented === null) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export type AuthVerdict =
  { ok: true } | { ok: false; limited: false } | { ok: false; limited: true; retryAfterS: number };

export interface AuthGateOptions {
  /** Failures allowed per address within `windowMs` before it is locked out. */
  maxFailures?: number;
  windowMs?: number;
  /** How long a locked-out address is refused, even with the right token. */
  lockMs?: number;
  now?: () => number;
}

interface Record {
  failures: number[];
  lockedUntil: number;
}

/** Token check with a per-address limit on failed attempts. */
export class AuthGate {
  private readonly records = new Map<string, Record>();
  private readonly maxFailures: number;
  private readonly windowMs: number;
  private readonly lockMs: number;
  private readonly now: () => number;

  constructor(
    private readonly token: string,
    opts: AuthGateOptions = {},
  ) {
    this.maxFailures = opts.maxFailures ?? 10;
    this.windowMs = opts.windowMs ?? 60_000;
    this.lockMs = opts.lockMs ?? 60_000;
    this.now = opts.now ?? Date.now;
  }

  check(presented: string | null, remote: string): AuthVerdict {
    const t = this.now();
    const rec = this.records.get(remote);
    if (rec !== undefined && rec.lockedUntil > t)
      return { ok: false, limited: true, retryAfterS: Math.ceil((rec.lockedUntil - t) / 1000) };
    if (tokenMatches(presented, this.token)) return { ok: true };
    const r = rec ?? { failures: [], lockedUntil: 0 };
    r.failures = r.failures.filter((f) => t - f < this.windowMs);
    r.failures.push(t);
    if (r.failures.length > this.maxFailures) {
      r.lockedUntil = t + this.lockMs;
      r.failures = [];
    }
    this.records.set(remote, r);
    this.prune(t);
    if (r.lockedUntil > t) return { ok: false, limited: true, retryAfterS: Math.ceil(this.lockMs / 1000) };
    return { ok: false, limited: false };
  }

  checkRequest(req: IncomingMessage): AuthVerdict {
    return this.check(tokenFromRequest(req), req.socket.remoteAddress ?? 'unknown');
  }

  /** Keep the table small: forget addresses with nothing recent (a scan from many addresses). */
  private prune(t: number): void {
    if (this.records.size < 1000) return;
    for (const [k, r] of this.records)
      if (r.lockedUntil <= t && r.failures.every((f) => t - f >= this.windowMs)) this.records.delete(k);
  }
}
