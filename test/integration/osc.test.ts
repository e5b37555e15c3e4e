// OSC control through the method table: a real node-osc client switches the layout and starts recording;
// malformed packets and wrong arguments are ignored without a crash or a state change.
import { createSocket } from 'node:dgram';
import { Client } from 'node-osc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreProcess } from '../helpers/core-process.js';
import { api, call, startCoreProcess, waitFor } from '../helpers/core-process.js';
import { freePort } from '../helpers/servers.js';

let core: CoreProcess;
let port: number;
let client: Client;

interface State {
  show: { scene: { layout: string; sources: string[] } };
  program: { recording: boolean };
  core: { oscPort: number | null };
}
const state = async () => (await api(core, '/api/v1/state')).body as State;

beforeAll(async () => {
  port = await freePort('udp');
  core = await startCoreProcess(['--demo', '--osc-port', String(port)]);
  client = new Client('127.0.0.1', port);
});
afterAll(async () => {
  await client.close();
  if (core.child.exitCode === null) await call(core, 'record.stop', {});
  await core.stop();
});

describe('OSC', () => {
  it('listens on the given port and says so in state', async () => {
    expect((await state()).core.oscPort).toBe(port);
  });

  it('/regie/program/setLayout switches the layout; /regie/record/start starts recording', async () => {
    await client.send('/regie/program/setLayout', JSON.stringify({ layout: 'full', a: 'camera' }));
    await waitFor(async () => (await state()).show.scene.layout === 'full');
    expect((await state()).show.scene.sources).toEqual(['camera']);
    await client.send('/regie/record/start');
    await waitFor(async () => (await state()).program.recording);
  });

  it('ignores unknown addresses, wrong arguments and malformed packets: no crash, no change', async () => {
    const before = JSON.stringify((await state()).show);
    await client.send('/regie/program/explode', 1);
    await client.send('/regie/program/setLayout', 42);
    await client.send('/regie/program/setLayout', '{"layout": 42}');
    await client.send('/regie/program/setLayout', 'not json');
    await client.send('/other/thing', 'x');
    const raw = createSocket('udp4');
    for (const junk of [
      Buffer.from([0, 1, 2]),
      Buffer.from('/regie'),
      Buffer.alloc(60_000, 0xff),
      Buffer.from('#bundle\0garbage'),
    ]) {
      await new Promise<void>((r) => raw.send(junk, port, '127.0.0.1', () => r()));
    }
    raw.close();
    await new Promise((r) => setTimeout(r, 500));
    expect((await fetch(`${core.url}/api/v1/health`)).status).toBe(200);
    expect(JSON.stringify((await state()).show)).toBe(before);
  });
});
