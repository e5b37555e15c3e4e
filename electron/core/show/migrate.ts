// Show-file migrations: each one turns version N into version N+1, and each has before/after fixture tests.
// Today the format is at version 1, so the list is empty; the runner is tested with injected migrations.
import { SHOW_VERSION } from '../../shared/show.js';

export interface Migration {
  from: number;
  description: string;
  up(doc: Record<string, unknown>): Record<string, unknown>;
}

export const migrations: readonly Migration[] = [];

export class ShowVersionError extends Error {}

export function migrate(
  doc: Record<string, unknown>,
  list: readonly Migration[] = migrations,
  target: number = SHOW_VERSION,
): { doc: Record<string, unknown>; applied: string[] } {
  const version = doc.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new ShowVersionError(
      `"version" must be a whole number from 1 to ${target} (found ${JSON.stringify(version)})`,
    );
  }
  if (version > target) {
    throw new ShowVersionError(
      `this show was written by a newer Régie (show version ${version}; this one reads up to ${target})`,
    );
  }
  let current = doc;
  const applied: string[] = [];
  for (let v = version; v < target; v++) {
    const step = list.find((m) => m.from === v);
    if (!step) throw new ShowVersionError(`no migration from show version ${v} to ${v + 1}`);
    current = { ...step.up(current), version: v + 1 };
    applied.push(`v${v}→v${v + 1}: ${step.description}`);
  }
  return { doc: current, applied };
}
