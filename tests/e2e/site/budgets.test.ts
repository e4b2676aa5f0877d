/**
 * Byte budgets, which are deterministic: an article ships ≤ 60 KB gzip of JavaScript
 * before any figure is visible and asks for no tfjs or model; the tfjs a figure then
 * loads is ≤ 180 KB gzip.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { kb, total, weigh } from '../../../scripts/lib/pageWeight.ts';
import { DIST, PHONE, launch, open } from '../lib/browser.ts';

const INITIAL_JS_BUDGET = 60 * 1024;
const TFJS_BUDGET = 180 * 1024;
const isTfjs = (url: string) => /\/_astro\/runtime\.[\w-]+\.js$|\.wasm$|\/models\//.test(url);

let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(() => browser?.close());

test.each(['vae/', 'gan/', 'diffusion/'])(
  '/%s ships ≤ 60 KB gzip of JavaScript up front and no tfjs',
  async (path) => {
    const w = await open(browser, path, { viewport: PHONE });
    try {
      await w.page.waitForLoadState('networkidle');
      const initialJs = total(weigh(w.requests, DIST, '/'), 'js');
      expect(initialJs.gzip, `initial JS is ${kb(initialJs.gzip)}`).toBeLessThanOrEqual(
        INITIAL_JS_BUDGET,
      );
      expect(w.requests.filter(isTfjs)).toEqual([]);
    } finally {
      await w.close();
    }
  },
);

/**
 * Measured on the figure's embed page, where it is the only island: on an article, scrolling
 * to it also wakes its neighbours (islands hydrate 600 px before they are visible), whose
 * code is theirs, not this figure's. So this counts all the page's JavaScript, the shell and
 * Svelte included, which the figure's tfjs must fit beside.
 */
test('a live figure loads ≤ 180 KB gzip of JavaScript, tfjs included (the .wasm binary is in the bench)', async () => {
  const w = await open(browser, 'embed/forward-diffusion/', { viewport: PHONE });
  try {
    await w.page.waitForSelector('[data-figure="forward-diffusion"][data-status="ready"]');
    await w.page.waitForLoadState('networkidle');
    const loaded = weigh(w.requests, DIST, '/');
    expect(loaded.some((f) => /runtime\./.test(f.path))).toBe(true);
    const js = total(loaded, 'js');
    expect(js.gzip, `the figure loaded ${kb(js.gzip)} of JS`).toBeLessThanOrEqual(TFJS_BUDGET);
  } finally {
    await w.close();
  }
});
