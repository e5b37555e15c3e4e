#!/usr/bin/env node
// regie-core launcher: runs the compiled core from dist/ when it is built, else the TypeScript sources
// through tsx (development, tests).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const compiled = join(root, 'dist', 'electron', 'core', 'cli.js');
if (existsSync(compiled) && process.env.REGIE_FROM_SOURCE !== '1') {
  await import(pathToFileURL(compiled).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(root, 'electron', 'core', 'cli.ts')).href);
}
