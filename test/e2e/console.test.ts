// The operator console in Debian's Chromium against a real core: state shows, a layout click then TAKE
// changes the program in the core, the help overlay, and a lost core shows the banner over the
// last state (dialogs kept) until the console reconnects by itself.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreProcess } from '../helpers/core-process.js';
import { api, startCoreProcess, waitFor } from '../helpers/core-process.js';
import { freePort, launchChromium } from '../helpers/browser.js';

let browser: Browser;
let page: Page;
let core: CoreProcess;
let port: number;
const token = 'e2e-token-0123456789';

beforeAll(async () => {
  port = await freePort();
  core = await startCoreProcess(['--demo', '--port', String(port), '--token', token]);
  browser = await launchChromium();
  page = await browser.newPage();
});
afterAll(async () => {
  await browser.close();
  await core.stop();
});

/** Waits until the preview canvas `testId` on `p` has drawn a picture (not black) at a quarter of its size. */
const painted = (p: Page, testId: string) =>
  p.waitForFunction(
    (id) => {
      const c = document.querySelector<HTMLCanvasElement>(`[data-testid="${id}"]`);
      const ctx = c?.getContext('2d');
      if (!c || !ctx) return false;
      const px = ctx.getImageData(Math.floor(c.width / 4), Math.floor(c.height / 4), 1, 1).data;
      return (px[0] ?? 0) + (px[1] ?? 0) + (px[2] ?? 0) > 60;
    },
    testId,
    { timeout: 15_000 },
  );

/** The input or select of an editor field, found by its own label text (the hint and error are beside it). */
const field = (scope: Locator, label: string): Locator =>
  scope
    .locator('label.field')
    .filter({ has: scope.page().getByText(label, { exact: true }) })
    .locator('input, select');

describe('operator console', () => {
  it('shows the demo show and its live sources', async () => {
    await page.goto(`${core.url}/?token=${token}`);
    await page.getByRole('heading', { name: 'Régie demo' }).waitFor();
    await page.getByTestId('source-slides').getByText('live').waitFor({ timeout: 10_000 });
    await page.getByTestId('source-camera').getByText('live').waitFor({ timeout: 10_000 });
    expect(await page.getByRole('button', { name: /PiP/ }).getAttribute('aria-pressed')).toBe('true');
  });

  it('draws live previews of the program and of each source from the binary frames', async () => {
    await painted(page, 'preview-program-program');
    await painted(page, 'preview-source-slides');
    await painted(page, 'preview-source-camera');
    await page.screenshot({ path: 'test-results/console.png' });
  });

  it('a click on a layout prepares it on preview; TAKE puts it on program', async () => {
    await page.getByRole('button', { name: /Side by side/ }).click();
    await waitFor(
      async () =>
        (await page.getByRole('button', { name: /Side by side/ }).getAttribute('aria-pressed')) === 'true',
    );
    const before = (await api(core, '/api/v1/state')).body as { show: { scene: { layout: string } } };
    expect(before.show.scene.layout).toBe('pip');
    await page.getByRole('button', { name: 'TAKE' }).click();
    await waitFor(
      async () =>
        ((await api(core, '/api/v1/state')).body as { show: { scene: { layout: string } } }).show.scene
          .layout === 'sideBySide',
    );
  });

  it('the help overlay lists the shortcuts', async () => {
    await page.locator('body').press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.getByText('TAKE with the chosen transition').waitFor();
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
  });

  it('"Display" opens one source alone in a second window, and the program in the same window', async () => {
    const [second] = await Promise.all([
      page.waitForEvent('popup'),
      page.getByRole('button', { name: 'Show Camera on the second display' }).click(),
    ]);
    await second.waitForURL(/view=source/);
    const url = new URL(second.url());
    expect(Object.fromEntries(url.searchParams)).toEqual({ view: 'source', id: 'camera', token });
    await painted(second, 'preview-source-camera');
    // Only that picture: no multiview, no buttons.
    expect(await second.getByRole('button').count()).toBe(0);
    await page.getByRole('button', { name: 'Show the program on the second display' }).click();
    await second.waitForURL(/view=program/);
    await painted(second, 'preview-program-program');
    expect(browser.contexts().flatMap((c) => c.pages())).toHaveLength(2);
    await second.close();
  });

  it('the source editor: bad fields are refused inline; a colour card is added, renamed, then removed', async () => {
    interface Src {
      id: string;
      name: string;
      kind: string;
      pattern?: string;
      color?: string;
      toneHz?: number;
    }
    const sources = async () =>
      ((await api(core, '/api/v1/state')).body as { show: { sources: Src[] } }).show.sources;
    const before = await sources();
    await page.getByRole('button', { name: '+ Add source' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a source' });
    await field(dialog, 'Name').fill('Red card');
    await field(dialog, 'Kind').selectOption({ label: 'Test pattern' });
    await field(dialog, 'Pattern').selectOption('color');
    await field(dialog, 'Colour').fill('reddish');
    await field(dialog, 'Tone (Hz, empty: silent)').fill('-5');
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    // Refused in the form, next to each field; nothing reached the core.
    await dialog.locator('label.field.invalid').nth(1).waitFor();
    expect(await dialog.locator('label.field.invalid').allInnerTexts()).toEqual([
      expect.stringMatching(/^Colour/),
      expect.stringMatching(/^Tone/),
    ]);
    expect(await sources()).toEqual(before);
    // Corrected as the operator types: the errors go as the fields become valid.
    await field(dialog, 'Colour').fill('#ff0000');
    await field(dialog, 'Tone (Hz, empty: silent)').fill('');
    await dialog.getByRole('alert').first().waitFor({ state: 'detached', timeout: 5000 });
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    const added = (await sources()).find((x) => x.name === 'Red card');
    expect(added).toMatchObject({ kind: 'test', pattern: 'color', color: '#ff0000' });
    expect(added?.toneHz).toBeUndefined();
    const id = added?.id ?? '';
    const tile = page.getByTestId(`source-${id}`);
    await tile.getByText('live').waitFor({ timeout: 10_000 });
    // Its preview is red: decoded from the core's binary frames.
    await page.waitForFunction(
      (testId) => {
        const c = document.querySelector<HTMLCanvasElement>(`[data-testid="${testId}"]`);
        const px = c?.getContext('2d')?.getImageData(c.width >> 1, c.height >> 1, 1, 1).data;
        return px !== undefined && (px[0] ?? 0) > 200 && (px[1] ?? 255) < 60 && (px[2] ?? 255) < 60;
      },
      `preview-source-${id}`,
      { timeout: 15_000 },
    );
    // Edit: the kind is fixed, the name changes in the core and on the tile.
    await tile.getByRole('button', { name: 'Edit Red card' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit Red card' });
    expect(await field(edit, 'Kind').isDisabled()).toBe(true);
    await field(edit, 'Name').fill('Lectern card');
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.waitFor({ state: 'detached' });
    await tile.getByText('Lectern card').waitFor();
    expect((await sources()).find((x) => x.id === id)?.name).toBe('Lectern card');
    // Remove: the tile goes, and so does the source.
    await tile.getByRole('button', { name: 'Edit Lectern card' }).click();
    await page
      .getByRole('dialog', { name: 'Edit Lectern card' })
      .getByRole('button', { name: 'Remove' })
      .click();
    await tile.waitFor({ state: 'detached' });
    expect(await sources()).toEqual(before);
  });

  it('without the token the console cannot connect and says so', async () => {
    const other = await browser.newPage();
    await other.goto(`${core.url}/`);
    await other.getByRole('alert').getByText('Core unreachable').waitFor();
    await other.close();
  });

  it('shows a banner over the last state when the core is gone; an open dialog survives the reconnection', async () => {
    await page.getByRole('button', { name: '+ Add destination' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a destination' });
    await field(dialog, 'Name').fill('Half typed');
    await core.stop();
    await page.getByRole('alert').getByText('Core unreachable').waitFor({ timeout: 10_000 });
    // The console stays on screen, marked stale, with the dialog and what was typed in it.
    expect(await page.locator('.view.stale').count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Régie demo' }).isVisible()).toBe(true);
    expect(await field(dialog, 'Name').inputValue()).toBe('Half typed');
    expect(await page.getByTestId('connection').textContent()).toBe('● core unreachable');
    core = await startCoreProcess(['--demo', '--port', String(port), '--token', token]);
    await page
      .getByRole('alert')
      .getByText('Core unreachable')
      .waitFor({ state: 'detached', timeout: 15_000 });
    expect(await page.locator('.view.stale').count()).toBe(0);
    expect(await page.getByTestId('connection').textContent()).toBe('● core connected');
    expect(await page.getByRole('heading', { name: 'Régie demo' }).isVisible()).toBe(true);
    expect(await field(dialog, 'Name').inputValue()).toBe('Half typed');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });
});
