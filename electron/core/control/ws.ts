// WebSocket transport at /api/v1/ws: calls with ids, a state snapshot then patches, telemetry at a bounded
// rate (latest value wins; skipped for a client whose socket is backed up). Binary frames carry previews
// and, to the clients that asked with a `monitor` message, monitoring audio (skipped when backed up).
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { RawData, WebSocket } from 'ws';
import { WebSocketServer } from 'ws';
import { methodNames } from '../../shared/methods.js';
import type { JsonValue } from '../../shared/patch.js';
import type { ServerMessage } from '../../shared/protocol.js';
import { ClientMessageSchema, assertNever } from '../../shared/protocol.js';
import type { Logger } from '../log/logger.js';
import type { StateStore } from '../state/store.js';
import type { AuthGate } from './auth.js';
import type { Dispatcher } from './dispatch.js';
import { describeZodError } from './dispatch.js';

export interface WsDeps {
  auth: AuthGate;
  dispatch: Dispatcher;
  store: StateStore;
  logger: Logger;
  /** Whether a monitor target exists now ("program" or a source id); without it, monitoring is refused. */
  canMonitor?: (source: string) => boolean;
}

function rawToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  return Buffer.from(new Uint8Array(data)).toString('utf8');
}

const SLOW_CLIENT_BYTES = 4 * 1024 * 1024;
const DEAD_CLIENT_BYTES = 64 * 1024 * 1024;
/** A client with more than this queued skips monitor blocks (about 0.3 s of 48 kHz stereo s16). */
export const MONITOR_SLOW_BYTES = 64 * 1024;

export class WsHub {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  private readonly clients = new Set<WebSocket>();
  private readonly unsubscribe: () => void;
  /** What each monitoring client listens to, and the union of those (read by the mixer per block). */
  private readonly monitors = new Map<WebSocket, string>();
  private monitored: ReadonlySet<string> = new Set();
  private monitorSkips = 0;

  constructor(private readonly deps: WsDeps) {
    this.unsubscribe = deps.store.subscribe((rev, ops) => this.broadcast({ type: 'patch', rev, ops }));
  }

  get clientCount(): number {
    return this.clients.size;
  }

  /** Hooked to the HTTP server's 'upgrade' event. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/api/v1/ws') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    const verdict = this.deps.auth.checkRequest(req);
    if (!verdict.ok) {
      socket.end(
        verdict.limited
          ? `HTTP/1.1 429 Too Many Requests\r\nRetry-After: ${verdict.retryAfterS}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`
          : 'HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n',
      );
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws));
  }

  /** Telemetry, already coalesced by the caller's timer. */
  sendTelemetry(data: JsonValue): void {
    const msg = JSON.stringify({ type: 'telemetry', t: Date.now(), data } satisfies ServerMessage);
    for (const ws of this.clients) {
      if (ws.readyState === ws.OPEN && ws.bufferedAmount < SLOW_CLIENT_BYTES) ws.send(msg);
    }
  }

  /** Binary frames (previews): a 1-byte kind, then the payload. */
  sendBinary(data: Buffer): void {
    for (const ws of this.clients) {
      if (ws.readyState === ws.OPEN && ws.bufferedAmount < SLOW_CLIENT_BYTES) ws.send(data, { binary: true });
    }
  }

  /** The monitor targets some client listens to (the same Set until one changes). */
  monitorTargets(): ReadonlySet<string> {
    return this.monitored;
  }

  /** Blocks skipped for slow monitoring clients since the start. */
  get monitorSkipped(): number {
    return this.monitorSkips;
  }

  /** One monitor frame to the clients listening to `id`; a client that is backed up skips it. */
  sendMonitor(id: string, frame: Buffer): void {
    for (const [ws, target] of this.monitors) {
      if (target !== id || ws.readyState !== ws.OPEN) continue;
      if (ws.bufferedAmount >= MONITOR_SLOW_BYTES) this.monitorSkips += 1;
      else ws.send(frame, { binary: true });
    }
  }

  private setMonitor(ws: WebSocket, source: string | null): void {
    if (source === null) this.monitors.delete(ws);
    else this.monitors.set(ws, source);
    this.monitored = new Set(this.monitors.values());
  }

  async close(): Promise<void> {
    this.unsubscribe();
    for (const ws of this.clients) ws.close(1001, 'core shutting down');
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    for (const ws of this.clients) ws.terminate();
  }

  private send(ws: WebSocket, msg: ServerMessage): void {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > DEAD_CLIENT_BYTES) {
      // Too far behind to catch up by patches: drop it; the client reconnects and resyncs from a snapshot.
      ws.terminate();
      return;
    }
    ws.send(JSON.stringify(msg));
  }

  private broadcast(msg: ServerMessage): void {
    for (const ws of this.clients) this.send(ws, msg);
  }

  private onConnection(ws: WebSocket): void {
    this.clients.add(ws);
    this.deps.logger.debug('WebSocket client connected', { clients: this.clients.size });
    ws.on('close', () => {
      this.clients.delete(ws);
      if (this.monitors.has(ws)) this.setMonitor(ws, null);
      this.deps.logger.debug('WebSocket client left', { clients: this.clients.size });
    });
    ws.on('error', (err) => this.deps.logger.debug('WebSocket error', { error: err.message }));
    ws.on('message', (data, isBinary) => {
      this.onMessage(ws, data, isBinary).catch((err: unknown) => {
        this.deps.logger.error('WebSocket message failed', {
          error: err instanceof Error ? err : String(err),
        });
      });
    });
    this.send(ws, { type: 'hello', protocol: 1, methods: methodNames });
    const snap = this.deps.store.snapshot();
    this.send(ws, { type: 'snapshot', rev: snap.rev, state: snap.state });
  }

  private async onMessage(ws: WebSocket, data: RawData, isBinary: boolean): Promise<void> {
    if (isBinary) {
      this.send(ws, {
        type: 'error',
        id: null,
        error: { code: 'invalid_argument', message: 'send JSON text frames' },
      });
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(rawToString(data));
    } catch {
      this.send(ws, {
        type: 'error',
        id: null,
        error: { code: 'invalid_argument', message: 'not valid JSON' },
      });
      return;
    }
    const parsed = ClientMessageSchema.safeParse(json);
    if (!parsed.success) {
      this.send(ws, {
        type: 'error',
        id: null,
        error: { code: 'invalid_argument', message: describeZodError(parsed.error) },
      });
      return;
    }
    const msg = parsed.data;
    switch (msg.type) {
      case 'call': {
        const outcome = await this.deps.dispatch(msg.method, msg.args);
        if (outcome.ok) this.send(ws, { type: 'result', id: msg.id, result: outcome.result });
        else this.send(ws, { type: 'error', id: msg.id, error: outcome.error });
        return;
      }
      case 'resync': {
        const snap = this.deps.store.snapshot();
        this.send(ws, { type: 'snapshot', rev: snap.rev, state: snap.state });
        return;
      }
      case 'monitor': {
        const { source } = msg;
        const known = source === null || (this.deps.canMonitor?.(source) ?? false);
        if (known) this.setMonitor(ws, source);
        if (!known)
          this.send(ws, {
            type: 'error',
            id: msg.id ?? null,
            error: { code: 'not_found', message: `nothing to monitor named "${source}"` },
          });
        else if (msg.id !== undefined) this.send(ws, { type: 'result', id: msg.id, result: { source } });
        return;
      }
      default:
        assertNever(msg);
    }
  }
}
