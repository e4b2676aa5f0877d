/**
 * Every built page, at phone and laptop sizes: it renders, its figures come to life, and it
 * logs no error, breaks no CSP rule, asks no other origin for anything, and passes axe.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DIST, LAPTOP, PHONE, launch, open, wakeFigures } from '../lib/browser.ts';

/** Every page in dist/, as a path relative to the site root. */
function builtPages(dir = DIST): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => relative(dir, join(e.parentPath, e.name)).replace(/index\.html$/, ''))
    .sort();
}

const pages = builtPages();
let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(() => browser?.close());

test('the build has the home page, three chapters, the 404 page and the embeds', () => {
  expect(pages).toEqual(
    expect.arrayContaining(['', '404.html', 'vae/', 'gan/', 'diffusion/', 'embed/timeline/']),
  );
});

describe.each([
  ['small phone', { width: 360, height: 740 }],
  ['phone', PHONE],
  ['laptop', LAPTOP],
])('on a %s', (_name, viewport) => {
  test.each(pages)('/%s renders cleanly and passes axe', async (path) => {
    const w = await open(browser, path, { viewport });
    try {
      expect(await w.page.locator('h1').count()).toBe(1);
      const figures = await wakeFigures(w.page);
      for (const id of figures) {
        expect(await w.page.getAttribute(`[data-figure="${id}"]`, 'data-status')).toBe('ready');
      }
      const axe = await new AxeBuilder({ page: w.page }).analyze();
      // Serious and critical are the bar; moderate ones (heading order, duplicate landmarks)
      // are held to it too, so the outline stays clean.
      const violations = axe.violations
        .filter((v) => v.impact !== 'minor')
        .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(violations).toEqual([]);
      expect(w.consoleErrors).toEqual([]);
      expect(w.cspViolations).toEqual([]);
      expect(w.foreignRequests).toEqual([]);
      // No horizontal scrolling at any width.
      const overflow = await w.page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
    } finally {
      await w.close();
    }
  });
});

describe('an article page', () => {
  test('has a reading time, a working table of contents, citations and MathML', async () => {
    const w = await open(browser, 'diffusion/');
    const { page } = w;
    try {
      await expect(page.locator('.meta').textContent()).resolves.toMatch(/\d+ min read/);
      const tocTargets = await page.$$eval('.toc a', (links) =>
        links.map((a) => a.getAttribute('href')!.slice(1)),
      );
      expect(tocTargets.length).toBeGreaterThan(3);
      for (const id of tocTargets) expect(await page.locator(`[id="${id}"]`).count()).toBe(1);

      const citeTargets = await page.$$eval('sup.cite a', (links) =>
        links.map((a) => a.getAttribute('href')!.slice(1)),
      );
      expect(citeTargets.length).toBeGreaterThan(5);
      for (const id of citeTargets) expect(await page.locator(`li[id="${id}"]`).count()).toBe(1);
      // The first citation is number 1 and points at the first entry of the list.
      const first = page.locator('sup.cite a').first();
      expect(await first.textContent()).toBe('1');
      const firstRef = await page.locator('.references ol li').first().getAttribute('id');
      expect(`#${firstRef}`).toBe(await first.getAttribute('href'));

      const entry = (await page.locator('.references li').first().textContent())?.trim();
      expect(entry).toMatch(/^\S.*\(\d{4}\)\. .+\. .+\.$/);
      expect(entry).not.toMatch(/\s[.,]/);

      expect(await page.locator('math').count()).toBeGreaterThan(2);
      // MathML needs no inline styles, which the CSP would block.
      expect(await page.locator('[style]').count()).toBe(0);
      await expect(page.locator('a[rel="prev"]').getAttribute('href')).resolves.toBe('/gan/');
    } finally {
      await w.close();
    }
  });

  test('sends a content security policy without unsafe-inline or unsafe-eval scripts', async () => {
    const w = await open(browser, 'vae/');
    try {
      const csp = await w.page.getAttribute(
        'meta[http-equiv="content-security-policy"]',
        'content',
      );
      expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
      expect(csp).not.toMatch(/'unsafe-inline'|'unsafe-eval'/);
      expect(csp).toContain("default-src 'self'");
    } finally {
      await w.close();
    }
  });

  test('an unknown page answers with the 404 page linking to every chapter', async () => {
    const w = await open(browser, 'no-such-page/');
    try {
      await expect(w.page.locator('h1').textContent()).resolves.toContain('never generated');
      expect(await w.page.locator('main a[href="/vae/"]').count()).toBe(1);
    } finally {
      await w.close();
    }
  });
});
