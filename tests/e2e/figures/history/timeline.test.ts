/** The history timeline: keyboard, touch, zoom, shared state, presenter mode. */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PHONE, launch, open, wakeFigures } from '../../lib/browser.ts';

let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(() => browser?.close());

const fig = '[data-figure="timeline"]';
const cardTitle = (page: Page) => page.locator(`${fig} .card-title`).textContent();
const visibleMarks = (page: Page) => page.locator(`${fig} .mark`).count();

describe('the timeline', () => {
  test('is operable by keyboard: arrows move between milestones, Enter opens the card', async () => {
    const w = await open(browser, '');
    const { page } = w;
    try {
      await wakeFigures(page);
      const first = page.locator(`${fig} .mark[tabindex="0"]`);
      expect(await first.count()).toBe(1);
      await first.focus();
      await page.keyboard.press('Enter');
      expect(await cardTitle(page)).toBe('Variational autoencoder');
      await page.keyboard.press('ArrowRight');
      const second = await cardTitle(page);
      expect(second).not.toBe('Variational autoencoder');
      // Focus moved with the selection, so the next Tab stop is the same milestone.
      expect(
        await page.evaluate(() => document.activeElement?.getAttribute('aria-label')),
      ).toContain(second!);
      await page.keyboard.press('End');
      const last = await cardTitle(page);
      await page.keyboard.press('Home');
      expect(await cardTitle(page)).toBe('Variational autoencoder');
      expect(last).not.toBe('Variational autoencoder');
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });

  test('zooms into years with the From slider and by dragging the overview strip', async () => {
    const w = await open(browser, '');
    const { page } = w;
    try {
      await wakeFigures(page);
      const all = await visibleMarks(page);
      const from = page.getByRole('slider', { name: /From/ });
      await from.focus();
      for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowRight');
      expect(await from.inputValue()).toBe('2020');
      const zoomed = await visibleMarks(page);
      expect(zoomed).toBeLessThan(all);
      expect(zoomed).toBeGreaterThan(0);
      expect(await page.locator(`${fig} .tick`).first().textContent()).toBe('2020');

      // Drag a new range, 2014 to 2016, across the overview strip.
      const strip = await page.locator(`${fig} .overview`).boundingBox();
      const years = 2024 - 2013 + 1;
      const xOf = (year: number) =>
        strip!.x + 8 + ((year - 2013 + 0.5) / years) * (strip!.width - 16);
      await page.mouse.move(xOf(2014), strip!.y + 20);
      await page.mouse.down();
      await page.mouse.move(xOf(2016), strip!.y + 20, { steps: 5 });
      await page.mouse.up();
      expect(await page.getByRole('slider', { name: /From/ }).inputValue()).toBe('2014');
      expect(await page.getByRole('slider', { name: /To/ }).inputValue()).toBe('2016');
    } finally {
      await w.close();
    }
  });

  test('works by touch on a phone', async () => {
    const w = await open(browser, '', { viewport: PHONE, hasTouch: true, isMobile: true });
    const { page } = w;
    try {
      await wakeFigures(page);
      const mark = page.locator(`${fig} .mark[aria-label^="DDPM"]`);
      await mark.scrollIntoViewIfNeeded();
      const box = await mark.locator('.dot').boundingBox();
      await page.touchscreen.tap(box!.x + box!.width / 2, box!.y + box!.height / 2);
      expect(await cardTitle(page)).toBe('DDPM');
      const link = page.locator(`${fig} .card a`);
      expect(await link.getAttribute('href')).toMatch(/^https:\/\/arxiv\.org\/abs\/2006\.11239/);
      const width = await page
        .locator(`${fig} svg.chart`)
        .evaluate((el) => el.getBoundingClientRect().width);
      expect(width).toBeLessThanOrEqual(PHONE.width);
    } finally {
      await w.close();
    }
  });

  test('a copied link restores the selection and the years', async () => {
    const w = await open(browser, 'gan/', {
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    const { page } = w;
    try {
      await wakeFigures(page);
      await page.getByRole('slider', { name: /To/ }).fill('2019');
      await page.locator(`${fig} .mark[aria-label^="DCGAN"]`).click();
      await page.getByRole('button', { name: 'Copy link to this state' }).first().click();
      const link = await page.evaluate(() => navigator.clipboard.readText());
      expect(link).toContain('timeline.sel=dcgan');
      expect(link).toContain('timeline.to=2019');
      expect(link).toContain('#fig-timeline');

      const restored = await open(browser, link);
      await wakeFigures(restored.page);
      expect(await cardTitle(restored.page)).toBe('DCGAN');
      expect(await restored.page.getByRole('slider', { name: /To/ }).inputValue()).toBe('2019');
      await restored.close();
    } finally {
      await w.close();
    }
  });

  test('Reset returns to all years and no selection', async () => {
    const w = await open(browser, '?timeline.from=2016&timeline.sel=ddpm#fig-timeline');
    const { page } = w;
    try {
      await wakeFigures(page);
      expect(await cardTitle(page)).toBe('DDPM');
      await page.locator(fig).getByRole('button', { name: 'Reset' }).click();
      expect(await page.locator(`${fig} .card`).count()).toBe(0);
      expect(await page.getByRole('slider', { name: /From/ }).inputValue()).toBe('2013');
    } finally {
      await w.close();
    }
  });

  test('a link whose years are reversed or exclude its selection still opens sensibly', async () => {
    const w = await open(
      browser,
      '?timeline.from=2020&timeline.to=2015&timeline.sel=dcgan#fig-timeline',
    );
    const { page } = w;
    try {
      await wakeFigures(page);
      expect(await cardTitle(page)).toBe('DCGAN');
      // 2015–2020 in either order; DCGAN (2015) is inside it and can be reached by keyboard.
      expect(await page.locator(`${fig} .mark[aria-checked="true"]`).getAttribute('tabindex')).toBe(
        '0',
      );
      const ticks = await page.locator(`${fig} .tick`).allTextContents();
      expect(ticks[0]).toBe('2015');
      expect(ticks).toContain('2020');
    } finally {
      await w.close();
    }
  });

  test('bad URL parameters are clamped or ignored', async () => {
    const w = await open(browser, '?timeline.from=1800&timeline.to=banana&timeline.sel=%3Cimg%3E');
    const { page } = w;
    try {
      await wakeFigures(page);
      expect(await page.getByRole('slider', { name: /From/ }).inputValue()).toBe('2013');
      expect(await page.getByRole('slider', { name: /To/ }).inputValue()).toBe('2024');
      expect(await page.locator(`${fig} .card`).count()).toBe(0);
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });

  test('presenter mode fills a 1024×768 projector and Escape leaves it', async () => {
    const w = await open(browser, 'vae/', { viewport: { width: 1024, height: 768 } });
    const { page } = w;
    try {
      await wakeFigures(page);
      await page.locator(fig).getByRole('button', { name: 'Present' }).click();
      const box = await page.locator(fig).boundingBox();
      expect(box).toEqual({ x: 0, y: 0, width: 1024, height: 768 });
      const title = await page
        .locator(`${fig} .figure-title`)
        .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      expect(title).toBeGreaterThanOrEqual(28);
      expect(await page.locator(fig).getAttribute('role')).toBe('dialog');
      // Focus never reaches the page behind: Tab through more stops than the figure has; each
      // lands inside it (or, after the last, on the browser's own UI, as with a modal dialog).
      let insideStops = 0;
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        const where = await page.evaluate((sel) => {
          const active = document.activeElement;
          if (document.querySelector(sel)!.contains(active)) return 'inside';
          return active === document.body || active === null ? 'browser' : 'page';
        }, fig);
        expect(where).not.toBe('page');
        if (where === 'inside') insideStops++;
      }
      expect(insideStops).toBeGreaterThan(20);
      await page.keyboard.press('Escape');
      expect((await page.locator(fig).boundingBox())!.width).toBeLessThan(1024);
      expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(
        'Present',
      );
      expect(await page.locator('main h1').evaluate((el) => el.closest('[inert]'))).toBeNull();
    } finally {
      await w.close();
    }
  });

  test('?present=timeline opens straight into presenter mode', async () => {
    const w = await open(browser, '?present=timeline', { viewport: { width: 1024, height: 768 } });
    try {
      await wakeFigures(w.page);
      expect(await w.page.locator(`${fig}.presenting`).count()).toBe(1);
    } finally {
      await w.close();
    }
  });
});
