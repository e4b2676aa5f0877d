/**
 * The cost of offline reading. First, one visit to a chapter with the service worker allowed
 * and nothing chosen: what crossed the network beyond the page's own files (the budget is
 * nothing but the worker script). Then "Keep the whole site": how long until it is kept, what
 * the cache holds and what the server sent. The bench's server sends no-store, so the worker
 * cannot reuse the HTTP cache: the worst case.
 */
import type { Browser } from 'playwright-core';
import { CACHE_PREFIX } from '../../src/offline/precache.ts';
import type { StaticServer } from './server.ts';

export interface OfflineBench {
  /** Files the first visit's page requested itself, and their bytes as served. */
  pageFiles: number;
  /** What the first visit fetched that the page did not load (the worker script aside). */
  extraFiles: string[];
  secondsToKeepSite: number;
  entries: number;
  cachedBytes: number;
  keepRequests: number;
}

export async function benchOffline(
  browser: Browser,
  server: StaticServer,
  path = 'vae/',
): Promise<OfflineBench> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    serviceWorkers: 'allow',
  });
  try {
    const page = await context.newPage();
    const own = new Set<string>();
    page.on('request', (r) => own.add(new URL(r.url()).pathname));
    const logged = server.log.length;
    await page.goto(server.url + path);
    await page.waitForSelector('[data-offline-panel]:not([hidden])', { timeout: 60_000 });
    const firstVisit = new Set(server.log.slice(logged).map((e) => e.path));
    const extraFiles = [...firstVisit].filter((p) => !own.has(p) && !p.endsWith('/sw.js'));

    const before = server.log.length;
    const t0 = Date.now();
    await page.locator('[data-offline-keep="site"]').click();
    await page.waitForSelector('[data-offline-panel][data-offline-kept="site"]', {
      timeout: 300_000,
    });
    const secondsToKeepSite = (Date.now() - t0) / 1000;
    const cached = await page.evaluate(async (prefix) => {
      let entries = 0;
      let bytes = 0;
      for (const name of (await caches.keys()).filter((n) => n.startsWith(prefix))) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) {
          entries++;
          bytes += (await (await cache.match(request))!.arrayBuffer()).byteLength;
        }
      }
      return { entries, bytes };
    }, CACHE_PREFIX);
    return {
      pageFiles: own.size,
      extraFiles,
      secondsToKeepSite,
      entries: cached.entries,
      cachedBytes: cached.bytes,
      keepRequests: server.log.length - before,
    };
  } finally {
    await context.close();
  }
}
