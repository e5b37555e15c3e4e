// Loading a show file: parse, migrate, validate. A bad file is a ShowFileError that names the file,
// the JSON path and what was expected; the core then exits non-zero rather than start half-configured.
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import type { Show } from '../../shared/show.js';
import { ShowSchema } from '../../shared/show.js';
import { ShowVersionError, migrate } from './migrate.js';

export class ShowFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`Invalid show file ${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ShowFileError';
  }
}

/** `$.sources[1].kind` style paths, the way JSON tools print them. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '$';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : `.${String(part)}`;
  return out;
}

/** One line per problem; for a union, the alternatives that were expected ("one of …, or a string"). */
export function describeIssue(issue: z.core.$ZodIssue, prefix: readonly PropertyKey[] = []): string {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    let received = '';
    const alternatives = issue.errors.map((branch) =>
      branch
        .map((i) => {
          const m = /^Invalid (?:input|option): (?:expected )?(.*?)(?:, received (\w+))?$/.exec(i.message);
          if (m?.[2] !== undefined) received = m[2];
          return m?.[1] ?? i.message;
        })
        .join(', '),
    );
    return `${jsonPath(path)}: expected ${alternatives.join(', or ')}${received !== '' ? `; received ${received}` : ''}`;
  }
  return `${jsonPath(path)}: ${issue.message}`;
}

export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => describeIssue(issue));
}

/** Validates an already-parsed document (HTTP imports use this too). */
export function parseShow(doc: unknown, file: string): { show: Show; migrated: string[] } {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new ShowFileError(file, ['$: expected a JSON object with "version": 1']);
  }
  let migrated: { doc: Record<string, unknown>; applied: string[] };
  try {
    migrated = migrate(doc as Record<string, unknown>);
  } catch (err) {
    if (err instanceof ShowVersionError) throw new ShowFileError(file, [`$.version: ${err.message}`]);
    throw err;
  }
  const result = ShowSchema.safeParse(migrated.doc);
  if (!result.success) throw new ShowFileError(file, describeIssues(result.error));
  const show = result.data;
  // Recordings are MPEG-TS only (they survive a crash); say so rather than silently ignore the setting.
  if (show.recording.container === 'matroska') {
    show.recording.container = 'mpegts';
    migrated.applied.push(
      'recording.container "matroska" → "mpegts": recordings are MPEG-TS segments, which survive a crash; remux a copy with ffmpeg -c copy for an editor',
    );
  }
  return { show, migrated: migrated.applied };
}

export function loadShowFile(file: string): { show: Show; migrated: string[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ShowFileError(file, [
      `cannot read the file: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
    ]);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new ShowFileError(file, [`not valid JSON: ${err instanceof Error ? err.message : String(err)}`]);
  }
  return parseShow(doc, file);
}
