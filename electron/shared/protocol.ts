// WebSocket messages (JSON text frames). Binary frames carry previews and monitor audio, with their own
// headers (preview.ts, monitor.ts).
import { z } from 'zod';
import type { ApiErrorBody } from './errors.js';
import type { JsonValue, PatchOp } from './patch.js';

export const ClientMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('call'),
    id: z.union([z.string().max(64), z.number()]),
    method: z.string().max(100),
    args: z.unknown().optional(),
  }),
  z.object({ type: z.literal('resync') }),
  // Monitoring (PFL) for this client only: a source id, "program", or null to stop (see monitor.ts).
  z.object({
    type: z.literal('monitor'),
    id: z.union([z.string().max(64), z.number()]).optional(),
    source: z.string().max(64).nullable(),
  }),
]);
export type ClientMessage = z.infer<typeof ClientMessageSchema>;

export type ServerMessage =
  | { type: 'hello'; protocol: 1; methods: string[] }
  | { type: 'snapshot'; rev: number; state: JsonValue }
  | { type: 'patch'; rev: number; ops: PatchOp[] }
  | { type: 'telemetry'; t: number; data: JsonValue }
  | { type: 'result'; id: string | number; result: unknown }
  | { type: 'error'; id: string | number | null; error: ApiErrorBody };

export function assertNever(x: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(x)}`);
}
