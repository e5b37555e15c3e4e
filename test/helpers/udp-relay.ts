// A lossy UDP relay for SRT tests: callers send to relay.port, the relay forwards to the target and the
// answers back to the last caller, dropping dropPct % of the datagrams in each direction (at random, or
// every one while `blackhole` is set). Closed by stop() or by the test file's afterAll.
import type { RemoteInfo } from 'node:dgram';
import { createSocket } from 'node:dgram';
import { afterAll } from 'vitest';

export interface UdpRelay {
  port: number;
  /** Datagrams dropped / forwarded so far (both directions). */
  dropped: number;
  forwarded: number;
  dropPct: number;
  blackhole: boolean;
  stop(): Promise<void>;
}

const open = new Set<UdpRelay>();
afterAll(async () => {
  await Promise.all([...open].map((r) => r.stop()));
});

export async function startUdpRelay(
  targetPort: number,
  dropPct: number,
  host = '127.0.0.1',
): Promise<UdpRelay> {
  const front = createSocket('udp4');
  const back = createSocket('udp4');
  let client: RemoteInfo | null = null;
  let stopped = false;
  const relay: UdpRelay = {
    port: 0,
    dropped: 0,
    forwarded: 0,
    dropPct,
    blackhole: false,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      open.delete(relay);
      await Promise.all([
        new Promise<void>((r) => front.close(() => r())),
        new Promise<void>((r) => back.close(() => r())),
      ]);
    },
  };
  const pass = (): boolean => {
    if (relay.blackhole || Math.random() * 100 < relay.dropPct) {
      relay.dropped += 1;
      return false;
    }
    relay.forwarded += 1;
    return true;
  };
  front.on('message', (msg, rinfo) => {
    client = rinfo;
    if (pass()) back.send(msg, targetPort, host);
  });
  back.on('message', (msg) => {
    if (client && pass()) front.send(msg, client.port, client.address);
  });
  front.on('error', () => undefined);
  back.on('error', () => undefined);
  await new Promise<void>((r) => front.bind(0, host, r));
  await new Promise<void>((r) => back.bind(0, host, r));
  relay.port = front.address().port;
  open.add(relay);
  return relay;
}
