// Every method's documented example (docs/api.md is generated from the same table) works against a real
// core, in table order, and its result matches the method's result schema.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methods } from '../../electron/shared/methods.js';
import type { MethodName } from '../../electron/shared/methods.js';
import { createClient, httpTransport } from '../../electron/shared/client.js';
import type { CoreProcess } from '../helpers/core-process.js';
import { call, startCoreProcess } from '../helpers/core-process.js';

let core: CoreProcess;
beforeAll(async () => {
  core = await startCoreProcess(['--demo']);
});
afterAll(async () => {
  await core.stop();
});

describe('documented examples', () => {
  for (const name of Object.keys(methods) as MethodName[]) {
    it(`${name} example succeeds and its result matches the schema`, async () => {
      const def = methods[name];
      const { status, body } = await call(core, name, def.example);
      expect({ name, status, body }).toMatchObject({ name, status: 200 });
      const parsed = def.result.safeParse((body as { result: unknown }).result);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    });
  }

  it('the generated typed client calls through HTTP and surfaces errors with their code', async () => {
    const client = createClient(httpTransport(core.url, core.token));
    const pong = await client['core.ping']();
    expect(pong.pong).toBe(true);
    await expect(client['source.remove']({ id: 'nope' })).rejects.toMatchObject({ code: 'not_found' });
  });
});
