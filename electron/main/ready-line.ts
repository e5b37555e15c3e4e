// The core's machine-readable stdout: one JSON "ready" line once it listens. Parsed with zod; anything
// else on stdout (a stray print, a partial line) is ignored, never trusted.
import { z } from 'zod';

const httpUrl = z.string().refine((s) => {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}, 'an http(s) URL');

export const ReadyLineSchema = z.object({
  event: z.literal('ready'),
  url: httpUrl,
  token: z.string().min(1),
  pid: z.number().int(),
});
export type ReadyLine = z.infer<typeof ReadyLineSchema>;

/** The ready line, or null for anything else (not JSON, another event, missing fields). */
export function parseReadyLine(line: string): ReadyLine | null {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return null;
  }
  const result = ReadyLineSchema.safeParse(json);
  return result.success ? result.data : null;
}

/** Splits a text stream into lines across chunk boundaries. A runaway line without newline is cut. */
export class LineSplitter {
  private pending = '';

  constructor(private readonly maxPending = 64 * 1024) {}

  push(chunk: string): string[] {
    this.pending += chunk;
    const parts = this.pending.split(/\r?\n/);
    this.pending = parts.pop() ?? '';
    if (this.pending.length > this.maxPending) this.pending = '';
    return parts;
  }

  /** What is left when the stream ends (a last line without newline). */
  end(): string[] {
    const rest = this.pending;
    this.pending = '';
    return rest === '' ? [] : [rest];
  }
}
