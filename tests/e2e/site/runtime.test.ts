/**
 * The forward-diffusion figure and the tfjs runtime behind it: backend choice and its
 * fallbacks (GPU disabled, wasm blocked, WebGL context lost), the error state with retry,
 * no leaked tensors, shared state, reduced motion.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launch, open, siteUrl, wakeFigures, workerlessContext } from '../lib/browser.ts';

const fig = '[data-figure="forward-diffusion"]';
let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(() => browser?.close());

async function ready(page: Page) {
  await page.locator(fig).scrollIntoViewIfNeeded();
  await page.waitForSelector(`${fig}[data-status="ready"][data-backend]`);
}
const badge = (page: Page) => page.locator(`${fig} .badge`).textContent();
const note = (page: Page) => page.locator(`${fig} .figure-note`).textContent();
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
const numTensors = (page: Page) =>
  page.evaluate(
    () =>
      (globalThis as unknown as { _tfengine: { state: { numTensors: number } } })._tfengine.state
        .numTensors,
  );

describe('the forward-diffusion figure', () => {
  test('runs on WebAssembly, says so, and noises the points as t grows', async () => {
    const w = await open(browser, 'diffusion/');
    const { page } = w;
    try {
      expect(w.requests.some((u) => u.endsWith('.wasm'))).toBe(false); // not before it is needed
      await ready(page);
      expect(await badge(page)).toContain('TensorFlow.js on WebAssembly');
      const wasm = w.requests.filter((u) => u.endsWith('.wasm'));
      expect(wasm).toHaveLength(1);
      expect(new URL(wasm[0]!).pathname).toMatch(
        /^\/_astro\/tfjs-backend-wasm(-simd)?\.[\w-]+\.wasm$/,
      );

      const clean = await spread(page);
      const baseline = await numTensors(page);
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
      for (const t of ['100', '500', '900']) await slider.fill(t);
      await page.locator(fig).getByRole('radio', { name: 'cosine' }).check();
      await page.waitForTimeout(300);
      await expect.poll(() => numTensors(page), { timeout: 5000 }).toBe(baseline);
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

  test('shows an error with a retry when tfjs cannot load, and the article stays readable', async () => {
    const context = await workerlessContext(browser);
    const page = await context.newPage();
    try {
      let block = true;
      await page.route(/\/_astro\/runtime\.[\w-]+\.js$/, (route) =>
        block ? route.abort() : route.continue(),
      );
      await page.goto(new URL('diffusion/', siteUrl()).toString());
      await page.locator(fig).scrollIntoViewIfNeeded();
      await page.waitForSelector(`${fig}[data-status="error"]`);
      expect(await page.locator(`${fig} [role="alert"]`).textContent()).toContain(
        'could not start',
      );
      expect(await page.locator('h1').textContent()).toContain('diffusion');
      expect(await page.locator('[data-figure="timeline"]').count()).toBe(1);
      block = false;
      await page.locator(fig).getByRole('button', { name: 'Try again' }).click();
      await page.waitForSelector(`${fig}[data-status="ready"]`);
      expect(await badge(page)).toContain('WebAssembly');
    } finally {
      await context.close();
    }
  });

  test('falls back to WebGL when WebAssembly is blocked, and says so', async () => {
    const context = await workerlessContext(browser);
    const page = await context.newPage();
    try {
      await page.route(/\.wasm$/, (route) => route.abort());
      await page.goto(new URL('diffusion/', siteUrl()).toString());
      await ready(page);
      expect(await badge(page)).toContain('WebGL');
      expect(await note(page)).toContain('WebAssembly unavailable: running on WebGL');
    } finally {
      await context.close();
    }
  });

  test('recovers from a lost WebGL context instead of drawing zeros', async () => {
    const w = await open(browser, 'diffusion/?backend=webgl');
    const { page } = w;
    try {
      await ready(page);
      expect(await badge(page)).toContain('WebGL');
      await page.locator(fig).getByRole('slider', { name: /Step/ }).fill('200');
      await page.waitForTimeout(300);
      const before = await spread(page);
      await page.evaluate(() => {
        // tfjs keeps its canvas off the page: reach its context through the engine.
        const engine = (
          globalThis as unknown as {
            _tfengine: { backend: { gpgpu: { gl: WebGL2RenderingContext } } };
          }
        )._tfengine;
        engine.backend.gpgpu.gl.getExtension('WEBGL_lose_context')!.loseContext();
      });
      // Reads started on the dying context must not hang or leak.
      for (const t of ['201', '202', '203'])
        await page.locator(fig).getByRole('slider', { name: /Step/ }).fill(t);
      await page.waitForFunction(
        (sel) => document.querySelector(sel)?.getAttribute('data-backend') !== 'webgl',
        fig,
      );
      expect(await badge(page)).toContain('WebAssembly');
      expect(await note(page)).toContain('WebGL context lost');
      await page.locator(fig).getByRole('slider', { name: /Step/ }).fill('250');
      await page.waitForTimeout(300);
      const after = await spread(page);
      expect(after).toBeGreaterThan(before * 0.5); // points are still spread, not collapsed at 0
      // A read may still be in flight on a slow machine; a leak would stay above 0.
      await expect.poll(() => numTensors(page), { timeout: 5000 }).toBe(0);
    } finally {
      await w.close();
    }
  });
});

describe('with the GPU disabled', () => {
  let noGpu: Browser;
  beforeAll(async () => (noGpu = await launch(['--disable-gpu', '--disable-software-rasterizer'])));
  afterAll(() => noGpu?.close());

  test('a figure asked to use WebGL falls back to WebAssembly and says so', async () => {
    const w = await open(noGpu, 'diffusion/?backend=webgl');
    try {
      await ready(w.page);
      expect(await badge(w.page)).toContain('WebAssembly');
      expect(await note(w.page)).toContain('WebGL unavailable: running on WebAssembly');
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });

  test('every page still works', async () => {
    for (const path of ['', 'vae/', 'diffusion/']) {
      const w = await open(noGpu, path);
      try {
        const ids = await wakeFigures(w.page);
        for (const id of ids) {
          expect(await w.page.getAttribute(`[data-figure="${id}"]`, 'data-status')).toBe('ready');
        }
        expect(w.consoleErrors).toEqual([]);
      } finally {
        await w.close();
      }
    }
  });
});
