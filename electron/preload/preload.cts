// The one bridge between the sandboxed renderer and the main process, `window.regie` (RegieBridge in
// electron/shared/bridge.ts): the core's address and token, read once at page load, two file dialogs, and
// the second-display window. The page only passes dialog options or a view, which main validates; no
// channel name comes from the page.
//
// Why a synchronous IPC for the token rather than webPreferences.additionalArguments: additional arguments
// land on the renderer process's command line, which every local user can read (ps, /proc/<pid>/cmdline),
// and are fixed when the window is created; main answers the sendSync only to a page that the running
// core served, with that core's values (the window reloads the console when the core restarts).
//
// CommonJS (.cts → .cjs) because sandboxed preloads cannot be ES modules, and they can require nothing
// but 'electron': the channel names repeat BRIDGE_CHANNELS (a test checks they match).
// TypeScript forbids `import … from` in a .cts under verbatimModuleSyntax; this form compiles to require().
// eslint-disable-next-line @typescript-eslint/no-require-imports
import electron = require('electron');
import type { RegieBridge } from '../shared/bridge.js' with { 'resolution-mode': 'import' };

const CHANNELS = {
  connection: 'regie:connection',
  chooseFile: 'regie:choose-file',
  chooseFolder: 'regie:choose-folder',
  secondDisplay: 'regie:second-display',
} as const;

interface Connection {
  url: string;
  token: string;
}

function isConnection(value: unknown): value is Connection {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.url === 'string' && typeof v.token === 'string' && v.url !== '' && v.token !== '';
}

const answer: unknown = electron.ipcRenderer.sendSync(CHANNELS.connection);

// A page the core did not serve (the error page, anything else) gets no bridge at all.
if (isConnection(answer)) {
  const pick = (channel: string, options: unknown): Promise<string | null> =>
    electron.ipcRenderer.invoke(channel, options) as Promise<string | null>;
  const bridge: RegieBridge = {
    coreUrl: answer.url,
    token: answer.token,
    chooseFile: (options) => pick(CHANNELS.chooseFile, options),
    chooseFolder: (options) => pick(CHANNELS.chooseFolder, options),
    showOnSecondDisplay: (view) => electron.ipcRenderer.invoke(CHANNELS.secondDisplay, view) as Promise<void>,
  };
  electron.contextBridge.exposeInMainWorld('regie', bridge);
}
