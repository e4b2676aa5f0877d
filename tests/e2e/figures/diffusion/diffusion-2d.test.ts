/**
 * The 2-D diffusion figure in Chromium: the trained model denoises points on WebAssembly,
 * every control changes what is drawn, play stops when paused (no frames, no timers),
 * settings survive a shared link, keyboard and axe, and no tensor is left behind.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { liveTensors } from '../../../../scripts/lib/tensors.ts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  PHONE,
  launch,
  open,
  siteUrl,
  watchSchedulingNow,
  workCalls,
  workerlessContext,
} from '../../lib/browser.ts';

const fig = '[data-figure="diffusion-2d"]';
let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(() => browser?.close());

const state = (page: Page) =>
  page.locator(`${fig} [data-frame]`).evaluate((el) => ({
    frame: Number(el.getAttribute('data-frame')),
    t: Number(el.getAttribute('data-t')),
    signature: el.getAttribute('data-signature') ?? '',
    computing: el.getAttribute('data-computing') === 'true',
    playing: el.getAttribute('data-playing') === 'true',
  }));
async function ready(page: Page) {
  await page.locator(fig).scrollIntoViewIfNeeded();
  await page.waitForSelector(`${fig}[data-status="ready"][data-backend]`, { timeout: 60_000 });
  await expect.poll(async () => (await state(page)).signature, { timeout: 30_000 }).not.toBe('');
}
/**
 * Waits for a new film after a settings change, and returns its signature. A film takes the
 * worker about 1.5 s on one busy core, past expect.poll's default second: how fast is the
 * bench's to say, not this test's.
 */
async function changed(page: Page, from: string) {
  await expect
    .poll(
      async () => {
        const s = await state(page);
        return !s.computing && s.signature !== from;
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  return (await state(page)).signature;
}
const button = (page: Page, name: string) =>
  page.locator(fig).getByRole('button', { name, exact: true });
/** Live tensors in the page's diffusion worker, where the chapter's models run. */
const numTensors = (page: Page) => liveTensors(page, 'diffusion');

describe('diffusion in 2-D', () => {
  test('denoises on WebAssembly; play advances, pause stops all work; no errors, no other origin', async () => {
    const w = await open(browser, 'embed/diffusion-2d/');
    const { page } = w;
    try {
      await watchSchedulingNow(page);
      await ready(page);
      expect(await page.locator(`${fig} .badge`).textContent()).toContain('WebAssembly');
      const end = await state(page);
      expect(end).toMatchObject({ frame: 50, t: 0, playing: false });
      expect(await page.locator(`${fig} .pr`).textContent()).toMatch(/^\s*\d+% · \d+%\s*$/);

      await button(page, 'Play').click(); // from the end, play starts over at the noise
      await expect.poll(async () => (await state(page)).frame).toBeGreaterThan(5);
      await button(page, 'Pause').click();
      const paused = await state(page);
      expect(paused.frame).toBeLessThan(50);
      expect(paused.signature).not.toBe(end.signature);
      const calls = await workCalls(page);
      await page.waitForTimeout(800);
      expect(await workCalls(page)).toEqual(calls);
      expect((await state(page)).frame).toBe(paused.frame);

      // Play runs to the end and stops by itself.
      await button(page, 'Play').click();
      await expect.poll(async () => (await state(page)).playing, { timeout: 15_000 }).toBe(false);
      expect((await state(page)).frame).toBe(50);
      expect([...w.consoleErrors, ...w.cspViolations]).toEqual([]);
      expect(w.foreignRequests).toEqual([]);
    } finally {
      await w.close();
    }
  });

  test('shape, direction, steps and seed each change the points; scrubbing back is instant', async () => {
    const w = await open(browser, 'diffusion/');
    const { page } = w;
    try {
      await ready(page);
      const f = page.locator(fig);
      let sig = (await state(page)).signature;
      await f.getByRole('combobox', { name: 'Shape' }).selectOption('ring');
      sig = await changed(page, sig);
      await f.getByRole('spinbutton', { name: 'Seed' }).fill('7');
      await f.getByRole('spinbutton', { name: 'Seed' }).press('Enter');
      sig = await changed(page, sig);
      await f.getByRole('combobox', { name: 'Number of steps' }).selectOption('20');
      sig = await changed(page, sig);
      expect((await state(page)).frame).toBe(20);
      await f.getByRole('radio', { name: /Forward/ }).check();
      await changed(page, sig);
      // Forward: the film starts at the clean data, t = 0, and ends at t = 1000.
      expect((await state(page)).t).toBe(1000);

      const slider = f.getByRole('slider', { name: 'Step', exact: true });
      const t0 = Date.now();
      await slider.fill('3');
      expect((await state(page)).frame).toBe(3);
      expect(Date.now() - t0).toBeLessThan(1000);
      expect(await slider.getAttribute('aria-valuetext')).toMatch(/^step 3 of 20, t = \d+$/);
      expect([...w.consoleErrors, ...w.cspViolations]).toEqual([]);
    } finally {
      await w.close();
    }
  });

  test('keyboard and touch on a phone; the state survives a shared link', async () => {
    const w = await open(browser, 'diffusion/', {
      viewport: PHONE,
      hasTouch: true,
      isMobile: true,
    });
    const { page } = w;
    try {
      await ready(page);
      const f = page.locator(fig);
      const before = (await state(page)).signature;
      await f.getByRole('combobox', { name: 'Shape' }).selectOption('moons');
      await changed(page, before);
      const slider = f.getByRole('slider', { name: 'Step', exact: true });
      await slider.focus();
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowLeft');
      expect((await state(page)).frame).toBe(48);
      await button(page, 'Step back').focus();
      await page.keyboard.press('Enter');
      expect((await state(page)).frame).toBe(47);
      const forward = button(page, 'Step forward');
      await forward.scrollIntoViewIfNeeded();
      const box = (await forward.boundingBox())!;
      expect(box.height).toBeGreaterThanOrEqual(24);
      await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
      expect((await state(page)).frame).toBe(48);

      await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
      await f.getByRole('button', { name: 'Copy link to this state' }).click();
      const link = new URL(await page.evaluate(() => navigator.clipboard.readText()));
      expect(
        Object.fromEntries([...link.searchParams].filter(([k]) => k.startsWith('diffusion-2d.'))),
      ).toEqual({ 'diffusion-2d.shape': 'moons', 'diffusion-2d.frame': '48' });
      const again = await open(browser, link.pathname + link.search);
      try {
        await ready(again.page);
        const g = again.page.locator(fig);
        expect(await g.getByRole('combobox', { name: 'Shape' }).inputValue()).toBe('moons');
        expect((await state(again.page)).frame).toBe(48);
      } finally {
        await again.close();
      }
      expect([...w.consoleErrors, ...w.cspViolations]).toEqual([]);
    } finally {
      await w.close();
    }
  });

  test('bad values in a link are clamped or ignored', async () => {
    const w = await open(
      browser,
      'embed/diffusion-2d/?diffusion-2d.shape=cube&diffusion-2d.steps=20&diffusion-2d.frame=999&diffusion-2d.direction=forward&diffusion-2d.seed=-4',
    );
    try {
      await ready(w.page);
      const f = w.page.locator(fig);
      expect(await f.getByRole('combobox', { name: 'Shape' }).inputValue()).toBe('swiss');
      expect(await f.getByRole('spinbutton', { name: 'Seed' }).inputValue()).toBe('1');
      expect(await f.getByRole('radio', { name: /Forward/ }).isChecked()).toBe(true);
      expect((await state(w.page)).frame).toBe(20);
    } finally {
      await w.close();
    }
  });

  test('no tensor is left behind after many films; axe passes, also in presenter mode', async () => {
    const w = await open(browser, 'embed/diffusion-2d/');
    const { page } = w;
    try {
      await ready(page);
      const baseline = await numTensors(page);
      const f = page.locator(fig);
      let sig = (await state(page)).signature;
      for (const shape of ['ring', 'grid', 'smiley', 'moons', 'swiss']) {
        await f.getByRole('combobox', { name: 'Shape' }).selectOption(shape);
        sig = await changed(page, sig);
      }
      expect(await numTensors(page)).toBe(baseline);

      await page.locator(`${fig} summary`).click();
      expect(await page.locator(`${fig} .figure-alternative tbody tr`).count()).toBe(5);
      const check = async () =>
        (await new AxeBuilder({ page }).include(fig).analyze()).violations
          .filter((v) => v.impact !== 'minor')
          .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(await check()).toEqual([]);
      await button(page, 'Present').click();
      expect(await check()).toEqual([]);
      await page.keyboard.press('Escape');
      expect([...w.consoleErrors, ...w.cspViolations]).toEqual([]);
    } finally {
      await w.close();
    }
  });

  test('a missing model shows an error inside the figure, with a retry', async () => {
    const context = await workerlessContext(browser);
    const page = await context.newPage();
    try {
      await context.route('**/models/diffusion-2d/model.json', (route) =>
        route.fulfill({ status: 404 }),
      );
      await page.goto(new URL('embed/diffusion-2d/', siteUrl()).href);
      await page.locator(fig).scrollIntoViewIfNeeded();
      await page.waitForSelector(`${fig}[data-status="error"]`, { timeout: 60_000 });
      expect(await page.locator(`${fig} [role="alert"]`).textContent()).toContain(
        'The rest of the article still works.',
      );
      expect(await page.locator(fig).getByRole('button', { name: 'Try again' }).count()).toBe(1);
    } finally {
      await context.close();
    }
  });
});
