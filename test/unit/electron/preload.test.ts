// The preload as Electron's sandbox runs it: compiled to CommonJS, with a `require` that only knows 'electron'.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import ts from 'typescript';
import { describe, expect, it, vi } from 'vitest';
import { BRIDGE_CHANNELS } from '../../../electron/shared/bridge.js';
import type { RegieBridge } from '../../../electron/shared/bridge.js';

const SOURCE = join(import.meta.dirname, '..', '..', '..', 'electron', 'preload', 'preload.cts');

function runPreload(answer: unknown = { url: 'http://127.0.0.1:40123', token: 'tok-0123' }) {
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
    invoke: vi.fn((_channel: string, ..._args: unknown[]) => Promise.resolve('/chosen/file.json')),
    send: vi.fn(),
    sendSync: vi.fn((_channel: string, ..._args: unknown[]) => answer),
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
  return { exposed, required, ipcRenderer, api: exposed[0]?.api as RegieBridge | undefined };
}

describe('the preload bridge', () => {
  it('exposes window.regie with exactly coreUrl, token, the dialogs and the second display; requires only electron', () => {
    const { exposed, required, api, ipcRenderer } = runPreload();
    expect(required).toEqual(['electron']);
    expect(exposed.map((e) => e.key)).toEqual(['regie']);
    expect(Object.keys(api ?? {}).sort()).toEqual([
      'chooseFile',
      'chooseFolder',
      'coreUrl',
      'showOnSecondDisplay',
      'token',
    ]);
    expect(api?.coreUrl).toBe('http://127.0.0.1:40123');
    expect(api?.token).toBe('tok-0123');
    // Read once, synchronously, at page load: before any page script runs.
    expect(ipcRenderer.sendSync.mock.calls).toEqual([[BRIDGE_CHANNELS.connection]]);
  });

  it('uses the channel names of electron/shared/bridge.ts', () => {
    const source = readFileSync(SOURCE, 'utf8');
    for (const channel of Object.values(BRIDGE_CHANNELS)) expect(source).toContain(`'${channel}'`);
  });

  it('the dialogs and the second display invoke their own channel with their argument only; nothing else is sent', async () => {
    const { api, ipcRenderer } = runPreload();
    const call = api as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    const filters = [{ name: 'Show', extensions: ['json'] }];
    await expect(call.chooseFile?.({ title: 'Show', filters }, 'regie:evil', 'extra')).resolves.toBe(
      '/chosen/file.json',
    );
    await expect(api?.chooseFolder()).resolves.toBe('/chosen/file.json');
    await call.showOnSecondDisplay?.({ kind: 'source', id: 'cam' }, 'regie:evil');
    expect(ipcRenderer.invoke.mock.calls).toEqual([
      [BRIDGE_CHANNELS.chooseFile, { title: 'Show', filters }],
      [BRIDGE_CHANNELS.chooseFolder, undefined],
      [BRIDGE_CHANNELS.secondDisplay, { kind: 'source', id: 'cam' }],
    ]);
    expect(ipcRenderer.send).not.toHaveBeenCalled();
    expect(ipcRenderer.on).not.toHaveBeenCalled();
    expect(ipcRenderer.postMessage).not.toHaveBeenCalled();
  });

  it('a page main refuses (error page, foreign origin) gets no bridge at all', () => {
    for (const answer of [null, false, {}, { url: '', token: '' }, { url: 'http://x', token: 5 }, 'x']) {
      expect(runPreload(answer).exposed, JSON.stringify(answer)).toEqual([]);
    }
  });
});
