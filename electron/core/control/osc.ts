// OSC transport (node-osc, UDP), generated from the method table like HTTP and WebSocket:
// the method "program.setLayout" is the address /regie/program/setLayout, and its argument object is sent
// as one JSON string argument (no argument = {}). Bad input (unknown address, wrong types, malformed or
// huge packets) is ignored with a debug log, never a crash. Fixed positional addresses for control
// surfaces and state feedback come on top of this (docs/api.md).
import { once } from 'node:events';
import { Server } from 'node-osc';
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
    const v = num(0);
    return { method: 'audio.setMute', args: { source, muted: v === undefined ? undefined : v !== 0 } };
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

export class OscServer {
  private server: Server | null = null;

  constructor(
    private readonly dispatch: Dispatcher,
    private readonly logger: Logger,
  ) {}

  async start(host: string, port: number): Promise<number> {
    const server = new Server(port, host);
    this.server = server;
    server.on('error', (err: unknown) =>
      this.logger.debug('OSC: bad packet ignored', {
        error: err instanceof Error ? err.message : String(err),
      }),
    );
    server.on('message', (msg: unknown) => this.onMessage(msg));
    await once(server, 'listening');
    return server._sock.address().port;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => void server.close(() => resolve()));
  }

  private onMessage(msg: unknown): void {
    if (!Array.isArray(msg) || typeof msg[0] !== 'string') {
      this.logger.debug('OSC: message without an address ignored');
      return;
    }
    const [address, ...rest] = msg as [string, ...unknown[]];
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
