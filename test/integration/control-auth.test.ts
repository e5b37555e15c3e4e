// The remote operator: a core on 0.0.0.0 (the LAN) always wants the token, and failed attempts are
// rate-limited per address: after 10 failures in a minute the address is refused (429 + Retry-After),
// even with the right token, over HTTP and WebSocket, while other addresses are unaffected.
import { request } from 'node:http';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreProcess } from '../helpers/core-process.js';
import { startCoreProcess } from '../helpers/core-process.js';

let core: CoreProcess;
beforeAll(async () => {
  core = await startCoreProcess(['--demo', '--host', '0.0.0.0']);
});
afterAll(async () => {
  await core.stop();
});

/** GET from a chosen local address (127.0.0.x are all loopback on Linux). */
function get(path: string, from: string, token?: string): Promise<{ status: number; retryAfter?: string }> {
  const u = new URL(path, core.url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: u.port,
        path: u.pathname,
        localAddress: from,
        headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          const ra = res.headers['retry-after'];
          resolve({ status: res.statusCode ?? 0, ...(ra !== undefined ? { retryAfter: ra } : {}) });
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function wsStatus(token: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${core.url.replace('http', 'ws')}/api/v1/ws?token=${token}`);
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => undefined);
  });
}

describe('remote operator and failed authentication', () => {
  it('listens on all interfaces and still wants the token', async () => {
    expect(core.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await get('/api/v1/state', '127.0.0.1')).status).toBe(401);
    expect((await get('/api/v1/state', '127.0.0.1', core.token)).status).toBe(200);
    expect(await wsStatus('wrong')).toBe(401);
    expect(await wsStatus(core.token)).toBe(101);
  });

  it('locks out an address after 10 failures in a minute; others are unaffected', async () => {
    const from = '127.0.0.3';
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await get('/api/v1/state', from, `wrong-${i}`)).status);
    expect(statuses.every((s) => s === 401)).toBe(true);
    const limited = await get('/api/v1/state', from, 'wrong-again');
    expect(limited.status).toBe(429);
    expect(Number(limited.retryAfter)).toBeGreaterThan(0);
    // locked out: the right token is refused too, so guessing cannot go on
    expect((await get('/api/v1/state', from, core.token)).status).toBe(429);
    // the health check needs no token and is not affected; another address still gets in
    expect((await get('/api/v1/health', from)).status).toBe(200);
    expect((await get('/api/v1/state', '127.0.0.4', core.token)).status).toBe(200);
  });

  it('WebSocket failures count too', async () => {
    // the WebSocket client connects from 127.0.0.1, which has 2 failures so far (above)
    for (let i = 0; i < 9; i++) await wsStatus(`bad-${i}`);
    expect(await wsStatus(core.token)).toBe(429);
    expect((await get('/api/v1/state', '127.0.0.1', core.token)).status).toBe(429);
  });
});
