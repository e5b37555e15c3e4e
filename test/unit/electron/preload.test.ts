// The preload as Electron's sandbox runs it: compiled to CommonJS, with a `require` that only knows 'electron'.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import ts from 'typescript';
import { describe, expect, it, vi } from 'vitest';
import { CONNECTION_CHANNEL } from '../../../electron/main/ipc.js';

const SOURCE = join(import.meta.dirname, '..', '..', '..', 'electron', 'preload', 'preload.cts');

function runPreload() {
  const js = ts.transpileModule(readFileSync(SOURCE, 'utf8'), {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
    },
  }).outputText;
  const exposed: { key: string; api: unknown }[] = [];
  const required: string[] = [];
  const ipcRenderer = {
    invoke: vi.fn((_channel: string, ..._args: unknown[]) =>
      Promise.resolve({ url: 'http://127.0.0.1:1', token: 'tok' }),
    ),
    send: vi.fn(),
    sendSync: vi.fn(),
    on: vi.fn(),
    postMessage: vi.fn(),
  };
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.push({ key, api }) },
    ipcRenderer,
  };
  const module = { exports: {} };
  runInNewContext(js, {
    module,
    exports: module.exports,
    require: (id: string) => {
      required.push(id);
      if (id === 'electron') return electron;
      throw new Error(`a sandboxed preload cannot require ${id}`);
    },
  });
  return { exposed, required, ipcRenderer };
}

describe('the preload bridge', () => {
  it('exposes window.regie with connection() only, and requires nothing but electron', () => {
    const { exposed, required } = runPreload();
    expect(required).toEqual(['electron']);
    expect(exposed.map((e) => e.key)).toEqual(['regie']);
    expect(Object.keys(exposed[0]?.api ?? {})).toEqual(['connection']);
  });

  it('connection() invokes regie:connection with no argument from the page, and nothing else is sent', async () => {
    const { exposed, ipcRenderer } = runPreload();
    const api = exposed[0]?.api as { connection: (...args: unknown[]) => Promise<unknown> };
    await expect(api.connection('regie:evil', { x: 1 })).resolves.toEqual({
      url: 'http://127.0.0.1:1',
      token: 'tok',
    });
    expect(ipcRenderer.invoke.mock.calls).toEqual([[CONNECTION_CHANNEL]]);
    expect(ipcRenderer.send).not.toHaveBeenCalled();
    expect(ipcRenderer.sendSync).not.toHaveBeenCalled();
    expect(ipcRenderer.on).not.toHaveBeenCalled();
    expect(ipcRenderer.postMessage).not.toHaveBeenCalled();
  });
});
