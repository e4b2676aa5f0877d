/**
 * Deployed under a sub-path: build with BASE_PATH=/blog/, serve it from a host that
 * answers 404 to anything outside /blog/, and crawl every page, waking every figure.
 * Nothing may be missing: no broken link, asset, island, wasm or model file.
 */
import { rmSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { FIGURE_IDS } from '../../../src/figures/ids.ts';
import { buildAstro } from '../../astroEnv.ts';
import { serveDist, type StaticServer } from '../../../scripts/lib/server.ts';
import { launch, open, wakeFigures } from '../lib/browser.ts';

const OUT = 'dist-blog';
let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  expect(await buildAstro(OUT, { BASE_PATH: '/blog/' })).toBeNull();
  server = await serveDist(OUT, '/blog/');
  browser = await launch();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(OUT, { recursive: true, force: true });
});

test(
  'every page, asset, island and wasm file resolves under /blog/',
  // A crawl of every page and embed, each woken: it grows with the site (now 22 figures).
  { timeout: 420_000 },
  async () => {
    const queue = ['', ...FIGURE_IDS.map((id) => `embed/${id}/`)];
    const visited = new Set<string>();
    const foreign: string[] = [];
    while (queue.length > 0) {
      const path = queue.shift()!;
      if (visited.has(path)) continue;
      visited.add(path);
      const w = await open(browser, path, { base: server.url });
      try {
        await wakeFigures(w.page);
        await w.page.waitForLoadState('networkidle');
        foreign.push(...w.foreignRequests);
        expect(w.consoleErrors, `console errors on /blog/${path}`).toEqual([]);
        const links = await w.page.$$eval('a[href]', (as) =>
          as.map((a) => (a as HTMLAnchorElement).href),
        );
        for (const link of links) {
          const url = new URL(link);
          if (url.origin !== server.origin) continue;
          expect(url.pathname, `link on /blog/${path}`).toMatch(/^\/blog\//);
          queue.push(url.pathname.slice('/blog/'.length));
        }
      } finally {
        await w.close();
      }
    }
    expect([...visited].sort()).toEqual(
      expect.arrayContaining(['', 'vae/', 'gan/', 'diffusion/', 'embed/timeline/']),
    );
    // The not-found page itself, reached from a bad link, must load its own assets too.
    const notFound = await open(browser, 'no-such-page/', { base: server.url });
    expect(await notFound.page.locator('h1').textContent()).toContain('never generated');
    foreign.push(...notFound.foreignRequests);
    await notFound.close();
    expect(foreign).toEqual([]);
    const missing = server.log.filter((entry) => entry.status !== 200);
    expect(missing).toEqual([{ path: '/blog/no-such-page/', status: 404 }]);
    const paths = server.log.map((entry) => entry.path);
    expect(paths.some((p) => /^\/blog\/_astro\/.*\.wasm$/.test(p))).toBe(true);
    expect(paths.some((p) => p.startsWith('/blog/_astro/') && p.endsWith('.woff2'))).toBe(true);
  },
);
