// OSC feedback and tally through a real core: a surface registers with /regie/feedback/subscribe and
// receives tally, on-air, recording and layout changes plus meters; static feedback targets and the
// tally webhook come from the show file; the sender allowlist keeps other senders out.
import { createServer } from 'node:http';
import type { Server as HttpServer } from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSocket } from 'node:dgram';
import { Client, Message, Server } from 'node-osc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreProcess } from '../helpers/core-process.js';
import { api, call, startCoreProcess, waitFor } from '../helpers/core-process.js';
import { freePort, tempDir } from '../helpers/servers.js';

type Received = [string, ...(string | number)[]];

/** A surface: a node-osc server collecting what it receives. */
async function surface(): Promise<{ server: Server; port: number; got: Received[] }> {
  const server = new Server(0, '127.0.0.1');
  const got: Received[] = [];
  server.on('message', (msg: Received) => got.push(msg));
  await new Promise<void>((r) => server.once('listening', () => r()));
  return { server, port: server.port, got };
}
const last = (got: Received[], address: string): (string | number)[] | undefined =>
  got
    .filter((m) => m[0] === address)
    .at(-1)
    ?.slice(1);

let core: CoreProcess;
let oscPort: number;
let client: Client;
let staticSurface: Awaited<ReturnType<typeof surface>>;
let hook: HttpServer;
const hookBodies: { tally: Record<string, string>; onAir: boolean }[] = [];

beforeAll(async () => {
  staticSurface = await surface();
  hook = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      hookBodies.push(JSON.parse(body) as (typeof hookBodies)[number]);
      res.end('ok');
    });
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()));
  const hookPort = (hook.address() as { port: number }).port;
  oscPort = await freePort('udp');
  const dir = tempDir('regie-osc-fb-');
  const showPath = join(dir, 'show.json');
  writeFileSync(
    showPath,
    JSON.stringify({
      version: 1,
      name: 'OSC feedback',
      program: { width: 320, height: 180, fps: 25 },
      sources: [
        {
          id: 'slides',
          name: 'Slides',
          kind: 'test',
          pattern: 'color',
          color: '#ff0000',
          toneHz: 440,
          toneDbfs: -20,
        },
        { id: 'camera', name: 'Camera', kind: 'test', pattern: 'color', color: '#0000ff' },
      ],
      scene: { layout: 'full', sources: ['slides'] },
      control: {
        osc: { port: oscPort, feedback: [{ host: '127.0.0.1', port: staticSurface.port }], metersHz: 5 },
        tallyWebhook: { url: `http://127.0.0.1:${hookPort}/tally` },
      },
    }),
  );
  core = await startCoreProcess(['--show', showPath]);
  client = new Client('127.0.0.1', oscPort);
});
afterAll(async () => {
  await client.close();
  await staticSurface.server.close();
  hook.close();
  await core.stop();
});

describe('OSC feedback and tally', () => {
  it('the show file turns OSC on; tally is in state', async () => {
    const st = (await api(core, '/api/v1/state')).body as {
      core: { oscPort: number };
      tally: Record<string, string>;
    };
    expect(st.core.oscPort).toBe(oscPort);
    expect(st.tally).toEqual({ slides: 'program', camera: 'off' });
  });

  it('a subscribed surface gets the whole state, then changes; the static target too', async () => {
    const s = await surface();
    try {
      // subscribe from one socket, naming the port where the surface listens
      await client.send(new Message('/regie/feedback/subscribe', s.port));
      await waitFor(() => last(s.got, '/regie/tally/slides') !== undefined);
      expect(last(s.got, '/regie/tally/slides')).toEqual(['program']);
      expect(last(s.got, '/regie/tally/camera')).toEqual(['off']);
      expect(last(s.got, '/regie/onair')).toEqual([0]);
      expect(last(s.got, '/regie/program/layout')).toEqual(['full', 'slides', '']);

      await call(core, 'preview.setLayout', { layout: 'full', a: 'camera' });
      await waitFor(() => last(s.got, '/regie/tally/camera')?.[0] === 'preview');
      expect(last(s.got, '/regie/tally/camera/preview')).toEqual([1]);
      await client.send('/regie/program/take');
      await waitFor(() => last(s.got, '/regie/tally/camera')?.[0] === 'program');
      await waitFor(() => last(s.got, '/regie/tally/slides')?.[0] === 'preview');
      expect(last(s.got, '/regie/program/layout')).toEqual(['full', 'camera', '']);

      await client.send('/regie/record/start');
      await waitFor(() => last(s.got, '/regie/recording')?.[0] === 1);
      await client.send('/regie/record/stop');
      await waitFor(() => last(s.got, '/regie/recording')?.[0] === 0);

      // the static target from the show file saw the same changes
      await waitFor(() => last(staticSurface.got, '/regie/tally/camera')?.[0] === 'program');
      expect(last(staticSurface.got, '/regie/recording')).toEqual([0]);

      // meters at a low rate: the tone source reads about -20 dBFS peak while it is on program
      await client.send('/regie/program/layout', 'full', 'slides');
      await waitFor(() => {
        const m = last(s.got, '/regie/meter/slides');
        return m !== undefined && typeof m[0] === 'number' && Math.abs(m[0] + 20) < 1;
      });
      expect(last(s.got, '/regie/meter/program')).toHaveLength(3);

      await client.send(new Message('/regie/feedback/unsubscribe', s.port));
      await new Promise((r) => setTimeout(r, 500));
      const n = s.got.length;
      await client.send('/regie/blank', 'break');
      await waitFor(() => last(staticSurface.got, '/regie/blank')?.[0] === 'break');
      await new Promise((r) => setTimeout(r, 600));
      expect(s.got.slice(n).some((m) => m[0] === '/regie/blank')).toBe(false);
      await client.send('/regie/blank', 'off');
    } finally {
      await s.server.close();
    }
  });

  it('the tally webhook receives each change as JSON', async () => {
    await call(core, 'program.setLayout', { layout: 'pip', a: 'camera', b: 'slides' });
    await waitFor(() => {
      const b = hookBodies.at(-1);
      return b?.tally.camera === 'program' && b.tally.slides === 'program';
    });
    await call(core, 'stream.start', {});
    await waitFor(() => hookBodies.at(-1)?.onAir === true);
    await call(core, 'stream.stop', {});
    await waitFor(() => hookBodies.at(-1)?.onAir === false);
  });
});

describe('OSC sender allowlist', () => {
  it('a sender not in the list is ignored; one in the list is obeyed', async () => {
    const port = await freePort('udp');
    const c = await startCoreProcess(['--demo', '--osc-port', String(port), '--osc-allow', '127.0.0.2']);
    const layout = async () =>
      ((await api(c, '/api/v1/state')).body as { show: { scene: { layout: string } } }).show.scene.layout;
    const sendFrom = async (address: string, msg: Message): Promise<void> => {
      const sock = createSocket('udp4');
      await new Promise<void>((r) => sock.bind(0, address, () => r()));
      const { encode } = await import('node-osc');
      await new Promise<void>((r) => sock.send(encode(msg), port, '127.0.0.1', () => r()));
      sock.close();
    };
    try {
      expect(await layout()).toBe('pip');
      await sendFrom('127.0.0.1', new Message('/regie/program/layout', 'full', 'camera'));
      await new Promise((r) => setTimeout(r, 700));
      expect(await layout()).toBe('pip');
      await sendFrom('127.0.0.2', new Message('/regie/program/layout', 'full', 'camera'));
      await waitFor(async () => (await layout()) === 'full');
    } finally {
      await c.stop();
    }
  });
});
