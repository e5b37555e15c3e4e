#!/usr/bin/env node
// Builds the C++ compositor addon (native/) with node-gyp. Runs from `npm install` (postinstall)
// and from `npm run build:native -- --force`. Skips the build when the addon is already newer than
// its sources, so repeated installs stay fast.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const nativeDir = join(root, 'native');
const gyp = join(nativeDir, 'binding.gyp');
const addon = join(nativeDir, 'build', 'Release', 'regie_compositor.node');
const force = process.argv.includes('--force');

if (!existsSync(gyp)) {
  console.log('[regie] native/binding.gyp not present: nothing to build');
  process.exit(0);
}

function newestSource() {
  let newest = statSync(gyp).mtimeMs;
  const src = join(nativeDir, 'src');
  if (existsSync(src)) {
    for (const f of readdirSync(src)) newest = Math.max(newest, statSync(join(src, f)).mtimeMs);
  }
  return newest;
}

if (!force && existsSync(addon) && statSync(addon).mtimeMs > newestSource()) {
  console.log('[regie] native compositor is up to date');
  process.exit(0);
}

// node-gyp: the one npm points lifecycle scripts at, else npm's bundled copy, else a local install.
const gypCandidates = [
  process.env.npm_config_node_gyp,
  join(
    dirname(process.execPath),
    '..',
    'lib',
    'node_modules',
    'npm',
    'node_modules',
    'node-gyp',
    'bin',
    'node-gyp.js',
  ),
  join(dirname(process.execPath), 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
].filter((p) => typeof p === 'string' && existsSync(p));
const gypArgs = ['rebuild', '--release'];
// Build against the headers of the Node that runs us when they are installed locally (no download).
const localHeaders = join(dirname(process.execPath), '..', 'include', 'node', 'node_version.h');
if (existsSync(localHeaders)) gypArgs.push(`--nodedir=${join(dirname(process.execPath), '..')}`);
const run =
  gypCandidates.length > 0
    ? spawnSync(process.execPath, [gypCandidates[0], ...gypArgs], { cwd: nativeDir, stdio: 'inherit' })
    : spawnSync(process.platform === 'win32' ? 'node-gyp.cmd' : 'node-gyp', gypArgs, {
        cwd: nativeDir,
        stdio: 'inherit',
      });
if (run.error || run.status !== 0) {
  console.error(
    '[regie] building the native compositor failed. It needs python3, make and a C++17 compiler ' +
      '(Debian/Ubuntu: sudo apt-get install -y python3 make g++). Then run: npm run build:native',
  );
  process.exit(run.status ?? 1);
}
console.log('[regie] native compositor built: ' + addon);
