// The sync pattern page for a phone (/sync.html), served by a real core without the token, in Debian's
// Chromium: after the tap, a beep is scheduled every 2 s on the audio clock, each flash is drawn for the
// frames that are on screen while its beep is heard (to the nearest frame), and the picture is white then and dark otherwise.
// Not exercised here: a real phone's speaker and screen latency (the page cannot measure them; the
// Calibrate button measures the whole chain, phone included).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreProcess } from '../helpers/core-process.js';
import { startCoreProcess } from '../helpers/core-process.js';
import { launchChromium } from '../helpers/browser.js';

interface Diagnostics {
  beepsHeardMs: number[];
  flashShownMs: number[];
  flashing: boolean;
  started: boolean;
}

let browser: Browser;
let page: Page;
let core: CoreProcess;

beforeAll(async () => {
  core = await startCoreProcess(['--demo']);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 640, height: 360 } });
});
afterAll(async () => {
  await browser.close();
  await core.stop();
});

const diagnostics = () => page.evaluate(() => (window as unknown as { regieSync: Diagnostics }).regieSync);

async function centre(): Promise<[number, number, number]> {
  return page.evaluate(() => {
    const c = document.querySelector('canvas');
    const g = c?.getContext('2d');
    if (!c || !g) return [-1, -1, -1] as [number, number, number];
    const d = g.getImageData(Math.floor(c.width / 2), Math.floor(c.height / 2), 1, 1).data;
    return [d[0] ?? -1, d[1] ?? -1, d[2] ?? -1] as [number, number, number];
  });
}

describe('sync pattern page', () => {
  it('is served without the token and waits for a tap (audio needs a gesture)', async () => {
    const res = await page.goto(`${core.url}/sync.html`);
    expect(res?.status()).toBe(200);
    await page.getByRole('button', { name: /Tap to start the sync pattern/ }).waitFor();
    expect((await diagnostics()).started).toBe(false);
  });

  it('flashes white while each beep is heard, every 2 s, dark between', async () => {
    await page.getByRole('button', { name: /Tap to start/ }).click();
    await page.waitForFunction(
      () => (window as unknown as { regieSync: Diagnostics }).regieSync.flashShownMs.length >= 3,
      undefined,
      { timeout: 12_000 },
    );
    // a flash on screen is white in the middle; between flashes the background is dark grey
    await page.waitForFunction(() => (window as unknown as { regieSync: Diagnostics }).regieSync.flashing);
    const lit = await centre();
    await page.waitForFunction(() => !(window as unknown as { regieSync: Diagnostics }).regieSync.flashing);
    const dark = await centre();
    expect(lit.every((v) => v >= 250)).toBe(true);
    expect(dark.every((v) => v <= 0x30)).toBe(true);

    const d = await diagnostics();
    console.log(
      `beeps heard at ${d.beepsHeardMs.join(', ')} ms; flashes shown at ${d.flashShownMs.join(', ')} ms`,
    );
    const beeps = d.beepsHeardMs.slice().sort((a, b) => a - b);
    for (let i = 1; i < beeps.length; i++)
      expect(Math.abs((beeps[i] ?? 0) - (beeps[i - 1] ?? 0) - 2000)).toBeLessThanOrEqual(5);
    // each flash's first frame is on screen within half a refresh interval of its beep (measured: 0-7 ms);
    // a frame that came late (a busy machine) makes it later, up to about two more intervals
    for (const f of d.flashShownMs) {
      const beep = beeps.find((b) => f >= b - 20 && f < b + 100);
      expect(beep, `flash at ${f} ms matches no beep`).toBeDefined();
      expect(Math.abs(f - (beep ?? 0))).toBeLessThanOrEqual(35);
    }
  });
});
