/**
 * The cost of reading offline: one visit to the home page with the service worker allowed,
 * until its status says every page and figure is cached (the heavy part waits for an idle
 * browser). Reports how long that took, what the cache holds, and what the server sent,
 * page and worker together. The bench's server sends no-store and no compression, so the
 * bytes are the worst case; a real host compresses text and the worker reuses the HTTP cache.
 */
import type { Browser } from 'playwright-core';
import { CACHE_PREFIX } from '../../src/offline/precache.ts';
import type { StaticServer } from './server.ts';

export interface OfflineBench {
  secondsToComplete: number;
  entries: number;
  cachedBytes: number;
  requests: number;
}

export async function benchOffline(browser: Browser, server: StaticServer): Promise<OfflineBench> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    serviceWorkers: 'allow',
  });
  try {
    const page = await context.newPage();
    const logged = server.log.length;
    const t0 = Date.now();
    await page.goto(server.url);
    await page.waitForSelector('[data-offline-status][data-offline="complete"]', {
      timeout: 180_000,
    });
    const secondsToComplete = (Date.now() - t0) / 1000;
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
      secondsToComplete,
      entries: cached.entries,
      cachedBytes: cached.bytes,
      requests: server.log.length - logged,
    };
  } finally {
    await context.close();
  }
}
