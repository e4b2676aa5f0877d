/**
 * Your own picture into the VAE (the anatomy figure): painting with the mouse, a finger and
 * the keyboard changes what the encoder writes down and what the decoder draws; Blank and
 * an opened image file do too (the file is reduced in the page, nothing is sent); a file
 * that is no picture gets a message and changes nothing; the picture travels in the link;
 * axe passes with the paint tools open.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PHONE, launch, open } from '../../lib/browser.ts';

const FIG = '[data-figure="vae-anatomy"]';
const OWN = 'embed/vae-anatomy/?vae-anatomy.source=own';
let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(() => browser?.close());

async function ready(page: Page) {
  await page.locator(FIG).scrollIntoViewIfNeeded();
  await page.waitForSelector(`${FIG}[data-status="ready"]`, { timeout: 30_000 });
}
const mu = async (page: Page) =>
  (await page.locator(`${FIG} [data-value="mu"]`).textContent())?.trim() ?? '';
const drawing = (page: Page) =>
  page
    .locator(`${FIG} .s-draw canvas`)
    .first()
    .evaluate((c) => (c as HTMLCanvasElement).toDataURL());
const pad = (page: Page) => page.locator(`${FIG} .pad`);
const button = (page: Page, name: string) =>
  page.locator(FIG).getByRole('button', { name, exact: true });

describe('your own picture into the VAE', () => {
  test('painting by mouse and keyboard, Blank and an image file each change the code; a bad file changes nothing', async () => {
    const w = await open(browser, OWN);
    const { page } = w;
    try {
      await ready(page);
      const start = { mu: await mu(page), drawing: await drawing(page) };
      expect(start.mu).toMatch(/^\(−?\d\.\d\d, −?\d\.\d\d\)$/);

      // A thick black band across the face, with the mouse.
      await page.locator(FIG).getByRole('radio', { name: 'black', exact: true }).click();
      const brush = page.locator(FIG).getByRole('slider', { name: 'Brush size' });
      await brush.focus();
      await page.keyboard.press('End');
      const box = (await pad(page).boundingBox())!;
      for (const fy of [0.3, 0.4, 0.5, 0.6]) {
        await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * fy);
        await page.mouse.down();
        await page.mouse.move(box.x + box.width * 0.9, box.y + box.height * fy, { steps: 20 });
        await page.mouse.up();
      }
      await expect.poll(() => mu(page)).not.toBe(start.mu);
      await expect.poll(() => drawing(page)).not.toBe(start.drawing);
      const painted = await mu(page);

      // The keyboard: move the brush, paint with Space.
      await page.locator(FIG).getByRole('radio', { name: 'white', exact: true }).click();
      await pad(page).focus();
      const where = page.locator(`${FIG} .paint .sr-only`);
      const row = async () => Number(/row (\d+)/.exec((await where.textContent()) ?? '')?.[1]);
      // The brush sits where the last stroke began (row 20); Shift moves it four rows up.
      const before = await row();
      await page.keyboard.press('Shift+ArrowUp');
      expect(await row()).toBe(before - 4);
      for (let i = 0; i < 6; i++) {
        await page.keyboard.press('Space');
        await page.keyboard.press('ArrowRight');
      }
      await expect.poll(() => mu(page)).not.toBe(painted);
      const keyed = await mu(page);

      await button(page, 'Blank').click();
      await expect.poll(() => mu(page)).not.toBe(keyed);
      const blank = await mu(page);

      // An image file (a screenshot of the figure), reduced in the page.
      const png = await page.locator(FIG).screenshot();
      const chooser = page.waitForEvent('filechooser');
      await button(page, 'Open image…').click();
      await (await chooser).setFiles({ name: 'me.png', mimeType: 'image/png', buffer: png });
      await expect
        .poll(() => page.locator(`${FIG} .paint [role="status"]`).textContent())
        .toBe('Reduced me.png to 32 × 32 pixels.');
      await expect.poll(() => mu(page)).not.toBe(blank);
      const fromFile = await mu(page);

      const bad = page.waitForEvent('filechooser');
      await button(page, 'Open image…').click();
      await (
        await bad
      ).setFiles({
        name: 'notes.png',
        mimeType: 'image/png',
        buffer: Buffer.from('not a picture'),
      });
      await expect
        .poll(() => page.locator(`${FIG} .paint [role="status"]`).textContent())
        .toBe('notes.png is not a picture this browser can open.');
      expect(await mu(page)).toBe(fromFile);

      // The picture is in the link, and comes back.
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
      await page.locator(FIG).getByRole('button', { name: 'Copy link to this state' }).click();
      const link = new URL(await page.evaluate(() => navigator.clipboard.readText()));
      expect(link.searchParams.get('vae-anatomy.picture')?.length).toBeGreaterThan(100);
      const again = await open(browser, link.pathname + link.search);
      try {
        await ready(again.page);
        await expect.poll(() => mu(again.page)).toBe(fromFile);
      } finally {
        await again.close();
      }
      expect(w.consoleErrors).toEqual([]);
      expect(w.foreignRequests).toEqual([]);
    } finally {
      await w.close();
    }
  });

  test('on a phone a finger paints without scrolling the page, and axe passes', async () => {
    const w = await open(browser, OWN, { viewport: PHONE, hasTouch: true, isMobile: true });
    const { page } = w;
    try {
      await ready(page);
      const before = await mu(page);
      await page.locator(FIG).getByRole('radio', { name: 'black', exact: true }).tap();
      await pad(page).scrollIntoViewIfNeeded();
      const box = (await pad(page).boundingBox())!;
      const scrolled = await page.evaluate(() => window.scrollY);
      const cdp = await page.context().newCDPSession(page);
      const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', x: number, y: number) =>
        cdp.send('Input.dispatchTouchEvent', {
          type,
          touchPoints: type === 'touchEnd' ? [] : [{ x, y }],
        });
      const y = box.y + box.height / 2;
      await touch('touchStart', box.x + 5, y);
      for (let i = 1; i <= 12; i++)
        await touch('touchMove', box.x + 5 + (i * (box.width - 10)) / 12, y);
      await touch('touchEnd', 0, 0);
      await expect.poll(() => mu(page)).not.toBe(before);
      expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);
      const violations = (await new AxeBuilder({ page }).include(FIG).analyze()).violations
        .filter((v) => v.impact !== 'minor')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(violations).toEqual([]);
    } finally {
      await w.close();
    }
  });
});
