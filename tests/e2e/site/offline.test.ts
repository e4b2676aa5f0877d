/**
 * Offline reading is the reader's choice. A first visit fetches only the page's own files
 * (and keeps them, so that page works offline next time). "Keep the whole site" then makes
 * every page and figure work with the network off, each figure fetching only the models its
 * figure.ts declares; "Remove the offline copy" undoes it. One chapter can be kept alone, and
 * a cancelled download leaves nothing of itself in use. A new deploy moves a kept site to the
 * new version's cache fetching only what changed, and under a sub-path everything lives
 * under it.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FIGURE_IDS, FIGURES } from '../../../src/figures/registry.ts';
import { CACHE_PREFIX, KEPT_KEY, inScope } from '../../../src/offline/precache.ts';
import { precacheOfDir, totalBytes } from '../../../src/offline/precacheManifest.ts';
import { writeServiceWorker } from '../../../src/offline/integration.ts';
import { buildAstro } from '../../astroEnv.ts';
import { DIST, launch, open, wakeFigures } from '../lib/browser.ts';
import { serveDist, type StaticServer } from '../../../scripts/lib/server.ts';

const ARTICLES = ['', 'vae/', 'gan/', 'diffusion/', 'compare/'];
const PANEL = '[data-offline-panel]';
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

/** Waits until the worker controls `page` and the panel shows what is kept. */
async function panelReady(page: Page) {
  await page.waitForSelector(`${PANEL}:not([hidden])`, { timeout: 60_000 });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

/** Clicks a keep button and waits until the panel says `scope` is kept. */
async function keep(page: Page, button: 'chapter' | 'site', scope: string) {
  await page.locator(`[data-offline-keep="${button}"]`).click();
  await page.waitForSelector(`${PANEL}[data-offline="kept"][data-offline-kept="${scope}"]`, {
    timeout: 180_000,
  });
}

/** The URLs (pathnames) this site's caches hold, per cache name. */
const cacheContents = (page: Page) =>
  page.evaluate(async (prefix) => {
    const out: Record<string, string[]> = {};
    for (const name of (await caches.keys()).filter((n) => n.startsWith(prefix))) {
      const keys = await (await caches.open(name)).keys();
      out[name] = keys.map((r) => new URL(r.url).pathname).sort();
    }
    return out;
  }, CACHE_PREFIX);

describe('a first visit', () => {
  let server: StaticServer;
  beforeAll(async () => (server = await serveDist(DIST, '/')));
  afterAll(() => server?.close());

  test('fetches only the page’s own files and keeps them, then offers the rest with sizes', async () => {
    const precache = precacheOfDir(DIST);
    const w = await open(browser, 'vae/', { base: server.url, serviceWorkers: 'allow' });
    try {
      await panelReady(w.page);
      const own = new Set(w.requests.map((u) => new URL(u).pathname));
      const served = new Set(server.log.map((e) => e.path));
      // The worker itself, and nothing the page did not load.
      expect([...served].filter((p) => !own.has(p) && p !== '/sw.js')).toEqual([]);
      expect([...served].filter((p) => p.startsWith('/models/') || /\.wasm$/.test(p))).toEqual([]);

      const cached = Object.values(await cacheContents(w.page));
      expect(cached).toHaveLength(1);
      expect(cached[0]).toContain('/vae/');
      expect(cached[0]!.filter((p) => !own.has(p))).toEqual([]);

      // The offer names what each choice would download (all of it, less what is kept).
      const have = new Set(cached[0]);
      const missing = (scope: string) =>
        totalBytes(precache.entries.filter((e) => inScope(e, scope) && !have.has(`/${e.url}`)));
      const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
      await expect
        .poll(() => w.page.locator('[data-offline-keep="chapter"]').textContent())
        .toBe(`Keep this chapter (${mb(missing('vae'))})`);
      expect(await w.page.locator('[data-offline-keep="site"]').textContent()).toBe(
        `Keep the whole site (${mb(missing('site'))})`,
      );
      expect(missing('vae')).toBeLessThan(missing('site'));
      expect(await w.page.locator(PANEL).getAttribute('data-offline')).toBe('available');
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });
});

describe('a teacher’s link (?offline=chapter)', () => {
  let server: StaticServer;
  beforeAll(async () => (server = await serveDist(DIST, '/')));
  afterAll(() => server?.close());

  test('offers to keep the chapter at once, and keeps it only when the reader says so', async () => {
    const w = await open(browser, 'lessons/vae/draw-again/?offline=chapter', {
      base: server.url,
      serviceWorkers: 'allow',
    });
    const { page } = w;
    try {
      const offer = page.locator('[data-offline-offer]');
      await offer.waitFor({ state: 'visible', timeout: 60_000 });
      expect(await offer.textContent()).toMatch(/keeping this chapter .* downloads [\d.]+ MB now/);
      // Nothing was downloaded for it yet, and the reader's keyboard is on the answer.
      const own = new Set(w.requests.map((u) => new URL(u).pathname));
      expect(server.log.filter((e) => !own.has(e.path) && e.path !== '/sw.js')).toEqual([]);
      expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(
        'Keep it',
      );
      await page.keyboard.press('Enter');
      await expect.poll(() => offer.isVisible()).toBe(false);
      await page.waitForSelector(`${PANEL}[data-offline-kept="vae"]`, { timeout: 120_000 });

      // Once kept, the same link offers nothing.
      await page.goto(new URL('vae/?offline=chapter', server.url).toString());
      await panelReady(page);
      await page.waitForTimeout(500);
      expect(await offer.isVisible()).toBe(false);
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });
});

describe('keeping the whole site', () => {
  let server: StaticServer;
  beforeAll(async () => (server = await serveDist(DIST, '/')));
  afterAll(() => server?.close());

  test(
    'makes every page and figure work offline, each figure with its declared models; then it can be removed',
    { timeout: 600_000 },
    async () => {
      const precache = precacheOfDir(DIST);
      const w = await open(browser, 'vae/', { base: server.url, serviceWorkers: 'allow' });
      const context = w.page.context();
      const errors = watchErrors(context);
      try {
        await panelReady(w.page);
        await keep(w.page, 'site', 'site');
        expect(await w.page.locator(STATUS).textContent()).toContain('The whole site is kept');
        const cached = await cacheContents(w.page);
        expect(Object.keys(cached)).toEqual([`${CACHE_PREFIX}${precache.version}`]);
        expect(Object.values(cached)[0]).toEqual(
          [...precache.entries.map((e) => `/${e.url}`), `/${KEPT_KEY}`].sort(),
        );

        // The network goes: the browser's own offline mode, and the server shuts down too,
        // since the browser's update check for the worker itself ignores the emulation.
        await context.setOffline(true);
        await server.close();
        const page = w.page;
        for (const path of ARTICLES) {
          await page.goto(new URL(path, server.url).toString());
          expect(await page.locator('h1').count(), `/${path}`).toBe(1);
        }
        // A shared link keeps its figure state in the query; the cached page serves it.
        await page.goto(new URL('vae/?seed=7', server.url).toString());
        expect(await page.locator('h1').textContent()).toBeTruthy();

        const models: string[] = [];
        page.on('request', (r) => {
          const m = /\/models\/([^/]+)\//.exec(new URL(r.url()).pathname);
          if (m) models.push(m[1]!);
        });
        for (const id of FIGURE_IDS) {
          models.length = 0;
          await page.goto(new URL(`embed/${id}/`, server.url).toString());
          const woken = await wakeFigures(page);
          expect(woken, `embed/${id}/`).toEqual([id]);
          await page.waitForSelector(`[data-figure="${id}"][data-status="ready"]`, {
            timeout: 30_000,
          });
          const declared = new Set<string>(FIGURES[id].models ?? []);
          expect(
            [...new Set(models)].filter((m) => !declared.has(m)),
            `${id}'s models`,
          ).toEqual([]);
        }
        expect(errors).toEqual([]);
        // A page that never existed gets the cached 404 page.
        const missing = await page.goto(new URL('no-such-page/', server.url).toString());
        expect(missing?.status()).toBe(404);
        expect(await page.locator('h1').textContent()).toContain('never generated');

        // Undo, still offline: the copy goes, and the panel says so.
        await page.goto(new URL('gan/', server.url).toString());
        await panelReady(page);
        await page.locator('[data-offline-forget]').click();
        await expect.poll(() => page.locator(STATUS).textContent()).toContain('removed');
        expect(await cacheContents(page)).toEqual({});
        expect(await page.locator(PANEL).getAttribute('data-offline')).toBe('available');
        expect(w.foreignRequests).toEqual([]);
      } finally {
        await w.close();
      }
    },
  );
});

describe('keeping one chapter, and cancelling', () => {
  let server: StaticServer;
  // Models arrive slowly, so a download is still under way when the reader cancels it.
  beforeAll(
    async () =>
      (server = await serveDist(DIST, '/', {
        delayMs: (path) => (path.startsWith('/models/') ? 1500 : 0),
      })),
  );
  afterAll(() => server?.close());

  test('the chapter works offline alone; a cancelled download leaves nothing of it', async () => {
    const precache = precacheOfDir(DIST);
    const w = await open(browser, 'gan/', { base: server.url, serviceWorkers: 'allow' });
    const context = w.page.context();
    const errors = watchErrors(context);
    const { page } = w;
    try {
      await panelReady(page);
      await keep(page, 'chapter', 'gan');
      const gan = precache.entries.filter((e) => inScope(e, 'gan')).map((e) => `/${e.url}`);
      const [name, urls] = Object.entries(await cacheContents(page))[0]!;
      expect(urls).toEqual(expect.arrayContaining(gan));
      expect(urls).not.toContain('/vae/');
      expect(urls).not.toContain('/models/ldm/weights.bin');

      // Start the whole site, cancel once part of it has arrived.
      await page.locator('[data-offline-keep="site"]').click();
      await page.waitForFunction(
        () =>
          (document.querySelector<HTMLProgressElement>('[data-offline-panel] progress')?.value ??
            0) > 0,
        undefined,
        { timeout: 60_000 },
      );
      await page.locator('[data-offline-cancel]').click();
      await expect.poll(() => page.locator(STATUS).textContent()).toContain('cancelled');
      const after = await cacheContents(page);
      expect(Object.keys(after)).toEqual([name]);
      expect(after[name]).toEqual(urls);
      expect(await page.locator(PANEL).getAttribute('data-offline-kept')).toBe('gan');

      // Offline, the chapter and its figures still work.
      await context.setOffline(true);
      await page.goto(new URL('gan/', server.url).toString());
      const woken = await wakeFigures(page);
      for (const id of woken) {
        await page.waitForSelector(`[data-figure="${id}"][data-status="ready"]`, {
          timeout: 30_000,
        });
      }
      expect(woken.length).toBeGreaterThan(2);
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
    'moves a kept site to a new version, fetching only what changed, and the old cache goes',
    { timeout: 300_000 },
    async () => {
      const w = await open(browser, 'gan/', { base: server.url, serviceWorkers: 'allow' });
      const context = w.page.context();
      try {
        await panelReady(w.page);
        await keep(w.page, 'site', 'site');
        const before = Object.keys(await cacheContents(w.page));

        // Deploy a change to one page, with its new worker.
        const page = join(COPY, 'gan/index.html');
        writeFileSync(page, readFileSync(page, 'utf8').replace('</body>', '<!-- v2 --></body>'));
        const next = precacheOfDir(COPY);
        await writeServiceWorker(COPY, new URL(`file://${process.cwd()}/`), next);
        expect(`${CACHE_PREFIX}${next.version}`).not.toBe(before[0]);

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
        const after = await cacheContents(reader);
        expect(Object.keys(after)).toEqual([`${CACHE_PREFIX}${next.version}`]);
        expect(Object.values(after)[0]).toEqual(
          [...next.entries.map((e) => `/${e.url}`), `/${KEPT_KEY}`].sort(),
        );
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
        await panelReady(w.page);
        const registration = await w.page.evaluate(async () => {
          const r = (await navigator.serviceWorker.getRegistration())!;
          return { scope: r.scope, script: r.active!.scriptURL };
        });
        expect(registration).toEqual({ scope: server.url, script: `${server.url}sw.js` });
        await keep(w.page, 'chapter', 'diffusion');
        const urls = Object.values(await cacheContents(w.page)).flat();
        expect(urls.filter((path) => !path.startsWith('/blog/'))).toEqual([]);
        expect(urls).toEqual(
          expect.arrayContaining(['/blog/', '/blog/diffusion/', '/blog/404.html']),
        );

        await context.setOffline(true);
        await server.close();
        const page = w.page;
        await page.goto(new URL('diffusion/', server.url).toString());
        expect(await page.locator('h1').count()).toBe(1);
        // The chapter's copy holds what its own figures need (embeds are the whole site's).
        await page.locator('[data-figure="reverse-process"]').scrollIntoViewIfNeeded();
        await page.waitForSelector('[data-figure="reverse-process"][data-status="ready"]', {
          timeout: 30_000,
        });
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
