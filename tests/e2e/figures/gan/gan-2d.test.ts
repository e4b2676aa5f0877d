/**
 * The live 2-D GAN figure in Chromium: it trains on WebAssembly, every control works by
 * keyboard and by touch on a phone, pausing stops all work, ten thousand steps leave no
 * tensor behind, settings survive a shared link, presenter mode, reduced motion, and it
 * still trains with the GPU disabled.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  PHONE,
  launch,
  open,
  scheduled,
  siteUrl,
  watchScheduling,
  workerlessContext,
} from '../../lib/browser.ts';

const fig = '[data-figure="gan-2d"]';
let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(() => browser?.close());

async function ready(page: Page) {
  await page.locator(fig).scrollIntoViewIfNeeded();
  await page.waitForSelector(`${fig}[data-status="ready"][data-backend]`, { timeout: 60_000 });
}
const counter = (page: Page, name: 'step' | 'd-updates') =>
  page
    .locator(`${fig} [data-step]`)
    .getAttribute(`data-${name}`)
    .then((v) => Number(v));
const fakes = (page: Page) => page.locator(`${fig} path.fake`).getAttribute('d');
const button = (page: Page, name: string | RegExp) =>
  page.locator(fig).getByRole('button', { name, exact: typeof name === 'string' });
const numTensors = (page: Page) =>
  page.evaluate(
    () =>
      (globalThis as unknown as { _tfengine: { state: { numTensors: number } } })._tfengine.state
        .numTensors,
  );
/** Resolves once the figure has taken at least `n` steps. */
const reach = (page: Page, n: number, timeout = 60_000) =>
  page.waitForFunction(
    ([sel, target]) =>
      Number(document.querySelector(`${sel} [data-step]`)?.getAttribute('data-step')) >= target,
    [fig, n] as const,
    { timeout, polling: 200 },
  );

describe('the live 2-D GAN', () => {
  test('trains on WebAssembly: Play moves the fakes and counts steps; Pause stops all work', async () => {
    const context = await workerlessContext(browser);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    try {
      await watchScheduling(page);
      await page.goto(new URL('embed/gan-2d/', siteUrl()).href);
      await ready(page);
      expect(await page.locator(`${fig} .badge`).textContent()).toContain('WebAssembly');
      expect(await counter(page, 'step')).toBe(0);
      // A fresh figure is paused: it asks for no frames until the reader presses Play.
      const idle = await scheduled(page);
      await page.waitForTimeout(500);
      expect((await scheduled(page)).frames).toBe(idle.frames);

      const before = await fakes(page);
      await button(page, 'Play').click();
      await reach(page, 100);
      expect(await fakes(page)).not.toBe(before);
      await expect
        .poll(async () => (await page.locator(`${fig} .speed`).textContent())?.trim())
        .toMatch(/^[\d,]+\/s$/);
      expect(await page.locator(`${fig} .coverage`).textContent()).toMatch(/^\d of 8$/);
      const chart = await page.locator(`${fig} .loss-curves svg`).getAttribute('aria-label');
      expect(chart).toMatch(
        /^Losses, over \d+ steps\. Latest: D’s loss \d\.\d\d, G’s loss \d\.\d\d\.$/,
      );

      await button(page, 'Pause').click();
      const paused = await counter(page, 'step');
      const calls = await scheduled(page);
      await page.waitForTimeout(1000);
      expect(await counter(page, 'step')).toBe(paused);
      // No animation frame, no timer: pausing stops all work.
      const after = await scheduled(page);
      expect(after.frames).toBe(calls.frames);
      expect(after.timers).toBe(calls.timers);
      expect((await page.locator(`${fig} .speed`).textContent())?.trim()).toBe('paused');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  /**
   * The strict bar (no task over 50 ms while playing) is measured by `npm run bench`: on a
   * machine busy with other work, the page's tasks stretch with the load, so here the bar
   * is one that only a broken chunking fails (training that no longer yields to the page).
   */
  test('ten thousand live steps leave no tensor behind and the page keeps its frames', async () => {
    const context = await workerlessContext(browser);
    const page = await context.newPage();
    try {
      await watchScheduling(page);
      await page.goto(new URL('embed/gan-2d/', siteUrl()).href);
      await ready(page);
      const baseline = await numTensors(page);
      await button(page, 'Play').click();
      await reach(page, 300);
      const warm = await scheduled(page); // kernels compile in the first frames
      const t0 = Date.now();
      await reach(page, 10_000, 240_000);
      const seconds = (Date.now() - t0) / 1000;
      await button(page, 'Pause').click();
      expect(await numTensors(page)).toBe(baseline);
      const after = await scheduled(page);
      expect((after.frames - warm.frames) / seconds).toBeGreaterThan(15);
      expect(Math.max(0, ...after.long.slice(warm.long.length))).toBeLessThan(250);
    } finally {
      await context.close();
    }
  }, 300_000);

  test('one step, D only and G only update the right player; Restart goes back to step 0', async () => {
    const w = await open(browser, 'gan/');
    const { page } = w;
    try {
      await ready(page);
      await button(page, 'One step').click();
      expect([await counter(page, 'step'), await counter(page, 'd-updates')]).toEqual([1, 1]);
      await button(page, 'Step D only').click();
      expect([await counter(page, 'step'), await counter(page, 'd-updates')]).toEqual([1, 2]);
      const field = await page
        .locator(`${fig} canvas`)
        .evaluate((c) => (c as HTMLCanvasElement).toDataURL());
      const points = await fakes(page);
      await button(page, 'Step G only').click();
      expect([await counter(page, 'step'), await counter(page, 'd-updates')]).toEqual([2, 2]);
      // G's step moves the fakes and leaves D's verdict where it was.
      expect(await fakes(page)).not.toBe(points);
      expect(
        await page.locator(`${fig} canvas`).evaluate((c) => (c as HTMLCanvasElement).toDataURL()),
      ).toBe(field);
      await page.locator(fig).getByRole('slider', { name: 'D steps per G step' }).fill('3');
      await button(page, 'One step').click();
      expect([await counter(page, 'step'), await counter(page, 'd-updates')]).toEqual([3, 5]);
      await button(page, 'Restart').click();
      expect([await counter(page, 'step'), await counter(page, 'd-updates')]).toEqual([0, 0]);
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });

  test('the healthy preset covers the ring in the browser as it does in Node', async () => {
    const w = await open(browser, 'embed/gan-2d/');
    const { page } = w;
    try {
      await ready(page);
      await button(page, 'Mode collapse').click(); // presets start playing at once
      expect(await button(page, 'Mode collapse').getAttribute('aria-pressed')).toBe('true');
      expect(await button(page, 'Pause').count()).toBe(1);
      await button(page, 'Healthy run').click();
      expect(await button(page, 'Healthy run').getAttribute('aria-pressed')).toBe('true');
      await expect
        .poll(() => page.locator(`${fig} .coverage`).textContent(), { timeout: 90_000 })
        .toMatch(/^[78] of 8$/);
      await button(page, 'Pause').click();
      // The table alternative lists all eight clusters.
      expect(await page.locator(`${fig} .figure-alternative tbody tr`).count()).toBe(8);
    } finally {
      await w.close();
    }
  }, 120_000);

  test('on a phone, every setting works by touch and keyboard and survives a shared link', async () => {
    const w = await open(browser, 'gan/', { viewport: PHONE, hasTouch: true, isMobile: true });
    const { page } = w;
    try {
      await ready(page);
      const figure = page.locator(fig);
      const tap = async (name: string) => {
        const target = figure.getByRole('button', { name, exact: true });
        await target.scrollIntoViewIfNeeded();
        const box = (await target.boundingBox())!;
        expect(box.height).toBeGreaterThanOrEqual(24); // a fingertip's target
        await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
      };
      await tap('Step G only');
      expect(await counter(page, 'step')).toBe(1);

      // Keyboard: sliders move with the arrow keys, buttons press with Enter and Space.
      const lrD = figure.getByRole('slider', { name: 'Learning rate of D' });
      await lrD.focus();
      await page.keyboard.press('ArrowRight');
      expect(await lrD.getAttribute('aria-valuetext')).toBe('0.004');
      expect(await button(page, 'Healthy run').getAttribute('aria-pressed')).toBe('false');
      const lrG = figure.getByRole('slider', { name: 'Learning rate of G' });
      await lrG.focus();
      await page.keyboard.press('ArrowLeft');
      expect(await lrG.getAttribute('aria-valuetext')).toBe('0.0005');
      await figure.getByRole('radio', { name: 'least squares' }).check();
      await figure.getByRole('combobox', { name: 'Data' }).selectOption('grid');
      await figure.getByRole('combobox', { name: 'Noise dimension' }).selectOption('4');
      await figure.getByRole('button', { name: 'Next seed' }).focus();
      await page.keyboard.press('Enter');
      expect(await figure.getByRole('spinbutton', { name: 'Seed' }).inputValue()).toBe('4');
      await button(page, 'One step').focus();
      await page.keyboard.press('Space');
      expect(await counter(page, 'step')).toBe(1); // a new distribution restarted the run
      expect(await figure.locator('.coverage').textContent()).toMatch(/ of 25$/);

      await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
      await figure.getByRole('button', { name: 'Copy link to this state' }).click();
      const link = await page.evaluate(() => navigator.clipboard.readText());
      const params = new URL(link).searchParams;
      expect(Object.fromEntries([...params].filter(([k]) => k.startsWith('gan-2d.')))).toEqual({
        'gan-2d.distribution': 'grid',
        'gan-2d.loss': 'least-squares',
        'gan-2d.lrD': '0.004',
        'gan-2d.lrG': '0.0005',
        'gan-2d.noiseDim': '4',
        'gan-2d.seed': '4',
      });

      const again = await open(browser, new URL(link).pathname + new URL(link).search, {
        viewport: PHONE,
      });
      try {
        await ready(again.page);
        const f = again.page.locator(fig);
        expect(await f.getByRole('combobox', { name: 'Data' }).inputValue()).toBe('grid');
        expect(await f.getByRole('radio', { name: 'least squares' }).isChecked()).toBe(true);
        expect(
          await f
            .getByRole('slider', { name: 'Learning rate of D' })
            .getAttribute('aria-valuetext'),
        ).toBe('0.004');
        expect(await f.getByRole('combobox', { name: 'Noise dimension' }).inputValue()).toBe('4');
        expect(await f.getByRole('spinbutton', { name: 'Seed' }).inputValue()).toBe('4');
      } finally {
        await again.close();
      }

      await figure.getByRole('button', { name: 'Reset' }).click();
      expect(await button(page, 'Healthy run').getAttribute('aria-pressed')).toBe('true');
      expect(await counter(page, 'step')).toBe(0);
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });

  test('the networks: layers, units and the optimiser restart the run, train, and are in the link', async () => {
    const w = await open(browser, 'embed/gan-2d/');
    const { page } = w;
    try {
      await ready(page);
      const figure = page.locator(fig);
      await button(page, 'One step').click();
      expect(await counter(page, 'step')).toBe(1);
      const layersG = figure.getByRole('slider', { name: 'Hidden layers of G' });
      await layersG.focus();
      await page.keyboard.press('End');
      expect(await layersG.getAttribute('aria-valuetext')).toBe('4');
      expect(await counter(page, 'step')).toBe(0); // a new network is a new run
      const unitsD = figure.getByRole('slider', { name: 'Units per layer of D' });
      await unitsD.focus();
      await page.keyboard.press('Home');
      expect(await unitsD.getAttribute('aria-valuetext')).toBe('8');
      await figure.getByRole('radio', { name: 'SGD' }).check();
      expect(await button(page, 'Healthy run').getAttribute('aria-pressed')).toBe('false');

      const before = await fakes(page);
      await button(page, 'Play').click();
      await reach(page, 50);
      await button(page, 'Pause').click();
      expect(await fakes(page)).not.toBe(before);
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
      await button(page, 'Copy link to this state').click();
      const link = new URL(await page.evaluate(() => navigator.clipboard.readText()));
      expect(link.searchParams.get('gan-2d.gLayers')).toBe('4');
      expect(link.searchParams.get('gan-2d.dUnits')).toBe('8');
      expect(link.searchParams.get('gan-2d.optimizer')).toBe('sgd');

      const again = await open(browser, link.pathname + link.search);
      try {
        await ready(again.page);
        const f = again.page.locator(fig);
        expect(
          await f
            .getByRole('slider', { name: 'Hidden layers of G' })
            .getAttribute('aria-valuetext'),
        ).toBe('4');
        expect(await f.getByRole('radio', { name: 'SGD' }).isChecked()).toBe(true);
      } finally {
        await again.close();
      }
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });

  test('passes axe while trained, with its table open, and in presenter mode', async () => {
    const w = await open(browser, 'embed/gan-2d/');
    const { page } = w;
    try {
      await ready(page);
      await button(page, 'Mode collapse').click();
      await reach(page, 200);
      await button(page, 'Pause').click();
      await page.locator(`${fig} summary`).click();
      const check = async () =>
        (await new AxeBuilder({ page }).include(fig).analyze()).violations
          .filter((v) => v.impact !== 'minor')
          .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(await check()).toEqual([]);
      await button(page, 'Present').click();
      expect(await check()).toEqual([]);
    } finally {
      await w.close();
    }
  });

  test('bad values in a link are clamped or ignored', async () => {
    const w = await open(
      browser,
      'embed/gan-2d/?gan-2d.dSteps=40&gan-2d.noiseDim=3&gan-2d.lrG=banana&gan-2d.loss=least-squares&gan-2d.dLayers=9&gan-2d.gUnits=100&gan-2d.optimizer=rmsprop',
    );
    try {
      await ready(w.page);
      const f = w.page.locator(fig);
      expect(await f.getByRole('slider', { name: 'D steps per G step' }).inputValue()).toBe('5');
      expect(await f.getByRole('combobox', { name: 'Noise dimension' }).inputValue()).toBe('2');
      expect(
        await f.getByRole('slider', { name: 'Learning rate of G' }).getAttribute('aria-valuetext'),
      ).toBe('0.001');
      expect(await f.getByRole('radio', { name: 'least squares' }).isChecked()).toBe(true);
      expect(
        await f.getByRole('slider', { name: 'Hidden layers of D' }).getAttribute('aria-valuetext'),
      ).toBe('4');
      expect(
        await f
          .getByRole('slider', { name: 'Units per layer of G' })
          .getAttribute('aria-valuetext'),
      ).toBe('64');
      expect(await f.getByRole('radio', { name: 'Adam' }).isChecked()).toBe(true);
    } finally {
      await w.close();
    }
  });

  test('in presenter mode the controls still drive it, and Escape leaves', async () => {
    const w = await open(browser, 'gan/?present=gan-2d#fig-gan-2d', {
      viewport: { width: 1024, height: 768 },
    });
    const { page } = w;
    try {
      await ready(page);
      await expect.poll(() => page.locator(`${fig}.presenting`).count()).toBe(1);
      await button(page, 'Play').click();
      await reach(page, 20);
      await button(page, 'Pause').click();
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator(`${fig}.presenting`).count()).toBe(0);
    } finally {
      await w.close();
    }
  });

  test('with reduced motion the picture changes at most twice a second while training', async () => {
    const w = await open(browser, 'embed/gan-2d/', { reducedMotion: 'reduce' });
    const { page } = w;
    try {
      await ready(page);
      await page.evaluate(`(() => {
        window.__redraws = 0;
        const path = document.querySelector('${fig} path.fake');
        new MutationObserver(() => window.__redraws++).observe(path, { attributes: true });
      })()`);
      await button(page, 'Play').click();
      await reach(page, 1);
      const redraws = () =>
        page.evaluate(() => (window as unknown as { __redraws: number }).__redraws);
      const [r0, s0, t0] = [await redraws(), await counter(page, 'step'), Date.now()];
      await page.waitForTimeout(3000);
      const [r1, s1, t1] = [await redraws(), await counter(page, 'step'), Date.now()];
      await button(page, 'Pause').click();
      const seconds = (t1 - t0) / 1000;
      expect(s1 - s0).toBeGreaterThan(20); // training runs on
      expect(r1 - r0).toBeGreaterThan(0);
      expect((r1 - r0) / seconds).toBeLessThanOrEqual(2.5); // two redraws a second
    } finally {
      await w.close();
    }
  });
});

describe('with the GPU disabled', () => {
  let noGpu: Browser;
  beforeAll(async () => (noGpu = await launch(['--disable-gpu', '--disable-software-rasterizer'])));
  afterAll(() => noGpu?.close());

  test('the figure still trains, and asked for WebGL it says it fell back', async () => {
    const w = await open(noGpu, 'embed/gan-2d/?backend=webgl');
    const { page } = w;
    try {
      await ready(page);
      expect(await page.locator(`${fig} .badge`).textContent()).toContain('WebAssembly');
      expect(await page.locator(`${fig} .figure-note`).textContent()).toContain(
        'WebGL unavailable',
      );
      await button(page, 'Play').click();
      await reach(page, 50);
      await button(page, 'Pause').click();
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });
});
