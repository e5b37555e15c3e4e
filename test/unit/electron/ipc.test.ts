import { describe, expect, it } from 'vitest';
import type { CoreConnection } from '../../../electron/main/core-child.js';
import type { ConnectionSource, InvokeEventLike, IpcMainLike } from '../../../electron/main/ipc.js';
import { CONNECTION_CHANNEL, registerConnectionHandler } from '../../../electron/main/ipc.js';
import { flush } from './fakes.js';

const CORE: CoreConnection = { url: 'http://127.0.0.1:40123', token: 'secret-token-0123456789' };

function setup(initial: CoreConnection | null = CORE) {
  const handlers = new Map<string, (event: InvokeEventLike) => Promise<CoreConnection>>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => handlers.set(channel, listener),
    removeHandler: (channel) => handlers.delete(channel),
  };
  let resolveReady: (c: CoreConnection) => void = () => undefined;
  const next = new Promise<CoreConnection>((resolve) => (resolveReady = resolve));
  const source: ConnectionSource = { connection: initial, whenReady: () => next };
  const remove = registerConnectionHandler(ipcMain, source);
  const invoke = (url: string | null): Promise<CoreConnection> => {
    const handler = handlers.get(CONNECTION_CHANNEL);
    if (!handler) throw new Error('no handler');
    return handler({ senderFrame: url === null ? null : { url } });
  };
  return { handlers, invoke, remove, ready: (c: CoreConnection) => resolveReady(c) };
}

describe('the regie:connection IPC handler', () => {
  it('is the only channel registered', () => {
    const { handlers, remove } = setup();
    expect([...handlers.keys()]).toEqual(['regie:connection']);
    remove();
    expect(handlers.size).toBe(0);
  });

  it('answers a page of the core with its url and token', async () => {
    const { invoke } = setup();
    await expect(invoke('http://127.0.0.1:40123/')).resolves.toEqual(CORE);
    await expect(invoke('http://127.0.0.1:40123/some/route?x=1#y')).resolves.toEqual(CORE);
  });

  it('refuses any other origin, an opaque one and a missing frame', async () => {
    const { invoke } = setup();
    for (const url of [
      'https://evil.example/',
      'http://127.0.0.1:40124/',
      'http://localhost:40123/',
      'https://127.0.0.1:40123/',
      'data:text/html,hi',
      'file:///index.html',
      'about:blank',
      '',
      null,
    ]) {
      await expect(invoke(url), String(url)).rejects.toThrow(/refused/);
    }
  });

  it('waits for the core while it starts, then checks the origin against it', async () => {
    const { invoke, ready } = setup(null);
    let answer: CoreConnection | undefined;
    const good = invoke('http://127.0.0.1:40123/').then((c) => (answer = c));
    const bad = invoke('https://evil.example/');
    const badOutcome = expect(bad).rejects.toThrow(/refused/);
    await flush();
    expect(answer).toBeUndefined();
    ready(CORE);
    await good;
    expect(answer).toEqual(CORE);
    await badOutcome;
  });
});
