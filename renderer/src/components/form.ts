// Form helpers for the editors: zod issues by field, for inline messages.
import type { z } from 'zod';

export type FieldErrors = Record<string, string>;

/** The first message per top-level field of a failed parse ("" for errors about the whole object). */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? '');
    out[key] ??= issue.message;
  }
  return out;
}

/** A number input's value: '' is "not given". */
export function numberOrUndefined(v: string): number | undefined {
  if (v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : Number.NaN;
}
