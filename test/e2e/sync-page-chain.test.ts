// The phone sync pattern through a whole capture chain, as a phone held in front of a camera would be:
// Debian's Chromium shows /sync.html in a window on a private X server (Xvfb) and plays its beeps into a
// private PulseAudio null sink; a Régie `screen` source captures that display (x11grab) with the sink's
// monitor as its audio device, and audio.calibrate measures the flash-to-beep offset from what it
// captured. The chain's own latency (x11grab, the pulse capture buffer, Chromium's output) is part of
// what is measured, as a camera's and a mixing desk's would be: the test checks that the flashes and
// beeps are found and that the measured offset is steady from one measurement to the next.
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreProcess } from '../helpers/core-process.js';
import { call, startCoreProcess, waitFor, api } from '../helpers/core-process.js';
import { CHROMIUM } from '../helpers/browser.js';
import type { PulseServer } from '../helpers/pulse.js';
import { hasPulseaudio, startPulse } from '../helpers/pulse.js';
import { tempDir } from '../helpers/servers.js';
import type { XServer } from '../helpers/xvfb.js';
import { hasXvfb, startXvfb } from '../helpers/xvfb.js';

interface Calibration {
  offsetMs: number | null;
  proposedDelayMs: number | null;
  flashes: number;
}

const dir = tempDir('regie-sync-chain');
const usable = (await hasPulseaudio()) && (await hasXvfb());

describe.skipIf(!usable)('sync pattern page through a capture chain', () => {
  let pulse: PulseServer;
  let x: XServer;
  let core: CoreProcess;
  let browser: Browser;

  beforeAll(async () => {
    pulse = await startPulse('regie_phone');
    x = await startXvfb({ width: 640, height: 360 });
    const show = join(dir, 'show.json');
    writeFileSync(
      show,
      JSON.stringify({
        version: 1,
        name: 'Sync chain',
        program: { width: 320, height: 180, fps: 25 },
        sources: [
          {
            id: 'room',
            name: 'Room',
            kind: 'screen',
            display: `${x.display}.0`,
            audioDevice: `pulse:${pulse.monitor}`,
          },
        ],
        scene: { layout: 'full', sources: ['room'] },
        encoder: { preset: 'ultrafast', videoKbps: 300, audioKbps: 96, gopSeconds: 1 },
        recording: { directory: join(dir, 'rec') },
      }),
    );
    core = await startCoreProcess(['--show', show], pulse.env);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: false,
      env: { ...process.env, ...pulse.env, DISPLAY: x.display },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--window-position=0,0',
        '--window-size=640,360',
        '--kiosk',
      ],
    });
  });
  afterAll(async () => {
    await browser.close();
    await core.stop();
    await x.stop();
    await pulse.stop();
  });

  it('audio.calibrate finds the page’s flashes and beeps, with a steady offset', async () => {
    const page = await browser.newPage({ viewport: null });
    await page.goto(`${core.url}/sync.html`);
    await page.getByRole('button', { name: /Tap to start/ }).click();
    await waitFor(async () => {
      const s = (await api(core, '/api/v1/state')).body as { sources: Record<string, { status: string }> };
      return s.sources.room?.status === 'live';
    }, 20_000);
    const calibrate = async (): Promise<Calibration> => {
      const res = await call(core, 'audio.calibrate', { source: 'room', seconds: 9 });
      expect(res.status).toBe(200);
      return (res.body as { result: Calibration }).result;
    };
    const first = await calibrate();
    console.log(
      JSON.stringify(
        await page.evaluate(() => ({
          d: (window as unknown as { regieSync: unknown }).regieSync,
          now: performance.now(),
        })),
      ),
    );
    const second = await calibrate();
    console.log(
      `sync page through x11grab + pulse: ${JSON.stringify(first)}, then ${JSON.stringify(second)}`,
    );
    for (const c of [first, second]) {
      expect(c.flashes).toBeGreaterThanOrEqual(3);
      expect(c.offsetMs).not.toBeNull();
      // the chain's latencies stay within a few frames; a flash and a beep paired across periods
      // (2 s apart) or not found at all would be far outside
      expect(Math.abs(c.offsetMs ?? NaN)).toBeLessThanOrEqual(200);
    }
    // each is the median of a few flashes, each quantized to the 40 ms frame: two frames apart at most
    // (measured 10 and 37 ms apart)
    expect(Math.abs((first.offsetMs ?? NaN) - (second.offsetMs ?? NaN))).toBeLessThanOrEqual(2 * (1000 / 25));
  }, 60_000);
});
