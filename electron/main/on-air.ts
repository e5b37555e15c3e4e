// Before quitting (or restarting the core on another show), main asks the core whether anything is on
// air: GET /api/v1/state with the token and a short timeout. Only a live stream or a running recording
// deserves a question; a core that does not answer in time is not worth blocking the quit for.
import { z } from 'zod';
import type { CoreConnection } from './core-child.js';

export interface OnAir {
  live: boolean;
  recording: boolean;
}

/** Only the two flags are read; the rest of the state is the core's business. */
const StateFlags = z.object({ program: z.object({ live: z.boolean(), recording: z.boolean() }) });

export type FetchLike = (
  url: string,
  init: { headers: Record<string, string>; signal: AbortSignal },
) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;

/**
 * What is on air, or null when nothing can be known (no core, no answer within timeoutMs, an error,
 * an answer of another shape): the caller then quits without asking.
 */
export async function coreOnAir(
  conn: CoreConnection | null,
  opts: { fetch?: FetchLike; timeoutMs?: number } = {},
): Promise<OnAir | null> {
  if (conn === null) return null;
  const fetchFn: FetchLike = opts.fetch ?? fetch;
  try {
    const res = await fetchFn(`${conn.url}/api/v1/state`, {
      headers: { authorization: `Bearer ${conn.token}` },
      signal: AbortSignal.timeout(opts.timeoutMs ?? 1500),
    });
    if (!res.ok) return null;
    const parsed = StateFlags.safeParse(await res.json());
    if (!parsed.success) return null;
    return { live: parsed.data.program.live, recording: parsed.data.program.recording };
  } catch {
    return null;
  }
}

export type GuardedAction = 'quit' | 'open-show';

export interface Question {
  message: string;
  detail: string;
  buttons: [string, string];
}

/** The question to ask before an action that stops what is on air; null when nothing is. */
export function onAirQuestion(action: GuardedAction, onAir: OnAir | null): Question | null {
  if (onAir === null || (!onAir.live && !onAir.recording)) return null;
  const what =
    onAir.live && onAir.recording ? 'Streams and recording are' : onAir.live ? 'Streams are' : 'Recording is';
  const verb = action === 'quit' ? 'quit' : 'open the other show';
  return {
    message: `${what} running — stop ${onAir.live ? 'them' : 'it'} and ${verb}?`,
    detail:
      action === 'quit'
        ? 'Recordings are finalized before Régie quits. Viewers see the stream end.'
        : 'The core restarts on the other show: recordings are finalized and streams stop.',
    buttons: [action === 'quit' ? 'Stop and quit' : 'Stop and open', 'Cancel'],
  };
}
