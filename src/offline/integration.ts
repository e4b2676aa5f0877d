/**
 * Writes dist/sw.js after the build: the service worker (serviceWorker.ts) bundled with the
 * manifest of every file the build wrote. It runs on `astro:build:done` because only then are
 * the pages on disk. Dev has no worker: it serves one that retires any a preview left.
 *
 * Hand-written rather than @vite-pwa/astro 1.2: its peers fit (astro ^5, vite 6), but
 * workbox precaches everything at install, so it can neither wait for an idle browser nor
 * leave the models out under Data Saver, and workbox-build brings Babel, Rollup and terser
 * to produce what this folder does in three small files.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, ViteUserConfig } from 'astro';
import { build } from 'esbuild';
import { CACHE_PREFIX, type Precache } from './precache.ts';
import { precacheOfDir, totalBytes } from './precacheManifest.ts';

export const SERVICE_WORKER = 'sw.js';

type VitePlugin = NonNullable<ViteUserConfig['plugins']>[number];

export function offline(): AstroIntegration {
  let root: URL;
  let base = '/';
  const tfjsChunks = new Set<string>();
  return {
    name: 'pixels-to-portraits:offline',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({ vite: { plugins: [recordTfjsChunks(tfjsChunks)] } });
      },
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
        const precache = precacheOfDir(out, tfjsChunks);
        await writeServiceWorker(out, root, precache);
        const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;
        logger.info(
          `${SERVICE_WORKER} ${precache.version}: precaches ${precache.shell.length} files ` +
            `(${kb(totalBytes(precache.shell))}) on install and ${precache.heavy.length} ` +
            `files for the live figures and previews (${kb(totalBytes(precache.heavy))}) when idle`,
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

/** Notes the client scripts that hold tfjs code: they go with the models, not the pages. */
function recordTfjsChunks(into: Set<string>): VitePlugin {
  return {
    name: 'pixels-to-portraits:tfjs-chunks',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const output of Object.values(bundle)) {
        if (
          output.type === 'chunk' &&
          output.moduleIds.some((id) => id.includes('/node_modules/@tensorflow/'))
        ) {
          into.add(output.fileName);
        }
      }
    },
  };
}
