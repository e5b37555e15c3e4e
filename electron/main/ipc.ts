// The one IPC channel: the renderer asks for the core's address and token. Only a page served by the
// core itself gets an answer; anything else (a foreign page, an error page, a subframe elsewhere) is refused.
import type { CoreConnection } from './core-child.js';
import { originOf, sameOrigin } from './origin.js';

export const CONNECTION_CHANNEL = 'regie:connection';

export interface ConnectionSource {
  readonly connection: CoreConnection | null;
  whenReady(): Promise<CoreConnection>;
}

/** The part of Electron's IpcMainInvokeEvent the check reads. */
export interface InvokeEventLike {
  readonly senderFrame: { readonly url: string } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike) => Promise<CoreConnection>): void;
  removeHandler(channel: string): void;
}

/** Answers with the running core (waiting for it while it starts), to pages of that core only. */
export async function answerConnection(
  event: InvokeEventLike,
  source: ConnectionSource,
): Promise<CoreConnection> {
  const frameUrl = event.senderFrame?.url ?? '';
  const conn = source.connection ?? (await source.whenReady());
  if (!sameOrigin(frameUrl, conn.url)) {
    throw new Error(
      `${CONNECTION_CHANNEL}: refused to a page that the core did not serve (${originOf(frameUrl) ?? 'no origin'})`,
    );
  }
  return { url: conn.url, token: conn.token };
}

/** Registers the handler; returns its removal. */
export function registerConnectionHandler(ipcMain: IpcMainLike, source: ConnectionSource): () => void {
  ipcMain.handle(CONNECTION_CHANNEL, (event) => answerConnection(event, source));
  return () => ipcMain.removeHandler(CONNECTION_CHANNEL);
}
