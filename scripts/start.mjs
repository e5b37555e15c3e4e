#!/usr/bin/env node
// `npm start`: the desktop app when the Electron binary is installed; otherwise it says so and runs the
// headless core with the demo show (or the show given: npm start -- --show my-show.json) and prints the
// address to open in a browser.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

function electronBinary() {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const bin = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? bin : null;
}

const electron = electronBinary();
if (electron !== null && process.env.REGIE_HEADLESS !== '1') {
  const build = spawnSync('npm', ['run', 'build:ts'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  const child = spawn(electron, [root, ...args], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  if (electron === null) {
    process.stderr.write(
      [
        '',
        'Régie: the Electron binary is not installed, so the desktop window cannot open.',
        '  To install it (needs access to the Electron download servers):',
        '    node node_modules/electron/install.js',
        '  Meanwhile Régie runs headless: the core below, with the operator console in your browser.',
        '',
      ].join('\n'),
    );
  }
  const showArgs = args.length > 0 ? args : ['--demo'];
  const core = spawn(process.execPath, [join(root, 'bin', 'regie-core.mjs'), ...showArgs], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let buffer = '';
  core.stdout.on('data', (chunk) => {
    buffer += chunk.toString();
    let nl;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      process.stdout.write(line + '\n');
      try {
        const ready = JSON.parse(line);
        if (ready.event === 'ready') {
          process.stderr.write(
            `\n  Open the operator console: ${ready.url}/?token=${encodeURIComponent(ready.token)}\n  Stop with Ctrl+C.\n\n`,
          );
        }
      } catch {
        // not the ready line
      }
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => core.kill(signal));
  core.on('exit', (code) => process.exit(code ?? 0));
}
