/**
 * Each page's inline CSS is its own: an article carries the styles of the figures it shows,
 * not of all 22 (which had put 67–74 KB of CSS into every page; issue 17). Two sides:
 * - a byte budget per page, read from dist/ (deterministic);
 * - in the browser, with every figure on the page woken, each element a Svelte component
 *   styles (its `svelte-…` scope class) finds a rule of that scope in the page's CSS: no
 *   figure lost a style it needs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DIST, LAPTOP, launch, open, wakeFigures } from '../lib/browser.ts';

/**
 * gzip KB of each page's inline CSS. Measured when set: / 4.8, /vae/ 8.1, /gan/ 8.2,
 * /diffusion/ 9.2, /compare/ 5.1, /figures/ 3.5 (before: 13.6–14.7 on every page); about
 * 15 % is left for growth.
 */
const CSS_BUDGETS_KB: Record<string, number> = {
  '': 5.5,
  'vae/': 9.5,
  'gan/': 9.5,
  'diffusion/': 10.5,
  'compare/': 6,
  'figures/': 4,
};

const inlineCss = (html: string) =>
  [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]).join('');

test.each(Object.entries(CSS_BUDGETS_KB))('/%s inlines ≤ %d KB gzip of CSS', (path, budget) => {
  const css = inlineCss(readFileSync(join(DIST, path, 'index.html'), 'utf8'));
  const gz = gzipSync(css).length / 1024;
  expect(gz, `/${path} inlines ${gz.toFixed(1)} KB gzip of CSS`).toBeLessThanOrEqual(budget);
});

test('the home page leaves out the GAN chapter’s figure styles', () => {
  const home = inlineCss(readFileSync(join(DIST, 'index.html'), 'utf8'));
  const gan = inlineCss(readFileSync(join(DIST, 'gan', 'index.html'), 'utf8'));
  const scopes = (css: string) => new Set(css.match(/svelte-[a-z0-9]+/g));
  const onGan = [...scopes(gan)].filter((s) => !scopes(home).has(s));
  // The GAN chapter's figures have their own scopes, and none of them reached the home page.
  expect(onGan.length).toBeGreaterThan(10);
});

let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(() => browser?.close());

test.each(['', 'vae/', 'gan/', 'diffusion/', 'compare/'])(
  'every styled element of /%s, its figures awake, has its scope’s CSS',
  async (path) => {
    const w = await open(browser, path, { viewport: LAPTOP });
    try {
      const figures = await wakeFigures(w.page);
      expect(figures.length).toBeGreaterThan(0);
      const missing = await w.page.evaluate(() => {
        const defined = new Set<string>();
        for (const sheet of document.styleSheets) {
          let rules: CSSRuleList;
          try {
            rules = sheet.cssRules;
          } catch {
            continue;
          }
          const text = [...rules].map((r) => r.cssText).join('\n');
          for (const scope of text.match(/svelte-[a-z0-9]+/g) ?? []) defined.add(scope);
        }
        const used = new Set<string>();
        for (const el of document.querySelectorAll('[class*="svelte-"]')) {
          for (const c of el.classList) if (c.startsWith('svelte-')) used.add(c);
        }
        return { used: used.size, missing: [...used].filter((s) => !defined.has(s)) };
      });
      expect(missing.used).toBeGreaterThan(0);
      expect(missing.missing).toEqual([]);
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.close();
    }
  },
  240_000,
);
