#!/usr/bin/env node
// Runs before `npm start` and `npm test`: installs missing system packages (Debian/Ubuntu) and builds
// what is not built yet, so that both commands work on a fresh machine.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const forRun = process.argv.includes('--run');

function run(cmd, args) {
  const r = spawnSync(cmd, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (process.platform === 'linux' && process.env.REGIE_SKIP_SYSTEM_DEPS !== '1') {
  run('bash', [join(root, 'scripts', 'install-system-deps.sh'), ...(forRun ? ['--run'] : [])]);
}
if (!existsSync(join(root, 'node_modules', '.package-lock.json'))) run('npm', ['ci']);
if (!existsSync(join(root, 'renderer', 'dist', 'index.html'))) run('npm', ['run', 'build:renderer']);
