// The bridge's main side: four channels, answered only to pages the running core served itself.
// - regie:connection (sendSync, from the preload at page load): the core's address and token, or null.
// - regie:choose-file / regie:choose-folder (invoke): a native open dialog on the sender's window.
// - regie:second-display (invoke): the program, or one source, in the second-display window.
// The page is untrusted: dialog options and views are validated with zod, and nothing else crosses.
import { z } from 'zod';
import type { Logger } from '../core/log/logger.js';
import type { SecondDisplayView } from '../shared/bridge.js';
import { BRIDGE_CHANNELS } from '../shared/bridge.js';
import { SourceIdSchema } from '../shared/ids.js';
import type { CoreConnection } from './core-child.js';
import { originOf, sameOrigin } from './origin.js';

export const CONNECTION_CHANNEL = BRIDGE_CHANNELS.connection;

export interface ConnectionSource {
  readonly connection: CoreConnection | null;
}

/** The part of Electron's IpcMainInvokeEvent / IpcMainEvent the checks read. */
export interface InvokeEventLike {
  readonly senderFrame: { readonly url: string } | null;
  /** The WebContents that sent it (main finds its window for the dialog). */
  readonly sender?: object;
}

/** The part of Electron's IpcMainEvent a synchronous answer uses. */
export interface SyncEventLike extends InvokeEventLike {
  returnValue: unknown;
}

export interface IpcMainLike {
  on(channel: string, listener: (event: SyncEventLike) => void): unknown;
  removeAllListeners(channel: string): unknown;
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** Electron's OpenDialogOptions, as far as the bridge fills them. */
export interface OpenDialogRequest {
  title?: string;
  properties: ('openFile' | 'openDirectory' | 'createDirectory')[];
  filters?: { name: string; extensions: string[] }[];
}

/** Shows the dialog on the window of the page that asked (BrowserWindow.fromWebContents in main.ts). */
export type ShowOpenDialog = (
  event: InvokeEventLike,
  options: OpenDialogRequest,
) => Promise<{ canceled: boolean; filePaths: string[] }>;

const Title = z.string().max(200);
const Extension = z.string().regex(/^(\*|[A-Za-z0-9][A-Za-z0-9._-]{0,15})$/, 'an extension without the dot');
const Filter = z.strictObject({
  name: z.string().min(1).max(100),
  extensions: z.array(Extension).min(1).max(32),
});
export const ChooseFileOptionsSchema = z
  .strictObject({ title: Title.optional(), filters: z.array(Filter).max(16).optional() })
  .optional();
export const ChooseFolderOptionsSchema = z.strictObject({ title: Title.optional() }).optional();
export const SecondDisplayViewSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('program') }),
  z.strictObject({ kind: z.literal('source'), id: SourceIdSchema }),
]);

/** The core's address and token for a page of that core; null for any other page or while it is down. */
export function answerConnection(event: InvokeEventLike, source: ConnectionSource): CoreConnection | null {
  const conn = source.connection;
  const frameUrl = event.senderFrame?.url ?? '';
  if (conn === null || !sameOrigin(frameUrl, conn.url)) return null;
  return { url: conn.url, token: conn.token };
}

function refuse(channel: string, event: InvokeEventLike): Error {
  const origin = originOf(event.senderFrame?.url ?? '') ?? 'no origin';
  return new Error(`${channel}: refused to a page that the running core did not serve (${origin})`);
}

export interface BridgeDeps {
  source: ConnectionSource;
  showOpenDialog: ShowOpenDialog;
  /** Opens or switches the second-display window (ProgramWindow.show). */
  showOnSecondDisplay: (view: SecondDisplayView) => void;
  logger: Logger;
}

async function choose(
  deps: BridgeDeps,
  channel: string,
  event: InvokeEventLike,
  request: OpenDialogRequest,
): Promise<string | null> {
  if (answerConnection(event, deps.source) === null) throw refuse(channel, event);
  const result = await deps.showOpenDialog(event, request);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

/** Registers the bridge's channels; returns their removal. */
export function registerBridgeHandlers(ipcMain: IpcMainLike, deps: BridgeDeps): () => void {
  const { chooseFile, chooseFolder, connection, secondDisplay } = BRIDGE_CHANNELS;
  ipcMain.on(connection, (event) => {
    const answer = answerConnection(event, deps.source);
    if (answer === null) {
      const origin = originOf(event.senderFrame?.url ?? '');
      // The error page (data:) asks too, harmlessly; a foreign origin asking is worth a warning.
      if (origin !== null) deps.logger.warn(`${connection}: refused to ${origin}`);
    }
    event.returnValue = answer;
  });
  ipcMain.handle(chooseFile, async (event, raw) => {
    const parsed = ChooseFileOptionsSchema.safeParse(raw);
    if (!parsed.success) throw new Error(`${chooseFile}: invalid options: ${parsed.error.message}`);
    const o = parsed.data ?? {};
    return choose(deps, chooseFile, event, {
      properties: ['openFile'],
      ...(o.title !== undefined ? { title: o.title } : {}),
      ...(o.filters !== undefined ? { filters: o.filters } : {}),
    });
  });
  ipcMain.handle(chooseFolder, async (event, raw) => {
    const parsed = ChooseFolderOptionsSchema.safeParse(raw);
    if (!parsed.success) throw new Error(`${chooseFolder}: invalid options: ${parsed.error.message}`);
    const o = parsed.data ?? {};
    return choose(deps, chooseFolder, event, {
      properties: ['openDirectory', 'createDirectory'],
      ...(o.title !== undefined ? { title: o.title } : {}),
    });
  });
  ipcMain.handle(secondDisplay, (event, raw) => {
    const parsed = SecondDisplayViewSchema.safeParse(raw);
    if (!parsed.success)
      return Promise.reject(new Error(`${secondDisplay}: invalid view: ${parsed.error.message}`));
    if (answerConnection(event, deps.source) === null) return Promise.reject(refuse(secondDisplay, event));
    deps.showOnSecondDisplay(parsed.data);
    return Promise.resolve(undefined);
  });
  return () => {
    ipcMain.removeAllListeners(connection);
    ipcMain.removeHandler(chooseFile);
    ipcMain.removeHandler(chooseFolder);
    ipcMain.removeHandler(secondDisplay);
  };
}
