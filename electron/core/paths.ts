// Locations inside the installed app, found by walking up from this file (works from the TypeScript
// sources run by tsx and from the compiled dist/ alike).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export function appRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    // the source tree has electron/; the packaged app ships the compiled dist/ only
    const ours = existsSync(join(dir, 'electron')) || existsSync(join(dir, 'dist', 'electron'));
    if (existsSync(join(dir, 'package.json')) && ours) return dir;
    dir = dirname(dir);
  }
  throw new Error('cannot find the Régie installation (package.json)');
}

export function appVersion(): string {
  const pkg = z
    .object({ version: z.string() })
    .parse(JSON.parse(readFileSync(join(appRoot(), 'package.json'), 'utf8')));
  return pkg.version;
}

export function rendererDir(): string | null {
  const dir = join(appRoot(), 'renderer', 'dist');
  return existsSync(join(dir, 'index.html')) ? dir : null;
}
