/**
 * The forward-diffusion figure: a smiley of 700 points noised as t grows, in plain arithmetic.
 * It wakes without downloading TensorFlow.js or any model, restores its state from a link
 * (clamping bad values) and plays in calm steps with reduced motion.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launch, open } from '../../lib/browser.ts';

const fig = '[data-figure="forward-diffusion"]';
let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(() => browser?.close());

async function ready(page: Page) {
  await page.locator(fig).scrollIntoViewIfNeeded();
  await page.waitForSelector(`${fig}[data-status="ready"]`);
}
/** Horizontal spread of the drawn points (SVG units), a proxy for how noised they are. */
const spread = (page: Page) =>
  page.$$eval(`${fig} path.pts`, (paths) => {
    // Each point is drawn as `M<x − r> <y>a…`: read the x of every point.
    const xs = paths.flatMap((p) =>
      [...(p.getAttribute('d') ?? '').matchAll(/M(-?[\d.]+) /g)].map((m) => Number(m[1])),
    );
    if (xs.length !== 700) return Number.NaN; // every point must be drawn
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    return Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
  });

describe('the forward-diffusion figure', () => {
  test('noises the points as t grows, with no model and no TensorFlow.js downloaded', async () => {
    const w = await open(browser, 'embed/forward-diffusion/');
    const { page } = w;
    try {
      await ready(page);
      const clean = await spread(page);
      const slider = page.locator(fig).getByRole('slider', { name: /Step/ });
      const firstPath = await page.locator(`${fig} path.pts`).first().getAttribute('d');
      await slider.fill('1000');
      await page.waitForFunction(
        ([sel, before]) => document.querySelector(`${sel} path.pts`)?.getAttribute('d') !== before,
        [fig, firstPath] as const,
      );
      expect(await page.locator(`${fig} .readout dd`).first().textContent()).toBe('0.006');
      const noised = await spread(page);
      expect(Math.abs(noised - clean)).toBeGreaterThan(1);
      // Midway the two schedules keep different shares of the signal: switching moves them.
      await slider.fill('300');
      const linear = await spread(page);
      const linearPath = await page.locator(`${fig} path.pts`).first().getAttribute('d');
      await page.locator(fig).getByRole('radio', { name: 'cosine' }).check();
      await page.waitForFunction(
        ([sel, before]) => document.querySelector(`${sel} path.pts`)?.getAttribute('d') !== before,
        [fig, linearPath] as const,
      );
      expect(Math.abs((await spread(page)) - linear)).toBeGreaterThan(0.5);
      expect(w.requests.filter((u) => /\.wasm$|tfjs|runtime\.|\/models\//.test(u))).toEqual([]);
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });

  test('restores t and the schedule from a shared link, clamping bad values', async () => {
    const w = await open(
      browser,
      'diffusion/?forward-diffusion.t=5000&forward-diffusion.schedule=cosine#fig-forward-diffusion',
    );
    try {
      await ready(w.page);
      expect(await w.page.locator(fig).getByRole('slider', { name: /Step/ }).inputValue()).toBe(
        '1000',
      );
      expect(await w.page.locator(fig).getByRole('radio', { name: 'cosine' }).isChecked()).toBe(
        true,
      );
    } finally {
      await w.close();
    }
  });

  test('with reduced motion Play moves in calm steps of a tenth', async () => {
    const w = await open(browser, 'diffusion/', { reducedMotion: 'reduce' });
    const { page } = w;
    try {
      await ready(page);
      const slider = page.locator(fig).getByRole('slider', { name: /Step/ });
      await page.locator(fig).getByRole('button', { name: 'Play' }).click();
      await page.waitForTimeout(1500);
      const t = Number(await slider.inputValue());
      expect(t).toBeGreaterThan(0);
      expect(t % 100).toBe(0);
    } finally {
      await w.close();
    }
  });
});
