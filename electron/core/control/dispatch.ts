// Calls a method by name with untrusted arguments: look it up, validate with its zod schema, run the handler.
// Every transport (HTTP, WebSocket, OSC) goes through here, so errors look the same everywhere.
import type { z } from 'zod';
import type { ApiErrorBody } from '../../shared/errors.js';
import { ApiError } from '../../shared/errors.js';
import type { Handlers, MethodName } from '../../shared/methods.js';
import { isMethodName, methods } from '../../shared/methods.js';
import type { Logger } from '../log/logger.js';
import { describeIssue } from '../show/load.js';

export type CallOutcome = { ok: true; result: unknown } | { ok: false; error: ApiErrorBody };

export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => describeIssue(i))
    .join('; ');
}

export type Dispatcher = (method: string, args: unknown) => Promise<CallOutcome>;

export function createDispatcher(handlers: Handlers, logger: Logger): Dispatcher {
  return async (method, rawArgs) => {
    if (!isMethodName(method)) {
      return {
        ok: false,
        error: { code: 'not_found', message: `unknown method "${method}" (GET /api/v1/methods lists them)` },
      };
    }
    const def = methods[method];
    const parsed = def.args.safeParse(rawArgs ?? {});
    if (!parsed.success) {
      return {
        ok: false,
        error: { code: 'invalid_argument', message: `${method}: ${describeZodError(parsed.error)}` },
      };
    }
    try {
      const handler = handlers[method] as (a: unknown) => unknown;
      const result = await handler(parsed.data);
      return { ok: true, result };
    } catch (err) {
      if (err instanceof ApiError) return { ok: false, error: { code: err.code, message: err.message } };
      logger.error(`${method} failed`, { error: err instanceof Error ? err : String(err) });
      return {
        ok: false,
        error: { code: 'internal', message: err instanceof Error ? err.message : String(err) },
      };
    }
  };
}

export function methodList(): { name: MethodName; description: string }[] {
  return (Object.keys(methods) as MethodName[]).map((name) => ({
    name,
    description: methods[name].description,
  }));
}
