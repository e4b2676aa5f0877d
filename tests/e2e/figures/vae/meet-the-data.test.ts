/** The "meet the data" figure: the face grid, the one-factor editor, the frequency bars. */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PHONE, launch, open, wakeFigures } from '../../lib/browser.ts';

const fig = '[data-figure="meet-the-data"]';
let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(() => browser?.close());

const bigFace = (page: Page) =>
  page.locator(`${fig} .big canvas`).evaluate((c) => (c as HTMLCanvasElement).toDataURL());
const checked = (page: Page) =>
  page.locator(`${fig} .cell[aria-checked="true"]`).getAttribute('aria-label');

describe('meet the data', () => {
  test('draws 24 different faces and the frequency bars', async () => {
    const w = await open(browser, 'vae/');
    const { page } = w;
    try {
      await wakeFigures(page);
      const images = await page.$$eval(`${fig} .cell canvas`, (cs) =>
        cs.map((c) => (c as HTMLCanvasElement).toDataURL()),
      );
      expect(images).toHaveLength(24);
      expect(new Set(images).size).toBe(24);
      // A drawn face is not a blank canvas.
      const blank = await page.evaluate(() => {
        const c = document.createElement('canvas');
        c.width = c.height = 32;
        return c.toDataURL();
      });
      expect(images).not.toContain(blank);
      expect(await page.locator(`${fig} .bars`).count()).toBe(4);
      const eyeBars = await page.locator(`${fig} .bars svg`).first().getAttribute('aria-label');
      expect(eyeBars).toMatch(/^Eye colour: dark brown \d+%/);
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });

  test('arrow keys move through the faces and the editor changes one factor', async () => {
    const w = await open(browser, 'vae/');
    const { page } = w;
    try {
      await wakeFigures(page);
      await page.locator(`${fig} .cell[tabindex="0"]`).focus();
      expect(await checked(page)).toMatch(/^Face 0:/);
      await page.keyboard.press('ArrowRight');
      expect(await checked(page)).toMatch(/^Face 1:/);
      await page.keyboard.press('ArrowDown');
      expect(await checked(page)).toMatch(/^Face 7:/);
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(
        /^Face 7:/,
      );

      const before = await bigFace(page);
      const label = await page.locator(`${fig} .big`).getAttribute('aria-label');
      await page.locator(fig).getByRole('combobox', { name: 'Hair style' }).selectOption('bald');
      expect(await bigFace(page)).not.toBe(before);
      expect(await page.locator(`${fig} .big`).getAttribute('aria-label')).toContain('bald head');
      await page.getByRole('button', { name: 'Back to the original face' }).click();
      expect(await bigFace(page)).toBe(before);
      expect(await page.locator(`${fig} .big`).getAttribute('aria-label')).toBe(label);
    } finally {
      await w.close();
    }
  });

  test('a tap chooses a face on a phone, and the choice survives a shared link', async () => {
    const w = await open(browser, 'vae/', { viewport: PHONE, hasTouch: true, isMobile: true });
    const { page } = w;
    try {
      await wakeFigures(page);
      const cell = page.locator(`${fig} .cell`).nth(5);
      await cell.scrollIntoViewIfNeeded();
      const box = await cell.boundingBox();
      await page.touchscreen.tap(box!.x + box!.width / 2, box!.y + box!.height / 2);
      expect(await checked(page)).toMatch(/^Face 5:/);
      await page.getByRole('button', { name: 'Show 24 other faces' }).tap();
      expect(await checked(page)).toMatch(/^Face 24:/);

      const restored = await open(
        browser,
        'vae/?meet-the-data.page=2&meet-the-data.face=99#fig-meet-the-data',
      );
      await wakeFigures(restored.page);
      // face=99 is clamped to the last face of page 2: seed 2·24 + 23.
      expect(await checked(restored.page)).toMatch(/^Face 71:/);
      await restored.close();
    } finally {
      await w.close();
    }
  });
});
