/**
 * Drawing one's own data in the live 2-D GAN: strokes with the mouse and a finger become the
 * real points, the eraser and Clear take them away, the keyboard adds and erases points, the
 * drawing travels in the link and comes back exactly, training on it pulls the fakes onto
 * the strokes, a mangled drawing in a link is ignored, and axe passes with the tools open.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PHONE, launch, open } from '../../lib/browser.ts';

const fig = '[data-figure="gan-2d"]';
const DRAW = 'embed/gan-2d/?gan-2d.distribution=draw';
let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(() => browser?.close());

async function ready(page: Page) {
  await page.locator(fig).scrollIntoViewIfNeeded();
  await page.waitForSelector(`${fig}[data-status="ready"][data-backend]`, { timeout: 60_000 });
}
const button = (page: Page, name: string) =>
  page.locator(fig).getByRole('button', { name, exact: true });
const count = async (page: Page) => {
  const text = (await page.locator(`${fig} .draw-tools .count`).textContent()) ?? '';
  return /^Draw on the plane/.test(text.trim())
    ? 0
    : Number(/^(\d+) of 300 points$/.exec(text.trim())?.[1]);
};
const step = (page: Page) =>
  page.locator(`${fig} [data-step]`).getAttribute('data-step').then(Number);

/** Centres of the marks of one SVG path (circles start at x − r, diamonds at y − r). */
async function marks(page: Page, kind: 'real' | 'fake'): Promise<[number, number][]> {
  const d = (await page.locator(`${fig} path.${kind}`).getAttribute('d')) ?? '';
  const r = kind === 'real' ? 2 : 2.8;
  return [...d.matchAll(/M(-?[\d.]+) (-?[\d.]+)/g)].map(([, x, y]) =>
    kind === 'real' ? [Number(x) + r, Number(y)] : [Number(x), Number(y) + r],
  );
}

/** Mean distance (in pixels of the plane) from each fake to its nearest drawn point. */
async function fakesToDrawing(page: Page): Promise<number> {
  const [real, fakes] = [await marks(page, 'real'), await marks(page, 'fake')];
  const nearest = ([x, y]: [number, number]) =>
    Math.min(...real.map(([rx, ry]) => Math.hypot(x - rx, y - ry)));
  return fakes.reduce((sum, f) => sum + nearest(f), 0) / fakes.length;
}

/** Drags the mouse over the pad from (fx0, fy0) to (fx1, fy1), fractions of its size. */
async function stroke(page: Page, from: [number, number], to: [number, number], moves = 24) {
  const box = (await page.locator(`${fig} .pad`).boundingBox())!;
  const at = ([fx, fy]: [number, number]) => [box.x + fx * box.width, box.y + fy * box.height];
  const [x0, y0] = at(from);
  const [x1, y1] = at(to);
  await page.mouse.move(x0!, y0!);
  await page.mouse.down();
  await page.mouse.move(x1!, y1!, { steps: moves });
  await page.mouse.up();
}

describe('drawing your own data for the 2-D GAN', () => {
  test('mouse strokes become the data, training pulls the fakes onto them, the eraser and Clear take points away', async () => {
    const w = await open(browser, DRAW);
    const { page } = w;
    try {
      await ready(page);
      // Nothing to learn yet: training waits for the first stroke.
      expect(await count(page)).toBe(0);
      expect(await button(page, 'Play').isDisabled()).toBe(true);

      // A vertical stroke on the right of the plane, far from where the fakes start.
      await stroke(page, [0.8, 0.15], [0.8, 0.85]);
      const drawn = await count(page);
      expect(drawn).toBeGreaterThan(10);
      expect((await marks(page, 'real')).length).toBe(drawn);
      expect(await button(page, 'Play').isDisabled()).toBe(false);

      const before = await fakesToDrawing(page);
      await button(page, 'Play').click();
      await page.waitForFunction(
        (sel) =>
          Number(document.querySelector(`${sel} [data-step]`)?.getAttribute('data-step')) >= 1500,
        fig,
        { timeout: 90_000, polling: 250 },
      );
      await button(page, 'Pause').click();
      const after = await fakesToDrawing(page);
      // The fakes have moved onto the stroke: well under half as far from it as at the start.
      expect(after).toBeLessThan(0.5 * before);

      // A second stroke mid-run adds data without starting over.
      const trained = await step(page);
      await stroke(page, [0.2, 0.5], [0.5, 0.5]);
      expect(await count(page)).toBeGreaterThan(drawn);
      expect(await step(page)).toBe(trained);

      // The eraser across the first stroke removes its points.
      const withBoth = await count(page);
      await page.locator(fig).getByRole('radio', { name: 'Eraser' }).check();
      await stroke(page, [0.8, 0.1], [0.8, 0.9], 40);
      expect(await count(page)).toBeLessThan(withBoth - 10);

      await button(page, 'Clear').click();
      expect(await count(page)).toBe(0);
      expect((await marks(page, 'real')).length).toBe(0);
      expect(await button(page, 'Play').isDisabled()).toBe(true);
      expect(w.consoleErrors).toEqual([]);
      expect(w.foreignRequests).toEqual([]);
    } finally {
      await w.close();
    }
  });

  test('the keyboard adds and erases points; the drawing comes back from a shared link exactly', async () => {
    const w = await open(browser, DRAW);
    const { page } = w;
    try {
      await ready(page);
      const pad = page.locator(fig).getByRole('application', { name: /^Your data/ });
      await pad.focus();
      await page.keyboard.press('Enter'); // the pen starts at the centre
      for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+ArrowRight');
      await page.keyboard.press('Space');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('Enter');
      expect(await count(page)).toBe(3);
      // Delete erases around the pen: the last point (0.1 away), and the one below it too.
      await page.keyboard.press('Delete');
      expect(await count(page)).toBe(1);
      for (let i = 0; i < 10; i++) await page.keyboard.press('Shift+ArrowDown');
      await page.keyboard.press('Enter');
      expect(await count(page)).toBe(2);
      const shown = await marks(page, 'real');

      await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
      await button(page, 'Copy link to this state').click();
      const link = new URL(await page.evaluate(() => navigator.clipboard.readText()));
      expect(link.searchParams.get('gan-2d.distribution')).toBe('draw');
      expect(link.searchParams.get('gan-2d.drawn')).toMatch(/^[A-Za-z0-9_-]{6}$/);

      const again = await open(browser, link.pathname + link.search);
      try {
        await ready(again.page);
        expect(await count(again.page)).toBe(2);
        expect(await marks(again.page, 'real')).toEqual(shown);
        expect(again.consoleErrors).toEqual([]);
      } finally {
        await again.close();
      }
    } finally {
      await w.close();
    }
  });

  test('on a phone a finger draws, and the page does not scroll under it', async () => {
    const w = await open(browser, DRAW, { viewport: PHONE, hasTouch: true, isMobile: true });
    const { page } = w;
    try {
      await ready(page);
      const pad = page.locator(`${fig} .pad`);
      await pad.scrollIntoViewIfNeeded();
      expect(await pad.evaluate((el) => getComputedStyle(el).touchAction)).toBe('none');
      const box = (await pad.boundingBox())!;
      for (const [fx, fy] of [
        [0.3, 0.3],
        [0.7, 0.3],
        [0.5, 0.7],
      ] as const) {
        await page.touchscreen.tap(box.x + fx * box.width, box.y + fy * box.height);
      }
      expect(await count(page)).toBe(3);
      const clear = button(page, 'Clear');
      expect((await clear.boundingBox())!.height).toBeGreaterThanOrEqual(24);
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });

  test('a mangled drawing in a link is ignored; axe passes with the tools open and in presenter mode', async () => {
    const w = await open(browser, `${DRAW}&gan-2d.drawn=AA!A`);
    const { page } = w;
    try {
      await ready(page);
      expect(await count(page)).toBe(0);
      await stroke(page, [0.3, 0.3], [0.7, 0.6]);
      const check = async () =>
        (await new AxeBuilder({ page }).include(fig).analyze()).violations
          .filter((v) => v.impact !== 'minor')
          .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(await check()).toEqual([]);
      await button(page, 'Present').click();
      expect(await check()).toEqual([]);
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });
});
