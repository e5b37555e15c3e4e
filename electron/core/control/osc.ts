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
    this.dispatch(method, args.value).then(
      (outcome) => {
        if (!outcome.ok) this.logger.debug(`OSC: ${method}: ${outcome.error.message}`);
      },
      (err: unknown) =>
        this.logger.debug(`OSC: ${method} failed`, {
          error: err instanceof Error ? err.message : String(err),
        }),
    );
  }
}
