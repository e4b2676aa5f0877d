/**
 * Before a figure wakes, the reader sees its server-rendered poster. On a 360 px phone no
 * page may be wider than the screen then: a phone browser zooms an overflowing page out to
 * fit it, so the text shrinks and the figures a screen below wake as if scrolled to.
 * JavaScript is off here, so what is measured is the poster alone.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DIST, launch, siteUrl } from '../lib/browser.ts';

const dirs = (path: string) =>
  readdirSync(join(DIST, path), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);

const pages = [
  '',
  'vae/',
  'gan/',
  'diffusion/',
  'compare/',
  'figures/',
  ...dirs('embed').map((id) => `embed/${id}/`),
  ...dirs('lessons').flatMap((l) => dirs(`lessons/${l}`).map((s) => `lessons/${l}/${s}/`)),
];

let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(() => browser?.close());

test('every page and embed is within a 360 px screen before its figures wake', async () => {
  expect(pages.length).toBeGreaterThan(40);
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    javaScriptEnabled: false,
    serviceWorkers: 'block',
  });
  const page = await context.newPage();
  const wide: string[] = [];
  try {
    for (const path of pages) {
      await page.goto(new URL(path, siteUrl()).toString());
      const { width, figures } = await page.evaluate(() => ({
        width: document.documentElement.scrollWidth,
        figures: [...document.querySelectorAll('[data-figure]')]
          .filter((f) =>
            [...f.querySelectorAll('*')].some((e) => e.getBoundingClientRect().right > 361),
          )
          .map((f) => f.getAttribute('data-figure')),
      }));
      if (width > 360) wide.push(`/${path} is ${width} px wide (${figures.join(', ')})`);
    }
  } finally {
    await context.close();
  }
  expect(wide).toEqual([]);
});
