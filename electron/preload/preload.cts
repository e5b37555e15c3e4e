// The one bridge between the sandboxed renderer and the main process: `window.regie.connection()` returns
// the core's address and token. Nothing else is exposed, and no channel name comes from the page.
// CommonJS (.cts → .cjs) because sandboxed preloads cannot be ES modules.
// TypeScript forbids `import … from` in a .cts under verbatimModuleSyntax; this form compiles to require().
// eslint-disable-next-line @typescript-eslint/no-require-imports
import electron = require('electron');

/** Same string as CONNECTION_CHANNEL in electron/main/ipc.ts (a sandboxed preload cannot import it). */
const CHANNEL = 'regie:connection';

interface Connection {
  url: string;
  token: string;
}

interface RegieBridge {
  connection(): Promise<Connection>;
}

const bridge: RegieBridge = {
  connection: () => electron.ipcRenderer.invoke(CHANNEL) as Promise<Connection>,
};

electron.contextBridge.exposeInMainWorld('regie', bridge);
