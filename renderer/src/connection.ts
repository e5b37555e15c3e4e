// The connection to the core: WebSocket with automatic reconnection. The URL and token come from the
// Electron preload bridge, or, in a plain browser, from the page address (?token=).
import { createClient } from '../../electron/shared/client.js';
import type { Client } from '../../electron/shared/client.js';
import type { ServerMessage } from '../../electron/shared/protocol.js';
import { useConsole } from './store.js';
import { dispatchPreview } from './previews.js';
import { decodeMonitorFrame, isMonitorFrame } from '../../electron/shared/monitor.js';
import { monitorPlayer } from './monitor.js';
import { endpoint } from './bridge.js';

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

export class CoreConnection {
  private ws: WebSocket | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private retryMs = 500;
  private closed = false;
  readonly client: Client = createClient((method, args) => this.call(method, args));

  connect(): void {
    const { wsUrl, token } = endpoint();
    if (this.closed) return;
    const ws = new WebSocket(`${wsUrl}?token=${encodeURIComponent(token)}`);
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    ws.onopen = () => {
      this.retryMs = 500;
    };
    ws.onmessage = (ev: MessageEvent) => {
      if (typeof ev.data === 'string') this.onMessage(JSON.parse(ev.data) as ServerMessage);
      else if (ev.data instanceof ArrayBuffer) {
        if (isMonitorFrame(ev.data)) {
          const f = decodeMonitorFrame(ev.data);
          if (f !== null && f.id === useConsole.getState().monitor) monitorPlayer.play(f);
        } else dispatchPreview(ev.data);
      }
    };
    ws.onclose = () => {
      useConsole.getState().disconnected();
      for (const p of this.pending.values()) p.reject(new Error('connection to the core lost'));
      this.pending.clear();
      if (!this.closed) setTimeout(() => this.connect(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, 5000);
    };
  }

  /** Follow the store's monitor choice: tell the core (again after every reconnection). */
  followMonitor(): () => void {
    return useConsole.subscribe((s, prev) => {
      if (s.monitor !== prev.monitor || (s.connected && !prev.connected)) this.sendMonitor(s.monitor);
    });
  }

  private sendMonitor(source: string | null): void {
    const ws = this.ws;
    if (ws?.readyState === WebSocket.OPEN)
      ws.send(JSON.stringify({ type: 'monitor', id: this.nextId++, source }));
  }

  close(): void {
    this.closed = true;
    this.ws?.close();
  }

  private call(method: string, args: unknown): Promise<unknown> {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN)
      return Promise.reject(new Error('not connected to the core'));
    const id = this.nextId++;
    ws.send(JSON.stringify({ type: 'call', id, method, args }));
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
  }

  private onMessage(msg: ServerMessage): void {
    const store = useConsole.getState();
    switch (msg.type) {
      case 'hello':
        return;
      case 'snapshot':
        store.snapshot(msg.rev, msg.state);
        return;
      case 'patch':
        if (!store.patch(msg.rev, msg.ops)) this.ws?.send(JSON.stringify({ type: 'resync' }));
        return;
      case 'telemetry':
        store.telemetry(msg.data);
        return;
      case 'result': {
        const p = this.pending.get(Number(msg.id));
        this.pending.delete(Number(msg.id));
        p?.resolve(msg.result);
        return;
      }
      case 'error': {
        if (msg.id === null) {
          store.setError(msg.error.message);
          return;
        }
        const p = this.pending.get(Number(msg.id));
        this.pending.delete(Number(msg.id));
        p?.reject(new Error(msg.error.message));
        return;
      }
    }
  }
}
