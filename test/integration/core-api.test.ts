// The control API of a real core started with --demo: auth, state, errors, calls, WebSocket snapshot/patches.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { decodePreview } from '../../electron/shared/preview.js';
import type { CoreProcess } from '../helpers/core-process.js';
import { api, call, startCoreProcess, waitFor } from '../helpers/core-process.js';

let core: CoreProcess;
beforeAll(async () => {
  core = await startCoreProcess(['--demo']);
});
afterAll(async () => {
  await core.stop();
});

interface StateBody {
  show: {
    name: string;
    program: { width: number; height: number; fps: number };
    sources: { id: string }[];
    scene: { layout: string };
  };
  sources: Record<string, { status: string; framesIn: number }>;
  ffmpeg: { libx264: boolean; libsrt: boolean };
  secrets: { ref: string; masked: string }[];
}

describe('regie-core --demo', () => {
  it('printed its ready line within 10 s', () => {
    expect(core.readyMs).toBeLessThan(10_000);
    expect(core.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers /api/v1/health without a token', async () => {
    const res = await fetch(`${core.url}/api/v1/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true });
  });

  it('refuses a missing or wrong token with 401', async () => {
    expect((await fetch(`${core.url}/api/v1/state`)).status).toBe(401);
    expect(
      (await fetch(`${core.url}/api/v1/state`, { headers: { authorization: 'Bearer wrong' } })).status,
    ).toBe(401);
    expect((await fetch(`${core.url}/api/v1/state?token=wrong`)).status).toBe(401);
    expect((await fetch(`${core.url}/api/v1/call/core.ping`, { method: 'POST' })).status).toBe(401);
    expect((await fetch(`${core.url}/api/v1/state?token=${core.token}`)).status).toBe(200);
  });

  it('returns the demo show in /api/v1/state, with live test sources', async () => {
    const { status, body } = await api(core, '/api/v1/state');
    expect(status).toBe(200);
    const state = body as StateBody;
    expect(state.show.name).toBe('Régie demo');
    expect(state.show.program).toEqual({ width: 1280, height: 720, fps: 30 });
    expect(state.show.sources.map((s) => s.id)).toEqual(['slides', 'camera']);
    expect(state.show.scene.layout).toBe('pip');
    expect(state.ffmpeg.libx264).toBe(true);
    await waitFor(async () => {
      const s = (await api(core, '/api/v1/state')).body as StateBody;
      return (
        s.sources.slides?.status === 'live' &&
        s.sources.camera?.status === 'live' &&
        s.sources.slides.framesIn > 0
      );
    });
  });

  it('answers an unknown method with 404', async () => {
    const { status, body } = await call(core, 'program.explode', {});
    expect(status).toBe(404);
    expect(body).toEqual({
      error: { code: 'not_found', message: expect.stringContaining('program.explode') as unknown },
    });
  });

  it('answers program.setLayout {"layout": 42} with 400 and a useful message', async () => {
    const { status, body } = await call(core, 'program.setLayout', { layout: 42 });
    expect(status).toBe(400);
    const message = (body as { error: { message: string } }).error.message;
    expect(message).toContain('$.layout');
    expect(message).toContain('"pip"');
    expect(message).toContain('received number');
  });

  it('answers a body that is not JSON with 400', async () => {
    const res = await fetch(`${core.url}/api/v1/call/core.ping`, {
      method: 'POST',
      body: '{nope',
      headers: { authorization: `Bearer ${core.token}` },
    });
    expect(res.status).toBe(400);
  });

  it('changes the layout and lists the methods', async () => {
    const r = await call(core, 'program.setLayout', { layout: 'sideBySide', a: 'camera', b: 'slides' });
    expect(r).toEqual({
      status: 200,
      body: { result: { layout: 'sideBySide', sources: ['camera', 'slides'], corner: 'br', size: 0.25 } },
    });
    const bad = await call(core, 'program.setLayout', { layout: 'pip', a: 'camera', b: 'ghost' });
    expect(bad.status).toBe(400);
    const methods = (await api(core, '/api/v1/methods')).body as { methods: { name: string }[] };
    expect(methods.methods.map((m) => m.name)).toContain('program.setLayout');
  });

  it('keeps a stream key out of the show and masks it in state', async () => {
    const added = await call(core, 'destination.add', {
      name: 'Main RTMP',
      url: 'rtmp://127.0.0.1:1935/live',
      key: 'sk-0123456789abcdef',
    });
    expect(added.status).toBe(200);
    const state = JSON.stringify((await api(core, '/api/v1/state')).body);
    expect(state).not.toContain('sk-0123456789abcdef');
    expect(state).toContain('"keyRef":"main-rtmp-key"');
    expect(state).toContain('sk••••••cdef');
    expect(core.stderr()).not.toContain('sk-0123456789abcdef');
  });

  it('WebSocket: refuses a wrong token, then sends a snapshot, patches, call results and telemetry', async () => {
    const wsUrl = core.url.replace('http', 'ws') + '/api/v1/ws';
    const refused = await new Promise<number>((resolve) => {
      const bad = new WebSocket(`${wsUrl}?token=wrong`);
      bad.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      bad.on('error', () => undefined);
    });
    expect(refused).toBe(401);

    const ws = new WebSocket(`${wsUrl}?token=${core.token}`);
    const messages: { type: string; [k: string]: unknown }[] = [];
    const previews: { kind: string; id: string; width: number; height: number }[] = [];
    ws.on('message', (d: Buffer, isBinary: boolean) => {
      if (!isBinary) {
        messages.push(JSON.parse(d.toString()) as { type: string });
        return;
      }
      const frame = decodePreview(new Uint8Array(d));
      if (frame) previews.push({ kind: frame.kind, id: frame.id, width: frame.width, height: frame.height });
    });
    await new Promise((resolve) => ws.on('open', resolve));
    await waitFor(() => messages.some((m) => m.type === 'snapshot'));
    expect(messages[0]?.type).toBe('hello');
    ws.send(
      JSON.stringify({
        type: 'call',
        id: 7,
        method: 'program.setLayout',
        args: { layout: 'full', a: 'slides' },
      }),
    );
    const result = await waitFor(() => messages.find((m) => m.type === 'result' && m.id === 7));
    expect(result.result).toMatchObject({ layout: 'full', sources: ['slides'] });
    await waitFor(() =>
      messages.some((m) => m.type === 'patch' && JSON.stringify(m.ops).includes('"scene"')),
    );
    ws.send(JSON.stringify({ type: 'call', id: 'x', method: 'program.setLayout', args: { layout: 42 } }));
    const error = await waitFor(() => messages.find((m) => m.type === 'error' && m.id === 'x'));
    expect(error.error).toMatchObject({ code: 'invalid_argument' });
    ws.send('not json at all');
    await waitFor(() => messages.some((m) => m.type === 'error' && m.id === null));
    // telemetry arrives at a bounded rate (25 Hz): count over one second
    const before = messages.filter((m) => m.type === 'telemetry').length;
    await new Promise((r) => setTimeout(r, 1000));
    const perSecond = messages.filter((m) => m.type === 'telemetry').length - before;
    expect(perSecond).toBeGreaterThanOrEqual(15);
    expect(perSecond).toBeLessThanOrEqual(31);
    // Binary previews: the program 640 px wide, every source 320 px, 16:9.
    await waitFor(() => ['program', 'slides', 'camera'].every((id) => previews.some((p) => p.id === id)));
    expect(previews.find((p) => p.kind === 'program')).toEqual({
      kind: 'program',
      id: 'program',
      width: 640,
      height: 360,
    });
    expect(previews.find((p) => p.id === 'slides')).toEqual({
      kind: 'source',
      id: 'slides',
      width: 320,
      height: 180,
    });
    ws.close();
  });

  it('serves the telemetry over HTTP', async () => {
    const { status, body } = await api(core, '/api/v1/telemetry');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      data: { core: { cores: expect.any(Number) as unknown }, sources: { slides: { status: 'live' } } },
    });
  });
});
