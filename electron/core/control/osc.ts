// OSC transport (node-osc, UDP), generated from the method table like HTTP and WebSocket:
// the method "program.setLayout" is the address /regie/program/setLayout, and its argument object is sent
// as one JSON string argument (no argument = {}). Bad input (unknown address, wrong types, malformed or
// huge packets, nested bundles) is ignored with a debug log, never a crash. Fixed positional addresses for
// control surfaces come on top of this; an optional allowlist of senders; feedback in osc-feedback.ts.
import { once } from 'node:events';
import { Message, Server } from 'node-osc';
import type { OscTarget } from '../../shared/show-control.js';
import { isMethodName } from '../../shared/methods.js';
import type { Logger } from '../log/logger.js';
import type { Dispatcher } from './dispatch.js';

export const OSC_PREFIX = '/regie/';

/** "/regie/program/setLayout" → "program.setLayout"; null when not one of ours. */
export function methodFromAddress(address: string): string | null {
  if (!address.startsWith(OSC_PREFIX)) return null;
  const method = address.slice(OSC_PREFIX.length).split('/').join('.');
  return isMethodName(method) ? method : null;
}

/**
 * The fixed addresses for control surfaces (Companion, TouchOSC, Stream Deck), with positional arguments:
 *   /regie/program/layout <layout> <a> [b]    /regie/program/take
 *   /regie/stream/start  /regie/stream/stop    /regie/record/start  /regie/record/stop
 *   /regie/audio/<source>/gain <db>           /regie/audio/<source>/mute <0|1>
 *   /regie/blank <break|closed|off>
 * Returns the method call, or null when the address is not one of these (then the generic form applies).
 */
export function fixedAddress(
  address: string,
  args: readonly unknown[],
): { method: string; args: unknown } | null {
  const str = (i: number): string | undefined => (typeof args[i] === 'string' ? args[i] : undefined);
  const num = (i: number): number | undefined => (typeof args[i] === 'number' ? args[i] : undefined);
  switch (address) {
    case '/regie/program/layout': {
      const [layout, a, b] = [str(0), str(1), str(2)];
      return {
        method: 'program.setLayout',
        args: { layout, ...(a !== undefined ? { a } : {}), ...(b !== undefined ? { b } : {}) },
      };
    }
    case '/regie/program/take':
      return { method: 'program.take', args: {} };
    case '/regie/blank': {
      const slate = str(0);
      return { method: 'program.setBlank', args: { slate: slate === 'off' ? null : slate } };
    }
    default:
      break;
  }
  const audio = /^\/regie\/audio\/([^/]+)\/(gain|mute)$/.exec(address);
  if (audio?.[1] !== undefined) {
    const source = audio[1];
    if (audio[2] === 'gain') return { method: 'audio.setGain', args: { source, db: num(0) } };
    // 0 or 1 only (or an OSC boolean): any other number is a mistake, not "on".
    const v = args[0];
    const muted = v === 1 || v === true ? true : v === 0 || v === false ? false : undefined;
    return { method: 'audio.setMute', args: { source, muted } };
  }
  return null;
}

/** The argument object from the OSC arguments: none → {}, one JSON object string → that object. */
export function argsFromOsc(
  args: readonly unknown[],
): { ok: true; value: unknown } | { ok: false; reason: string } {
  if (args.length === 0) return { ok: true, value: {} };
  const first = args[0];
  if (args.length !== 1 || typeof first !== 'string')
    return { ok: false, reason: 'send one JSON object string as the argument' };
  try {
    const value: unknown = JSON.parse(first);
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return { ok: false, reason: 'the argument must be a JSON object' };
    return { ok: true, value };
  } catch {
    return { ok: false, reason: 'the argument is not valid JSON' };
  }
}

export interface OscServerOptions {
  /** Sender addresses allowed to control and subscribe; empty: any. */
  allow: readonly string[];
  /** A surface asks for feedback (`/regie/feedback/subscribe [port]`) or stops it. */
  onSubscribe?: (target: OscTarget, subscribe: boolean) => void;
}

/** Bundles can nest; a hostile packet must not make us recurse without end. */
const MAX_BUNDLE_DEPTH = 4;

interface RemoteInfo {
  address: string;
  port: number;
}

export class OscServer {
  private server: Server | null = null;
  private readonly allow: ReadonlySet<string>;

  constructor(
    private readonly dispatch: Dispatcher,
    private readonly logger: Logger,
    private readonly opts: OscServerOptions = { allow: [] },
  ) {
    this.allow = new Set(opts.allow.map(normalizeAddress));
  }

  async start(host: string, port: number): Promise<number> {
    const server = new Server(port, host);
    this.server = server;
    server.on('error', (err: unknown) =>
      this.logger.debug('OSC: bad packet ignored', {
        error: err instanceof Error ? err.message : String(err),
      }),
    );
    server.on('message', (msg: unknown, rinfo: RemoteInfo) => this.onPacket(msg, rinfo, 0));
    server.on('bundle', (bundle: unknown, rinfo: RemoteInfo) => this.onPacket(bundle, rinfo, 0));
    await once(server, 'listening');
    return server._sock.address().port;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => void server.close(() => resolve()));
  }

  /** Send feedback from the server's own port (surfaces often answer to, and expect, that port). */
  send(target: OscTarget, address: string, args: readonly (string | number)[]): void {
    const server = this.server;
    if (server === null) return;
    const msg = new Message(address);
    for (const a of args) msg.append(a);
    void server.send(msg, target.port, target.host, (err: Error | null) => {
      if (err) this.logger.debug(`OSC feedback to ${target.host}:${target.port} failed: ${err.message}`);
    });
  }

  private allowed(rinfo: RemoteInfo): boolean {
    return this.allow.size === 0 || this.allow.has(normalizeAddress(rinfo.address));
  }

  private onPacket(packet: unknown, rinfo: RemoteInfo, depth: number): void {
    if (!this.allowed(rinfo)) {
      this.logger.debug(`OSC: packet from ${rinfo.address} ignored (not in the allowlist)`);
      return;
    }
    if (isBundle(packet)) {
      if (depth >= MAX_BUNDLE_DEPTH) {
        this.logger.debug('OSC: bundle nested too deep ignored');
        return;
      }
      for (const el of packet.elements) this.onPacket(el, rinfo, depth + 1);
      return;
    }
    this.onMessage(packet, rinfo);
  }

  private onMessage(msg: unknown, rinfo: RemoteInfo): void {
    if (!Array.isArray(msg) || typeof msg[0] !== 'string') {
      this.logger.debug('OSC: message without an address ignored');
      return;
    }
    const [address, ...rest] = msg as [string, ...unknown[]];
    if (address === '/regie/feedback/subscribe' || address === '/regie/feedback/unsubscribe') {
      const p = rest[0];
      const port = typeof p === 'number' && Number.isInteger(p) && p > 0 && p < 65536 ? p : rinfo.port;
      this.opts.onSubscribe?.({ host: rinfo.address, port }, address.endsWith('/subscribe'));
      return;
    }
    const fixed = fixedAddress(address, rest);
    if (fixed !== null) {
      this.call(fixed.method, fixed.args, address);
      return;
    }
    const method = methodFromAddress(address);
    if (method === null) {
      this.logger.debug(`OSC: unknown address ${address.slice(0, 100)} ignored`);
      return;
    }
    const args = argsFromOsc(rest);
    if (!args.ok) {
      this.logger.debug(`OSC: ${address}: ${args.reason}`);
      return;
    }
    this.call(method, args.value, address);
  }
  private call(method: string, args: unknown, address: string): void {
    this.dispatch(method, args).then(
      (outcome) => {
        if (!outcome.ok) this.logger.debug(`OSC: ${address}: ${outcome.error.message}`);
      },
      (err: unknown) =>
        this.logger.debug(`OSC: ${address} failed`, {
          error: err instanceof Error ? err.message : String(err),
        }),
    );
  }
}

function isBundle(p: unknown): p is { elements: unknown[] } {
  return typeof p === 'object' && p !== null && Array.isArray((p as { elements?: unknown }).elements);
}

/** "::ffff:10.0.0.5" and "10.0.0.5" are the same sender. */
export function normalizeAddress(a: string): string {
  return a.startsWith('::ffff:') ? a.slice(7) : a;
}
