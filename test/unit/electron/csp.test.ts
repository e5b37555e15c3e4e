import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, withPolicy } from '../../../electron/main/csp.js';
import { createMainWindow } from '../../../electron/main/window.js';
import { recordingLogger } from '../../helpers/quiet-logger.js';
import { FakeWindow } from './fakes.js';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

describe('the console CSP', () => {
  const policy = directives(contentSecurityPolicy('http://127.0.0.1:40123'));

  it('no eval, no inline script, scripts only from the core', () => {
    expect(contentSecurityPolicy('http://127.0.0.1:40123')).not.toMatch(/unsafe-eval|wasm-unsafe-eval/);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('default-src')).toEqual(["'none'"]);
  });

  it('connections only to the core and its WebSocket, nowhere else', () => {
    expect(policy.get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:40123']);
    expect(directives(contentSecurityPolicy('https://10.0.0.5:7420/')).get('connect-src')).toEqual([
      "'self'",
      'wss://10.0.0.5:7420',
    ]);
  });

  it('no frames, objects, forms or base changes', () => {
    for (const d of ['frame-src', 'object-src', 'base-uri', 'form-action', 'frame-ancestors'])
      expect(policy.get(d), d).toEqual(["'none'"]);
  });

  it('refuses a core address that is not http(s)', () => {
    expect(() => contentSecurityPolicy('file:///x')).toThrow(/not an http/);
  });

  it('replaces the core’s own header, whatever its case, and keeps the others', () => {
    const out = withPolicy(
      {
        'content-security-policy': ["default-src 'self'; connect-src 'self' ws: wss:"],
        'Content-Type': ['text/html'],
        'CONTENT-SECURITY-POLICY': ['x'],
      },
      'P',
    );
    expect(out).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': ['P'] });
  });
});

describe('the window session applies it', () => {
  function setup(core: string | null) {
    return createMainWindow({
      create: (o) => new FakeWindow(o),
      preload: '/p.cjs',
      coreUrl: () => core,
      shell: { openExternal: () => Promise.resolve() },
      logger: recordingLogger(),
    });
  }

  it('on every response of the running core', () => {
    const win = setup('http://127.0.0.1:40123');
    const r = win.webContents.response('http://127.0.0.1:40123/assets/index.js', {
      'Content-Security-Policy': ["connect-src 'self' ws: wss:"],
    });
    expect(r?.responseHeaders).toEqual({
      'Content-Security-Policy': [contentSecurityPolicy('http://127.0.0.1:40123')],
    });
  });

  it('leaves other responses alone (nothing else is shown in the window anyway)', () => {
    const win = setup('http://127.0.0.1:40123');
    expect(win.webContents.response('http://127.0.0.1:40124/', {})).toEqual({});
    expect(win.webContents.response('https://example.org/', {})).toEqual({});
    expect(setup(null).webContents.response('http://127.0.0.1:40123/', {})).toEqual({});
  });
});
