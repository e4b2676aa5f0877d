/**
 * The "why latent" figure, driven as a reader drives it: a run draws both faces and fills
 * in the timings measured in this browser; a new seed draws other faces; a shared link
 * restores the settings; the keyboard reaches every control; nothing is logged, fetched from
 * another origin or left behind in tfjs; and a missing model is an error inside the figure,
 * not a broken article.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Locator, Page } from 'playwright-core';
import { liveTensors } from '../../../../scripts/lib/tensors.ts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PHONE, launch, open, siteUrl, workerlessContext } from '../../lib/browser.ts';

const FIG = '[data-figure="why-latent"]';

let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(() => browser?.close());

async function ready(page: Page) {
  await page.locator(FIG).scrollIntoViewIfNeeded();
  await page.waitForSelector(`${FIG}[data-status="ready"]`, { timeout: 60_000 });
}
const value = (page: Page, key: string) =>
  page.locator(`${FIG} [data-value="${key}"]`).textContent();
const pixels = (canvas: Locator) => canvas.evaluate((c) => (c as HTMLCanvasElement).toDataURL());
const guess = (page: Page, lane: 'latent' | 'pixel') =>
  page.locator(`${FIG} [data-lane="${lane}"] .pair figure:nth-child(2) canvas`);
/** Live tensors in the page's diffusion worker, where the chapter's models run. */
const numTensors = (page: Page) => liveTensors(page, 'diffusion');

/** Waits until a run has finished: both "one picture" cells show a time. */
async function finished(page: Page) {
  await page.waitForFunction(
    (fig) =>
      ['latent', 'pixel'].every((lane) =>
        /\d+(\.\d+)? (ms|s)$/.test(
          document.querySelector(`${fig} [data-value="${lane}-sample"]`)?.textContent?.trim() ?? '',
        ),
      ),
    FIG,
    { timeout: 60_000 },
  );
}
const ms = (text: string | null) => {
  const m = /([\d.]+) (ms|s)$/.exec(text?.trim() ?? '');
  return m ? Number(m[1]) * (m[2] === 's' ? 1000 : 1) : NaN;
};

describe('why latent', () => {
  test('a run draws both faces and measures both models; a new seed draws other faces', async () => {
    const w = await open(browser, 'diffusion/?why-latent.steps=20');
    const { page } = w;
    try {
      await ready(page);
      expect(await page.locator(`${FIG} .badge`).textContent()).toContain('WebAssembly');
      await finished(page); // the first run starts by itself
      const text = (await page.locator(`${FIG} .lanes`).textContent()) ?? '';
      expect(text).toContain('step 20 of 20, t = 0');
      for (const key of ['latent-step', 'latent-decode', 'latent-sample', 'pixel-step']) {
        expect(ms(await value(page, key))).toBeGreaterThan(0);
      }
      // One picture is every step of the network plus, for the latent, one decode.
      expect(ms(await value(page, 'pixel-sample'))).toBeGreaterThan(
        ms(await value(page, 'pixel-step')),
      );
      expect(await value(page, 'pixel-decode')).toContain('none needed');
      // The latent's size, read from the weights, and the summary from measured times.
      expect(text).toMatch(/8 × 8 × 8 = 512 numbers/);
      expect(await page.locator(`${FIG} .summary`).textContent()).toMatch(
        /ran [\d.]+× faster.*came [\d.]+× faster/s,
      );
      const latentFace = await pixels(guess(page, 'latent'));
      const pixelFace = await pixels(guess(page, 'pixel'));
      const baseline = await numTensors(page);

      const seed = page.locator(FIG).getByRole('spinbutton', { name: 'Seed' });
      await seed.fill('7');
      await seed.press('Enter');
      await page.waitForFunction(
        (fig) => document.querySelector(`${fig} [data-value="latent-sample"]`)?.textContent === '…',
        FIG,
      );
      await finished(page);
      expect(await pixels(guess(page, 'latent'))).not.toBe(latentFace);
      expect(await pixels(guess(page, 'pixel'))).not.toBe(pixelFace);
      expect(await numTensors(page)).toBe(baseline);

      // The text alternative carries the same measured numbers.
      await page.locator(FIG).getByText('Show the timings as a table').click();
      const table = page.locator(`${FIG} table`);
      await expect.poll(() => table.textContent()).toContain('seed 7');
      expect(await table.textContent()).toMatch(/Network, median per step\s*[\d.]+ ms/);

      const axe = await new AxeBuilder({ page }).include(FIG).analyze();
      expect(axe.violations.filter((v) => v.impact !== 'minor').map((v) => v.id)).toEqual([]);
      expect(w.consoleErrors).toEqual([]);
      expect(w.foreignRequests).toEqual([]);
    } finally {
      await w.close();
    }
  });

  test('restores steps and seed from a link, and "Copy link" writes them back', async () => {
    const w = await open(browser, 'diffusion/?why-latent.steps=15&why-latent.seed=42');
    const { page } = w;
    try {
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
      await ready(page);
      const fig = page.locator(FIG);
      expect(await fig.getByRole('slider', { name: /Steps/ }).inputValue()).toBe('15');
      expect(await fig.getByRole('spinbutton', { name: 'Seed' }).inputValue()).toBe('42');
      await finished(page);
      expect(await fig.locator('.lanes').textContent()).toContain('step 15 of 15');
      await fig.getByRole('button', { name: 'Copy link to this state' }).click();
      const copied = new URL(await page.evaluate(() => navigator.clipboard.readText()));
      expect(copied.hash).toBe('#fig-why-latent');
      expect(Object.fromEntries(copied.searchParams)).toEqual({
        'why-latent.steps': '15',
        'why-latent.seed': '42',
      });
    } finally {
      await w.close();
    }
  });

  test('the keyboard changes the steps, stops a run and starts one again', async () => {
    const w = await open(browser, 'diffusion/?why-latent.steps=10');
    const { page } = w;
    try {
      await ready(page);
      await finished(page);
      const fig = page.locator(FIG);
      const slider = fig.getByRole('slider', { name: /Steps/ });
      await slider.focus();
      await page.keyboard.press('ArrowRight');
      expect(await slider.inputValue()).toBe('15');
      // The new step count starts a new run at once; Stop (by keyboard) ends all work.
      const stop = fig.getByRole('button', { name: 'Stop' });
      await stop.waitFor();
      await stop.focus();
      await page.keyboard.press('Enter');
      const again = fig.getByRole('button', { name: /Run/ });
      await again.waitFor();
      const step = await fig.locator('[data-lane="pixel"] .where').getAttribute('data-step');
      await page.waitForTimeout(500);
      expect(await fig.locator('[data-lane="pixel"] .where').getAttribute('data-step')).toBe(step);
      await again.focus();
      await page.keyboard.press('Enter');
      await finished(page);
      expect(await fig.locator('.lanes').textContent()).toContain('step 15 of 15');
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });

  test('/embed/why-latent/ comes alive by itself on a phone', async () => {
    const w = await open(browser, 'embed/why-latent/?why-latent.steps=10', { viewport: PHONE });
    try {
      await ready(w.page);
      await finished(w.page);
      const width = await w.page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(PHONE.width);
      expect(w.consoleErrors).toEqual([]);
      expect(w.cspViolations).toEqual([]);
      expect(w.foreignRequests).toEqual([]);
    } finally {
      await w.close();
    }
  });

  test('a missing model shows an error inside the figure; the article stays', async () => {
    const context = await workerlessContext(browser);
    try {
      const page = await context.newPage();
      await page.route(/\/models\/ldm\/model\.json$/, (route) =>
        route.fulfill({ status: 404, body: 'not found' }),
      );
      await page.goto(new URL('diffusion/', siteUrl()).toString());
      await page.locator(FIG).scrollIntoViewIfNeeded();
      await page.waitForSelector(`${FIG}[data-status="error"]`, { timeout: 60_000 });
      await expect
        .poll(() => page.locator(`${FIG} [role="alert"]`).textContent())
        .toContain('could not start');
      expect(await page.locator(FIG).getByRole('button', { name: 'Try again' }).count()).toBe(1);
      expect(await page.getByRole('heading', { name: 'Moving into latent space' }).count()).toBe(1);
      expect(await page.locator('article').textContent()).toContain('Rombach');
    } finally {
      await context.close();
    }
  });
});
