import { describe, expect, it, vi } from 'vitest';
import type { CoreConnection } from '../../../electron/main/core-child.js';
import type {
  InvokeEventLike,
  IpcMainLike,
  OpenDialogRequest,
  SyncEventLike,
} from '../../../electron/main/ipc.js';
import { registerBridgeHandlers } from '../../../electron/main/ipc.js';
import { BRIDGE_CHANNELS } from '../../../electron/shared/bridge.js';
import { recordingLogger } from '../../helpers/quiet-logger.js';

const CORE: CoreConnection = { url: 'http://127.0.0.1:40123', token: 'secret-token-0123456789' };
const PAGE = 'http://127.0.0.1:40123/';
const FOREIGN = [
  'https://evil.example/',
  'http://127.0.0.1:40124/',
  'http://localhost:40123/',
  'https://127.0.0.1:40123/',
  'data:text/html,hi',
  'file:///index.html',
  'about:blank',
  '',
  null,
];

type Invoke = (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>;

function setup(initial: CoreConnection | null = CORE, dialogAnswer = { canceled: false, filePaths: ['/x'] }) {
  const syncs = new Map<string, (event: SyncEventLike) => void>();
  const handlers = new Map<string, Invoke>();
  const ipcMain: IpcMainLike = {
    on: (channel, listener) => syncs.set(channel, listener),
    removeAllListeners: (channel) => syncs.delete(channel),
    handle: (channel, listener) => handlers.set(channel, listener),
    removeHandler: (channel) => handlers.delete(channel),
  };
  const source: { connection: CoreConnection | null } = { connection: initial };
  const dialogs: { event: InvokeEventLike; options: OpenDialogRequest }[] = [];
  const logger = recordingLogger();
  const shown: unknown[] = [];
  const remove = registerBridgeHandlers(ipcMain, {
    source,
    logger,
    showOnSecondDisplay: (view) => shown.push(view),
    showOpenDialog: vi.fn((event: InvokeEventLike, options: OpenDialogRequest) => {
      dialogs.push({ event, options });
      return Promise.resolve(dialogAnswer);
    }),
  });
  const frame = (url: string | null) => (url === null ? null : { url });
  const connection = (url: string | null): unknown => {
    const event: SyncEventLike = { senderFrame: frame(url), returnValue: 'unset' };
    syncs.get(BRIDGE_CHANNELS.connection)?.(event);
    return event.returnValue;
  };
  const invoke = (channel: string, url: string | null, ...args: unknown[]): Promise<unknown> => {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler({ senderFrame: frame(url) }, ...args);
  };
  return { syncs, handlers, remove, source, dialogs, connection, invoke, logger, shown };
}

describe('the bridge IPC handlers', () => {
  it('registers exactly the four bridge channels, and removes them', () => {
    const { syncs, handlers, remove } = setup();
    expect([...syncs.keys()]).toEqual(['regie:connection']);
    expect([...handlers.keys()].sort()).toEqual([
      'regie:choose-file',
      'regie:choose-folder',
      'regie:second-display',
    ]);
    remove();
    expect(syncs.size + handlers.size).toBe(0);
  });

  it('answers a page of the running core with its url and token, synchronously', () => {
    const { connection } = setup();
    expect(connection(PAGE)).toEqual(CORE);
    expect(connection('http://127.0.0.1:40123/some/route?view=program#y')).toEqual(CORE);
  });

  it('answers null to any other origin, an opaque one, a missing frame, and while the core is down', () => {
    const { connection, source, logger } = setup();
    for (const url of FOREIGN) expect(connection(url), String(url)).toBeNull();
    // A foreign origin is worth a warning; the error page (data:) asking is not.
    expect(logger.lines.filter((l) => l.level === 'warn')).toHaveLength(4);
    source.connection = null;
    expect(connection(PAGE)).toBeNull();
    // The next core (another port): the old page's origin no longer gets the token.
    source.connection = { url: 'http://127.0.0.1:40999', token: 'next' };
    expect(connection(PAGE)).toBeNull();
    expect(connection('http://127.0.0.1:40999/')).toEqual({ url: 'http://127.0.0.1:40999', token: 'next' });
  });

  it('chooseFile: a file dialog with the validated options; the chosen path, or null when cancelled', async () => {
    const { invoke, dialogs } = setup();
    const filters = [{ name: 'Images', extensions: ['png', 'jpg'] }];
    await expect(invoke('regie:choose-file', PAGE, { title: 'Logo', filters })).resolves.toBe('/x');
    expect(dialogs[0]?.options).toEqual({ title: 'Logo', filters, properties: ['openFile'] });
    await expect(invoke('regie:choose-file', PAGE)).resolves.toBe('/x');
    expect(dialogs[1]?.options).toEqual({ properties: ['openFile'] });
    const cancelled = setup(CORE, { canceled: true, filePaths: [] });
    await expect(cancelled.invoke('regie:choose-file', PAGE, {})).resolves.toBeNull();
  });

  it('chooseFolder: a folder dialog (may create one)', async () => {
    const { invoke, dialogs } = setup();
    await expect(invoke('regie:choose-folder', PAGE, { title: 'Recordings' })).resolves.toBe('/x');
    expect(dialogs[0]?.options).toEqual({
      title: 'Recordings',
      properties: ['openDirectory', 'createDirectory'],
    });
  });

  it('rejects options that do not validate, and shows no dialog', async () => {
    const { invoke, dialogs } = setup();
    for (const bad of [
      'a string',
      42,
      { title: 'x'.repeat(201) },
      { title: 'ok', properties: ['openFile', 'multiSelections'] },
      { filters: [{ name: 'All', extensions: ['../../etc'] }] },
      { filters: [{ name: 'All', extensions: [] }] },
      { filters: [{ name: '', extensions: ['json'] }] },
      { defaultPath: '/etc' },
    ]) {
      await expect(invoke('regie:choose-file', PAGE, bad), JSON.stringify(bad)).rejects.toThrow(
        /invalid options/,
      );
    }
    await expect(invoke('regie:choose-folder', PAGE, { filters: [] })).rejects.toThrow(/invalid options/);
    expect(dialogs).toEqual([]);
  });

  it('refuses the dialogs to pages the running core did not serve', async () => {
    const { invoke, dialogs, source } = setup();
    for (const url of FOREIGN) {
      await expect(invoke('regie:choose-file', url, {}), String(url)).rejects.toThrow(/refused/);
      await expect(invoke('regie:choose-folder', url), String(url)).rejects.toThrow(/refused/);
    }
    source.connection = null;
    await expect(invoke('regie:choose-file', PAGE)).rejects.toThrow(/refused/);
    expect(dialogs).toEqual([]);
  });

  it('second display: a validated view for a page of the running core; anything else is refused', async () => {
    const { invoke, shown, source } = setup();
    await expect(invoke('regie:second-display', PAGE, { kind: 'program' })).resolves.toBeUndefined();
    await invoke('regie:second-display', PAGE, { kind: 'source', id: 'cam-1' });
    expect(shown).toEqual([{ kind: 'program' }, { kind: 'source', id: 'cam-1' }]);
    for (const bad of [
      undefined,
      'program',
      { kind: 'window' },
      { kind: 'source' },
      { kind: 'source', id: '' },
      { kind: 'source', id: 'Cam 1' },
      { kind: 'source', id: 'a'.repeat(65) },
      { kind: 'program', url: 'https://evil.example/' },
    ]) {
      await expect(invoke('regie:second-display', PAGE, bad), JSON.stringify(bad)).rejects.toThrow(
        /invalid view/,
      );
    }
    for (const url of FOREIGN)
      await expect(invoke('regie:second-display', url, { kind: 'program' }), String(url)).rejects.toThrow(
        /refused/,
      );
    source.connection = null;
    await expect(invoke('regie:second-display', PAGE, { kind: 'program' })).rejects.toThrow(/refused/);
    expect(shown).toHaveLength(2);
  });
});
