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

  it('the fixed control-surface addresses: layout, take, blank, audio gain and mute, stream and record', async () => {
    await client.send('/regie/program/layout', 'pip', 'camera', 'slides');
    await waitFor(async () => JSON.stringify((await state()).show.scene.sources) === '["camera","slides"]');
    expect((await state()).show.scene.layout).toBe('pip');
    await client.send('/regie/blank', 'break');
    await waitFor(
      async () =>
        ((await api(core, '/api/v1/state')).body as { program: { blank: string | null } }).program.blank ===
        'break',
    );
    await client.send('/regie/blank', 'off');
    await waitFor(
      async () =>
        ((await api(core, '/api/v1/state')).body as { program: { blank: string | null } }).program.blank ===
        null,
    );
    await client.send('/regie/audio/slides/gain', -12.5);
    await client.send('/regie/audio/slides/mute', 1);
    const mixer = async () =>
      (
        (await api(core, '/api/v1/state')).body as {
          show: { sources: { id: string; mixer: { gainDb: number; muted: boolean } }[] };
        }
      ).show.sources.find((s) => s.id === 'slides')?.mixer;
    await waitFor(async () => (await mixer())?.muted === true && (await mixer())?.gainDb === -12.5);
    await client.send('/regie/audio/slides/mute', 0);
    await waitFor(async () => (await mixer())?.muted === false);
    await client.send('/regie/record/stop');
    await waitFor(async () => !(await state()).program.recording);
    await client.send('/regie/stream/start');
    await waitFor(
      async () => ((await api(core, '/api/v1/state')).body as { program: { live: boolean } }).program.live,
    );
    await client.send('/regie/stream/stop');
    await waitFor(
      async () => !((await api(core, '/api/v1/state')).body as { program: { live: boolean } }).program.live,
    );
    // studio mode: preview then take
    await call(core, 'preview.setLayout', { layout: 'sideBySide', a: 'slides', b: 'camera' });
    await client.send('/regie/program/take');
    await waitFor(async () => (await state()).show.scene.layout === 'sideBySide');
  });

  it('ignores unknown addresses, wrong arguments and malformed packets: no crash, no change', async () => {
    const before = JSON.stringify((await state()).show);
    await client.send('/regie/program/explode', 1);
    await client.send('/regie/program/setLayout', 42);
    await client.send('/regie/program/setLayout', '{"layout": 42}');
    await client.send('/regie/program/setLayout', 'not json');
    await client.send('/other/thing', 'x');
    await client.send('/regie/program/layout', 7, 8);
    await client.send('/regie/audio/ghost/gain', -6);
    await client.send('/regie/audio/slides/gain', 'loud');
    await client.send('/regie/blank', 'sometimes');
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
