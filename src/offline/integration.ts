/**
 * Writes dist/sw.js after the build: the service worker (serviceWorker.ts) bundled with the
 * manifest of every file the build wrote. It runs on `astro:build:done` because only then are
 * the pages on disk. Dev has no worker: it serves one that retires any a preview left.
 *
 * Hand-written rather than Workbox (@vite-pwa/astro 1.2 or workbox-build 7.4): Workbox's
 * precache downloads its whole manifest when the worker installs, which is exactly what a
 * first visit must not do here; offline is the reader's choice, per chapter or for the site,
 * with progress, cancel and undo, and a cancelled download must leave nothing half made in
 * use. Those parts would be ours either way, and workbox-build adds 323 packages (78 MB:
 * Babel, Rollup, terser; measured with npm install) to write what this folder writes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { build } from 'esbuild';
import { CACHE_PREFIX, type Precache } from './precache.ts';
import { chapterIds, precacheOfDir, totalBytes } from './precacheManifest.ts';

export const SERVICE_WORKER = 'sw.js';

export function offline(): AstroIntegration {
  let root: URL;
  let base = '/';
  return {
    name: 'pixels-to-portraits:offline',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = config.root;
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
      },
      'astro:server:setup': ({ server }) => {
        server.middlewares.use((request, response, next) => {
          if (request.url?.split('?')[0] !== `${base}${SERVICE_WORKER}`) return next();
          response.setHeader('content-type', 'text/javascript; charset=utf-8');
          response.end(RETIRING_WORKER);
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        const precache = precacheOfDir(out, chapterIds(fileURLToPath(root)));
        await writeServiceWorker(out, root, precache);
        const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;
        const chapters = precache.chapters.map(
          (c) =>
            `${c} ${kb(totalBytes(precache.entries.filter((e) => e.chapters?.some((h) => h === '*' || h === c))))}`,
        );
        logger.info(
          `${SERVICE_WORKER} ${precache.version}: ${precache.entries.length} files ` +
            `(${kb(totalBytes(precache.entries))}) a reader can keep offline; chapters: ${chapters.join(', ')}`,
        );
      },
    },
  };
}

/**
 * What dev serves as the worker: `astro preview` may have left the production worker on
 * the same origin, and it would keep serving the built pages over the ones being edited.
 * The browser's next update check installs this instead, which deletes the site's caches,
 * unregisters itself and reloads its pages from the dev server.
 */
const RETIRING_WORKER = `self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil((async () => {
  for (const name of await caches.keys()) {
    if (name.startsWith(${JSON.stringify(CACHE_PREFIX)})) await caches.delete(name);
  }
  await self.registration.unregister();
  for (const client of await self.clients.matchAll({ type: 'window' })) client.navigate(client.url);
})()));
`;

/** Bundles the worker with `precache` into `out`/sw.js. */
export async function writeServiceWorker(out: string, root: URL, precache: Precache) {
  const bundled = await build({
    entryPoints: [fileURLToPath(new URL('src/offline/serviceWorker.ts', root))],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2022',
    minify: true,
    define: { __PRECACHE__: JSON.stringify(precache) },
  });
  writeFileSync(join(out, SERVICE_WORKER), bundled.outputFiles[0]!.contents);
}
