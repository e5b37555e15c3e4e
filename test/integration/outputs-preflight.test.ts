// stream.preflight against real servers on loopback: nginx-rtmp up and down, an SRT listener up and down
// (a real handshake by srt-live-transmit), an SRT listener-mode destination with its port free or taken,
// and the whole method through a real core process.
import { createSocket } from 'node:dgram';
import { afterAll, describe, expect, it } from 'vitest';
import { preflight } from '../../electron/core/outputs/preflight.js';
import type { PreflightDeps } from '../../electron/core/outputs/preflight.js';
import { findSrtTool } from '../../electron/core/outputs/srt-tool.js';
import { ShowSchema } from '../../electron/shared/show.js';
import { PreflightSchema } from '../../electron/shared/methods-outputs.js';
import { api, call, startCoreProcess } from '../helpers/core-process.js';
import { freePort, startNginxRtmp, startSrtListener, stopAllServers, tempDir } from '../helpers/servers.js';

afterAll(stopAllServers);

function deps(destinations: unknown[], extra: Partial<PreflightDeps> = {}): PreflightDeps {
  return {
    show: ShowSchema.parse({ version: 1, destinations }),
    recordingDir: tempDir('preflight-rec'),
    secret: () => null,
    srtTool: findSrtTool(),
    encoderSpeed: 1.0,
    timeoutMs: 3000,
    ...extra,
  };
}

describe('stream.preflight', () => {
  it('a live nginx-rtmp is reachable; once stopped, "connection refused"', async () => {
    const nginx = await startNginxRtmp();
    try {
      const up = await preflight(deps([{ id: 'yt', name: 'nginx', url: nginx.rtmpUrl }]));
      expect(up.destinations[0]).toMatchObject({ id: 'yt', ok: true, reachable: true });
      expect(up.destinations[0]?.rttMs).toBeGreaterThanOrEqual(0);
      expect(up.destinations[0]?.throughputKbps).toBeUndefined();
      expect(up.destinations[0]?.detail).toMatch(/not measured/);
      expect(up.ok).toBe(true);
      await nginx.stop();
      const down = await preflight(deps([{ id: 'yt', name: 'nginx', url: nginx.rtmpUrl }]));
      expect(down.ok).toBe(false);
      expect(down.destinations[0]).toMatchObject({ ok: false, reachable: false });
      expect(down.destinations[0]?.detail).toMatch(/connection refused/);
      expect(down.checks.find((c) => c.name === 'Destination nginx')?.ok).toBe(false);
      // A destination that is live already is not probed (a second connection could disturb it).
      const live = await preflight(
        deps([{ id: 'yt', name: 'nginx', url: nginx.rtmpUrl }], { liveIds: new Set(['yt']) }),
      );
      expect(live.destinations[0]).toMatchObject({ ok: true, reachable: true });
      expect(live.destinations[0]?.detail).toMatch(/live now/);
    } finally {
      await nginx.stop();
    }
  });

  it('an SRT listener answers the handshake; stopped, no handshake; a wrong passphrase is refused', async () => {
    const srt = await startSrtListener();
    const secured = await startSrtListener({ passphrase: 'right-passphrase-123' });
    try {
      const up = await preflight(deps([{ id: 'main', name: 'Main', url: srt.callerUrl }]));
      expect(up.destinations[0], up.destinations[0]?.detail).toMatchObject({ ok: true, reachable: true });
      expect(up.destinations[0]?.detail).toMatch(/SRT handshake/);
      const wrong = await preflight(
        deps([{ id: 'sec', name: 'Secured', url: secured.callerUrl, keyRef: 'pw' }], {
          secret: () => 'wrong-passphrase-456',
        }),
      );
      expect(wrong.destinations[0]?.ok).toBe(false);
      expect(wrong.destinations[0]?.detail).toMatch(/refused the handshake/);
      await srt.stop();
      const down = await preflight(deps([{ id: 'main', name: 'Main', url: srt.callerUrl }]));
      expect(down.destinations[0]).toMatchObject({ ok: false, reachable: false });
      expect(down.destinations[0]?.detail).toMatch(/no SRT handshake|gave up/);
    } finally {
      await srt.stop();
      await secured.stop();
    }
  });

  it('an SRT listener-mode destination waits for a caller: ok when its port is free, not when taken', async () => {
    const port = await freePort('udp');
    const url = `srt://127.0.0.1:${port}?mode=listener`;
    const free = await preflight(deps([{ id: 'l', name: 'Listener', url }]));
    expect(free.destinations[0]).toMatchObject({ ok: true, reachable: false });
    expect(free.destinations[0]?.detail).toMatch(/wait for a caller/);
    const squatter = createSocket('udp4');
    await new Promise<void>((r) => squatter.bind(port, '127.0.0.1', r));
    try {
      const taken = await preflight(deps([{ id: 'l', name: 'Listener', url }]));
      expect(taken.destinations[0]?.ok).toBe(false);
      expect(taken.destinations[0]?.detail).toMatch(/already in use/);
    } finally {
      squatter.close();
    }
  });

  it('disk and encoder: real free space, a nearly full disk and a slow encoder fail in words', async () => {
    const real = await preflight(deps([]));
    expect(real.disk.freeBytes).toBeGreaterThan(0);
    expect(real.disk.secondsLeft).toBeGreaterThan(0);
    expect(real.checks[0]).toMatchObject({ name: 'Destinations', ok: false });
    // 100 MB free at 4.1 Mbit/s: about 3 minutes.
    const full = await preflight(
      deps([], { statfs: () => Promise.resolve({ bavail: 100, bsize: 1_000_000 }), encoderSpeed: 0.6 }),
    );
    expect(full.disk.ok).toBe(false);
    expect(full.disk.secondsLeft).toBeGreaterThan(150);
    expect(full.disk.secondsLeft).toBeLessThan(220);
    expect(full.disk.detail).toMatch(/less than 30 min/);
    expect(full.encoder).toMatchObject({ ok: false, speed: 0.6 });
    expect(full.encoder.detail).toMatch(/slower than real time/);
  });

  it('through a real core: every check is {name, ok, detail}, the encoder reports its speed', async () => {
    const nginx = await startNginxRtmp();
    const core = await startCoreProcess(['--demo']);
    try {
      const add = await call(core, 'destination.add', { name: 'nginx', url: nginx.rtmpUrl, key: 'k-123456' });
      expect(add.status).toBe(200);
      const closedPort = await freePort();
      await call(core, 'destination.add', { name: 'closed', url: `rtmp://127.0.0.1:${closedPort}/live` });
      // The demo encoder reports its speed after a second or two.
      let result = PreflightSchema.parse(
        ((await call(core, 'stream.preflight', {})).body as { result: unknown }).result,
      );
      for (let i = 0; i < 30 && (result.encoder.speed ?? 0) < 0.5; i++) {
        await new Promise((r) => setTimeout(r, 500));
        result = PreflightSchema.parse(
          ((await call(core, 'stream.preflight', {})).body as { result: unknown }).result,
        );
      }
      expect(result.destinations.map((d) => [d.name, d.ok])).toEqual([
        ['nginx', true],
        ['closed', false],
      ]);
      expect(result.ok).toBe(false);
      expect(result.encoder.speed).toBeGreaterThan(0.5);
      expect(result.checks.map((c) => c.name)).toEqual([
        'Destination nginx',
        'Destination closed',
        'Disk space',
        'Encoder speed',
      ]);
      expect(JSON.stringify(result)).not.toContain('k-123456');
      // The disk is in telemetry too (top level `disk`), read from the real file system.
      const tele = (await api(core, '/api/v1/telemetry')).body as {
        data: { disk: { freeBytes: number; secondsLeft: number | null } | null };
      };
      expect(tele.data.disk?.freeBytes).toBeGreaterThan(0);
      expect(tele.data.disk?.secondsLeft).toBeGreaterThan(0);
    } finally {
      await core.stop();
      await nginx.stop();
    }
  });
});
