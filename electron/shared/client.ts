// The typed client, generated from the method table with a Proxy: client['program.setLayout']({...}).
// The transport is injected (WebSocket in the UI, fetch in scripts, a direct dispatcher in tests).
import type { MethodArgs, MethodName, MethodResult } from './methods.js';

export type Transport = (method: string, args: unknown) => Promise<unknown>;

export type Client = { [M in MethodName]: (args?: MethodArgs<M>) => Promise<MethodResult<M>> };

export function createClient(transport: Transport): Client {
  return new Proxy({} as Client, {
    get(_target, prop) {
      if (typeof prop !== 'string') return undefined;
      return (args?: unknown) => transport(prop, args ?? {});
    },
  });
}

/** The HTTP transport: POST /api/v1/call/<method>, the error body thrown as an Error with its code. */
export function httpTransport(baseUrl: string, token: string): Transport {
  return async (method, args) => {
    const res = await fetch(`${baseUrl}/api/v1/call/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(args),
    });
    const body = (await res.json()) as { result?: unknown; error?: { code: string; message: string } };
    if (body.error) throw Object.assign(new Error(body.error.message), { code: body.error.code });
    return body.result;
  };
}
