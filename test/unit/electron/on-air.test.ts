// The quit check against a real HTTP server on loopback (the core's API shape), including one that hangs.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreOnAir, onAirQuestion } from '../../../electron/main/on-air.js';

const TOKEN = 'tok-0123456789abcdef';
let reply: (req: IncomingMessage, res: ServerResponse) => void = () => undefined;
const seen: { url: string | undefined; auth: string | undefined }[] = [];
let server: Server;
let url = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ url: req.url, auth: req.headers.authorization });
    reply(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const json = (status: number, body: unknown) => (_req: IncomingMessage, res: ServerResponse) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};
const state = (live: boolean, recording: boolean) => ({
  program: { layout: 'lecture', live, recording, blank: false },
  sources: [],
});

describe('coreOnAir', () => {
  it('reads program.live and program.recording from GET /api/v1/state with the token', async () => {
    reply = json(200, state(true, false));
    await expect(coreOnAir({ url, token: TOKEN })).resolves.toEqual({ live: true, recording: false });
    expect(seen.at(-1)).toEqual({ url: '/api/v1/state', auth: `Bearer ${TOKEN}` });
    reply = json(200, state(false, true));
    await expect(coreOnAir({ url, token: TOKEN })).resolves.toEqual({ live: false, recording: true });
    reply = json(200, state(false, false));
    await expect(coreOnAir({ url, token: TOKEN })).resolves.toEqual({ live: false, recording: false });
  });

  it('cannot tell (null) without a core, on an error status, on another shape, on garbage', async () => {
    await expect(coreOnAir(null)).resolves.toBeNull();
    reply = json(401, { error: { code: 'unauthorized' } });
    await expect(coreOnAir({ url, token: 'wrong' })).resolves.toBeNull();
    reply = json(200, { program: { live: 'yes' } });
    await expect(coreOnAir({ url, token: TOKEN })).resolves.toBeNull();
    reply = (_req, res) => res.end('<html>not json');
    await expect(coreOnAir({ url, token: TOKEN })).resolves.toBeNull();
  });

  it('gives up after the timeout when the core hangs, and when nothing listens', async () => {
    reply = () => undefined; // never answers
    const t0 = Date.now();
    await expect(coreOnAir({ url, token: TOKEN }, { timeoutMs: 300 })).resolves.toBeNull();
    const took = Date.now() - t0;
    expect(took).toBeGreaterThanOrEqual(250);
    expect(took).toBeLessThan(5000);
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(coreOnAir({ url: `http://127.0.0.1:${port}`, token: TOKEN })).resolves.toBeNull();
  });
});

describe('onAirQuestion', () => {
  it('asks only while live or recording', () => {
    expect(onAirQuestion('quit', null)).toBeNull();
    expect(onAirQuestion('quit', { live: false, recording: false })).toBeNull();
    expect(onAirQuestion('quit', { live: true, recording: true })).toMatchObject({
      message: 'Streams and recording are running — stop them and quit?',
      buttons: ['Stop and quit', 'Cancel'],
    });
    expect(onAirQuestion('quit', { live: true, recording: false })?.message).toBe(
      'Streams are running — stop them and quit?',
    );
    expect(onAirQuestion('open-show', { live: false, recording: true })).toMatchObject({
      message: 'Recording is running — stop it and open the other show?',
      buttons: ['Stop and open', 'Cancel'],
    });
  });
});
