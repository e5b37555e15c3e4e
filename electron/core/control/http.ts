// HTTP transport: /api/v1/health (open), /api/v1/state, /api/v1/telemetry, /api/v1/methods,
// POST /api/v1/call/<method>, and the built renderer at /. Generated from the method table via dispatch.
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { errorStatus } from '../../shared/errors.js';
import type { Logger } from '../log/logger.js';
import type { AuthGate } from './auth.js';
import type { Dispatcher } from './dispatch.js';
import { methodList } from './dispatch.js';

export interface HttpDeps {
  auth: AuthGate;
  dispatch: Dispatcher;
  state: () => unknown;
  telemetry: () => unknown;
  health: () => unknown;
  rendererDir: string | null;
  logger: Logger;
}

const MAX_BODY = 1024 * 1024;
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

function sendError(res: ServerResponse, code: keyof typeof errorStatus, message: string): void {
  sendJson(res, errorStatus[code], { error: { code, message } });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function serveStatic(dir: string, pathname: string, res: ServerResponse): boolean {
  const rel = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
  const file = normalize(join(dir, rel));
  if (!file.startsWith(dir + sep) && file !== dir) return false;
  if (!existsSync(file) || !statSync(file).isFile()) return false;
  res.writeHead(200, {
    'content-type': MIME[extname(file)] ?? 'application/octet-stream',
    'content-security-policy':
      "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'",
    'x-content-type-options': 'nosniff',
  });
  createReadStream(file).pipe(res);
  return true;
}

export function createHttpHandler(deps: HttpDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (path === '/api/v1/health' && req.method === 'GET') {
      sendJson(res, 200, deps.health());
      return;
    }
    if (path.startsWith('/api/')) {
      const verdict = deps.auth.checkRequest(req);
      if (!verdict.ok && verdict.limited) {
        res.setHeader('retry-after', String(verdict.retryAfterS));
        sendError(res, 'rate_limited', `too many failed attempts: retry in ${verdict.retryAfterS} s`);
        return;
      }
      if (!verdict.ok) {
        sendError(
          res,
          'unauthorized',
          'missing or wrong token: send "Authorization: Bearer <token>" or ?token=',
        );
        return;
      }
      if (path === '/api/v1/state' && req.method === 'GET') return sendJson(res, 200, deps.state());
      if (path === '/api/v1/telemetry' && req.method === 'GET') return sendJson(res, 200, deps.telemetry());
      if (path === '/api/v1/methods' && req.method === 'GET')
        return sendJson(res, 200, { methods: methodList() });
      const call = /^\/api\/v1\/call\/([\w.-]+)$/.exec(path);
      if (call?.[1] !== undefined) {
        if (req.method !== 'POST') {
          res.setHeader('allow', 'POST');
          sendJson(res, 405, { error: { code: 'invalid_argument', message: 'use POST with a JSON body' } });
          return;
        }
        let args: unknown = {};
        let body: string;
        try {
          body = await readBody(req);
        } catch (err) {
          sendError(res, 'invalid_argument', err instanceof Error ? err.message : 'unreadable body');
          return;
        }
        if (body.trim() !== '') {
          try {
            args = JSON.parse(body);
          } catch {
            sendError(res, 'invalid_argument', 'the body is not valid JSON');
            return;
          }
        }
        const outcome = await deps.dispatch(call[1], args);
        if (outcome.ok) sendJson(res, 200, { result: outcome.result });
        else sendJson(res, errorStatus[outcome.error.code], { error: outcome.error });
        return;
      }
      sendError(res, 'not_found', `no endpoint ${req.method ?? ''} ${path}`);
      return;
    }
    if (req.method === 'GET' && deps.rendererDir !== null && serveStatic(deps.rendererDir, path, res)) return;
    if (
      req.method === 'GET' &&
      deps.rendererDir !== null &&
      !path.includes('.') &&
      serveStatic(deps.rendererDir, '/', res)
    )
      return;
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(
      deps.rendererDir === null
        ? 'The operator UI is not built: run "npm run build:renderer".\n'
        : 'Not found\n',
    );
  };
  return (req, res) => {
    route(req, res).catch((err: unknown) => {
      deps.logger.error('HTTP handler failed', { error: err instanceof Error ? err : String(err) });
      if (!res.headersSent) sendError(res, 'internal', 'internal error');
      else res.end();
    });
  };
}
