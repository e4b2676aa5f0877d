/**
 * Offline after one visit: a reader opens one chapter, the service worker caches the site,
 * the network goes away, and every page still loads and every figure still comes to life,
 * with no request reaching the server, no console error, and the footer saying so. Then a
 * new deploy: the next visit moves to the new version's cache, downloads only the files
 * that changed, and deletes the old cache.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FIGURE_IDS } from '../../../src/figures/ids.ts';
import { CACHE_PREFIX } from '../../../src/offline/precache.ts';
import { precacheOfDir, totalBytes } from '../../../src/offline/precacheManifest.ts';
import { writeServiceWorker } from '../../../src/offline/integration.ts';
import { buildAstro } from '../../astroEnv.ts';
import { DIST, launch, open, wakeFigures } from '../lib/browser.ts';
import { serveDist, type StaticServer } from '../../../scripts/lib/server.ts';

const ARTICLES = ['', 'vae/', 'gan/', 'diffusion/', 'compare/'];
const STATUS = '[data-offline-status]';

let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(() => browser?.close());

/** Records console errors of every page of `context`, whichever page logs them. */
function watchErrors(context: BrowserContext): string[] {
  const errors: string[] = [];
  const watch = (page: Page) => {
    page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
    page.on('pageerror', (e) => errors.push(String(e)));
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  return errors;
}

/** Waits until the worker controls `page` and says the whole site is cached. */
async function cachedForOffline(page: Page) {
  await page.waitForSelector(`${STATUS}[data-offline="complete"]`, { timeout: 90_000 });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

/** The cache this site's worker filled: its name, entry count and bytes. */
const cacheContents = (page: Page) =>
  page.evaluate(async (prefix) => {
    const names = (await caches.keys()).filter((n) => n.startsWith(prefix));
    let entries = 0;
    let bytes = 0;
    for (const name of names) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        entries++;
        bytes += (await (await cache.match(request))!.arrayBuffer()).byteLength;
      }
    }
    return { names, entries, bytes };
  }, CACHE_PREFIX);

describe('after one visit', () => {
  let server: StaticServer;
  beforeAll(async () => (server = await serveDist(DIST, '/')));
  afterAll(() => server?.close());

  test('every page and every figure works with the network off', { timeout: 600_000 }, async () => {
    const precache = precacheOfDir(DIST);
    const w = await open(browser, 'vae/', { base: server.url, serviceWorkers: 'allow' });
    const context = w.page.context();
    const errors = watchErrors(context);
    try {
      await cachedForOffline(w.page);
      expect(await w.page.locator(STATUS).textContent()).toContain('Available offline');
      const cached = await cacheContents(w.page);
      expect(cached.names).toEqual([`${CACHE_PREFIX}${precache.version}`]);
      expect(cached.entries).toBe(precache.shell.length + precache.heavy.length);
      expect(cached.bytes).toBe(totalBytes(precache.shell) + totalBytes(precache.heavy));
      // What the first visit cost, page and worker together (the server sends no-store,
      // so nothing came from the HTTP cache: the worst case).
      const served = server.log.reduce(
        (sum, { path, status }) =>
          sum + (status === 200 ? readFileSync(join(DIST, fileOf(path))).length : 0),
        0,
      );
      console.info(
        `precache ${precache.version}: ${cached.entries} files, ${kb(cached.bytes)}; ` +
          `the first visit downloaded ${kb(served)} in ${server.log.length} requests`,
      );

      // The network goes: the browser's own offline mode, and the server shuts down too,
      // since the browser's update check for the worker itself ignores the emulation.
      await context.setOffline(true);
      await server.close();
      const page = w.page;
      for (const path of ARTICLES) {
        await page.goto(new URL(path, server.url).toString());
        expect(await page.locator('h1').count(), `/${path}`).toBe(1);
        await page.waitForSelector(`${STATUS}[data-offline="complete"]`, { timeout: 15_000 });
      }
      // A shared link keeps its figure state in the query; the cached page serves it.
      await page.goto(new URL('vae/?seed=7', server.url).toString());
      expect(await page.locator('h1').textContent()).toBeTruthy();

      for (const id of FIGURE_IDS) {
        await page.goto(new URL(`embed/${id}/`, server.url).toString());
        const woken = await wakeFigures(page);
        expect(woken, `embed/${id}/`).toEqual([id]);
        await page.waitForSelector(`[data-figure="${id}"][data-status="ready"]`, {
          timeout: 30_000,
        });
      }
      expect(errors).toEqual([]);
      // A page that never existed gets the cached 404 page.
      const missing = await page.goto(new URL('no-such-page/', server.url).toString());
      expect(missing?.status()).toBe(404);
      expect(await page.locator('h1').textContent()).toContain('never generated');

      expect(w.foreignRequests).toEqual([]);
    } finally {
      await w.close();
    }
  });
});

describe('with Data Saver on', () => {
  let server: StaticServer;
  beforeAll(async () => (server = await serveDist(DIST, '/')));
  afterAll(() => server?.close());

  test('caches the pages at once and each model only when a figure fetches it', async () => {
    const w = await open(browser, 'about:blank', { base: server.url, serviceWorkers: 'allow' });
    const { page } = w;
    const context = page.context();
    const errors = watchErrors(context);
    try {
      await page.addInitScript(() =>
        Object.defineProperty(navigator, 'connection', { value: { saveData: true } }),
      );
      await page.goto(new URL('vae/', server.url).toString());
      await page.waitForSelector(`${STATUS}[data-offline="pages"]`, { timeout: 60_000 });
      expect(await page.locator(STATUS).textContent()).toContain('Data Saver');
      const models = () =>
        page.evaluate(async (prefix) => {
          const name = (await caches.keys()).find((n) => n.startsWith(prefix))!;
          const keys = await (await caches.open(name)).keys();
          return keys.map((r) => new URL(r.url).pathname).filter((p) => p.startsWith('/models/'));
        }, CACHE_PREFIX);
      expect(await models()).toEqual([]);

      await page.goto(new URL('embed/vae-latent-map/', server.url).toString());
      await wakeFigures(page);
      await page.waitForSelector('[data-figure="vae-latent-map"][data-status="ready"]');
      expect((await models()).sort()).toEqual([
        '/models/vae/model.json',
        '/models/vae/weights.bin',
      ]);

      await context.setOffline(true);
      await server.close();
      await page.reload();
      await wakeFigures(page);
      await page.waitForSelector('[data-figure="vae-latent-map"][data-status="ready"]');
      expect(errors).toEqual([]);
    } finally {
      await w.close();
    }
  });
});

describe('a new deploy', () => {
  const COPY = 'dist-offline-redeploy';
  let server: StaticServer;
  beforeAll(async () => {
    cpSync(DIST, COPY, { recursive: true });
    server = await serveDist(COPY, '/');
  });
  afterAll(async () => {
    await server?.close();
    rmSync(COPY, { recursive: true, force: true });
  });

  test(
    'is cached under a new version, fetching only what changed, and the old cache goes',
    { timeout: 300_000 },
    async () => {
      const w = await open(browser, 'gan/', { base: server.url, serviceWorkers: 'allow' });
      const context = w.page.context();
      try {
        await cachedForOffline(w.page);
        const before = await cacheContents(w.page);

        // Deploy a change to one page, with its new worker.
        const page = join(COPY, 'gan/index.html');
        writeFileSync(page, readFileSync(page, 'utf8').replace('</body>', '<!-- v2 --></body>'));
        const next = precacheOfDir(COPY);
        await writeServiceWorker(COPY, new URL(`file://${process.cwd()}/`), next);
        expect(`${CACHE_PREFIX}${next.version}`).not.toBe(before.names[0]);

        const served = server.log.length;
        await w.page.evaluate(async () => {
          const registration = (await navigator.serviceWorker.getRegistration())!;
          await registration.update();
          const installing = registration.installing;
          if (installing && installing.state !== 'installed') {
            await new Promise((resolve) => installing.addEventListener('statechange', resolve));
          }
        });
        // The new version waits while a tab runs the old one, so pages never mix two
        // deploys; once the reader has closed the site, the next visit gets it.
        expect(await w.page.evaluate(() => caches.keys())).toHaveLength(2);
        for (const open of context.pages()) await open.close();
        const reader = await comeBack(context, new URL('gan/', server.url).toString(), 5);
        expect(await reader.evaluate(() => caches.keys())).toEqual([
          `${CACHE_PREFIX}${next.version}`,
        ]);
        expect(await reader.content()).toContain('<!-- v2 -->');
        // Only the worker and the changed page crossed the network.
        const fetched = new Set(server.log.slice(served).map((e) => e.path));
        expect([...fetched].sort()).toEqual(['/gan/', '/sw.js']);
      } finally {
        await context.close();
      }
    },
  );
});

describe('under a sub-path (BASE_PATH=/blog/)', () => {
  const OUT = 'dist-offline-blog';
  let server: StaticServer;
  beforeAll(async () => {
    expect(await buildAstro(OUT, { BASE_PATH: '/blog/' })).toBeNull();
    server = await serveDist(OUT, '/blog/');
  }, 300_000);
  afterAll(async () => {
    await server?.close();
    rmSync(OUT, { recursive: true, force: true });
  });

  test(
    'the worker, its scope and every cached URL live under /blog/',
    { timeout: 300_000 },
    async () => {
      const w = await open(browser, 'diffusion/', { base: server.url, serviceWorkers: 'allow' });
      const context = w.page.context();
      const errors = watchErrors(context);
      try {
        await cachedForOffline(w.page);
        const registration = await w.page.evaluate(async () => {
          const r = (await navigator.serviceWorker.getRegistration())!;
          return { scope: r.scope, script: r.active!.scriptURL };
        });
        expect(registration).toEqual({ scope: server.url, script: `${server.url}sw.js` });
        const urls = await w.page.evaluate(async (prefix) => {
          const name = (await caches.keys()).find((n) => n.startsWith(prefix))!;
          return (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname);
        }, CACHE_PREFIX);
        expect(urls.filter((path) => !path.startsWith('/blog/'))).toEqual([]);
        expect(urls).toEqual(expect.arrayContaining(['/blog/', '/blog/vae/', '/blog/404.html']));

        await context.setOffline(true);
        await server.close();
        const page = w.page;
        await page.goto(new URL('gan/', server.url).toString());
        expect(await page.locator('h1').count()).toBe(1);
        await page.goto(new URL('embed/vae-latent-map/', server.url).toString());
        await wakeFigures(page);
        await page.waitForSelector('[data-figure="vae-latent-map"][data-status="ready"]');
        expect(errors).toEqual([]);
        const missing = await page.goto(new URL('no-such-page/', server.url).toString());
        expect(missing?.status()).toBe(404);
        expect(w.foreignRequests).toEqual([]);
      } finally {
        await w.close();
      }
    },
  );
});

/**
 * Opens `url` until a page is controlled by a worker other than the one that controlled the
 * site before: the browser activates a waiting worker shortly after the old one's last page
 * closes, and a page opened before that is still the old worker's.
 */
async function comeBack(context: BrowserContext, url: string, attempts: number): Promise<Page> {
  for (let i = 0; ; i++) {
    const page = await context.newPage();
    await page.goto(url);
    const waiting = await page.evaluate(
      async () => (await navigator.serviceWorker.getRegistration())?.waiting !== null,
    );
    if (!waiting || i + 1 >= attempts) return page;
    await page.close();
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

function fileOf(path: string): string {
  return path.endsWith('/') ? `${path}index.html` : path;
}

const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;
