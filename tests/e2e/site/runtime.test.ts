/**
 * The tfjs runtime the live figures share, in a chapter's Web Worker, tried on the reverse
 * process (one U-Net call per step in the diffusion worker): backend choice and its fallbacks
 * (GPU disabled, wasm blocked, WebGL context lost), the error state with retry when the
 * worker cannot load, no leaked tensors. The page itself never loads TensorFlow.js.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { liveTensors, modelWorker } from '../../../scripts/lib/tensors.ts';
import { launch, open, siteUrl, wakeFigures, workerlessContext } from '../lib/browser.ts';

const fig = '[data-figure="reverse-process"]';
const state = `${fig} .reverse`;
/** The name the diffusion chapter gives its model worker. */
const WORKER = 'diffusion';
let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(() => browser?.close());

async function ready(page: Page) {
  await page.locator(fig).scrollIntoViewIfNeeded();
  await page.waitForSelector(`${fig}[data-status="ready"][data-backend]`, { timeout: 60_000 });
  await page.waitForSelector(`${state}:not([data-calls="0"])`);
}
const badge = (page: Page) => page.locator(`${fig} .badge`).textContent();
const note = (page: Page) => page.locator(`${fig} .figure-note`).textContent();
const cursor = async (page: Page) => Number(await page.locator(state).getAttribute('data-cursor'));
/**
 * One step forward with the figure's own button, once the model is free (a press while it
 * works is ignored, by design), waiting until the step is on screen (a step the model
 * already took is shown from the kept frames).
 */
async function step(page: Page) {
  await page.waitForSelector(`${state}[data-busy="false"]`, { timeout: 30_000 });
  const before = await cursor(page);
  await page.locator(fig).getByRole('button', { name: 'One step', exact: true }).click();
  await page.waitForFunction(
    ([sel, n]) => Number(document.querySelector(sel)?.getAttribute('data-cursor')) > n,
    [state, before] as const,
    { timeout: 30_000 },
  );
}
/** Standard deviation of the ε̂ picture's red channel: a lost context draws a flat zero. */
const contrast = (page: Page) =>
  page.locator(`${fig} canvas.eps`).evaluate((c) => {
    const canvas = c as HTMLCanvasElement;
    const d = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    const red = Array.from({ length: d.length / 4 }, (_, i) => d[4 * i]!);
    const mean = red.reduce((a, b) => a + b, 0) / red.length;
    return Math.sqrt(red.reduce((a, b) => a + (b - mean) ** 2, 0) / red.length);
  });

describe('the runtime in the diffusion worker', () => {
  test('runs on WebAssembly and says so; the page itself never loads TensorFlow.js', async () => {
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
      expect(await page.evaluate(() => '_tfengine' in globalThis)).toBe(false);
      await step(page);
      const baseline = await liveTensors(page, WORKER);
      for (let i = 0; i < 3; i++) await step(page);
      await expect.poll(() => liveTensors(page, WORKER), { timeout: 5000 }).toBe(baseline);
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });

  test('shows an error with a retry when the worker cannot load, and the article stays readable', async () => {
    const context = await workerlessContext(browser);
    const page = await context.newPage();
    try {
      let block = true;
      await page.route(/\/_astro\/models\.worker-[\w-]+\.js$/, (route) =>
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
      await ready(page);
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
      await page.goto(new URL('embed/reverse-process/', siteUrl()).toString());
      await ready(page);
      expect(await badge(page)).toContain('WebGL');
      expect(await note(page)).toContain('WebAssembly unavailable: running on WebGL');
    } finally {
      await context.close();
    }
  });

  test('recovers from a lost WebGL context instead of drawing zeros', async () => {
    const w = await open(browser, 'embed/reverse-process/?backend=webgl');
    const { page } = w;
    try {
      await ready(page);
      expect(await badge(page)).toContain('WebGL');
      await step(page);
      const before = await contrast(page);
      expect(before).toBeGreaterThan(5);
      await (
        await modelWorker(page, WORKER)
      ).evaluate(() => {
        // tfjs keeps its canvas in the worker: reach its context through the engine.
        const engine = (
          globalThis as unknown as {
            _tfengine: { backend: { gpgpu: { gl: WebGL2RenderingContext } } };
          }
        )._tfengine;
        engine.backend.gpgpu.gl.getExtension('WEBGL_lose_context')!.loseContext();
      });
      // A step started on the dying context must not hang: the figure recovers and goes on.
      await page.locator(fig).getByRole('button', { name: 'One step', exact: true }).click();
      await page.waitForFunction(
        (sel) => document.querySelector(sel)?.getAttribute('data-backend') !== 'webgl',
        fig,
        { timeout: 30_000 },
      );
      expect(await badge(page)).toContain('WebAssembly');
      expect(await note(page)).toContain('WebGL context lost');
      await page.waitForSelector(`${fig}[data-status="ready"]`);
      await step(page);
      await step(page);
      expect(await contrast(page)).toBeGreaterThan(before * 0.5); // a real ε̂, not zeros
      const baseline = await liveTensors(page, WORKER);
      await step(page);
      await expect.poll(() => liveTensors(page, WORKER), { timeout: 5000 }).toBe(baseline);
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
    const w = await open(noGpu, 'embed/reverse-process/?backend=webgl');
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
