/**
 * The service worker that lets the site work offline after one visit. The build bundles
 * this file into dist/sw.js with its precache manifest (integration.ts), so its bytes change
 * with every deploy that changes a file, and the browser installs the new version.
 *
 * - install: the pages, styles, scripts and fonts go into a cache named after the version.
 *   Unchanged files are copied from the previous version's cache, not downloaded again,
 *   and so are the heavy files (tfjs scripts, wasm, models, previews) it already held.
 * - message 'precache': the page asks, once its browser is idle, for the heavy files.
 * - activate: older versions' caches are deleted. There is no skipWaiting: a new version
 *   waits until no tab runs the old one, so a page never mixes two deploys' files.
 * - fetch: cache first for files of the manifest (a heavy file missing from the cache is
 *   fetched and kept, which is how models are cached under Data Saver); everything else
 *   goes to the network, and an uncached page while offline gets the 404 page.
 *
 * Every file is checked against its SHA-256 before it is cached: a host that already
 * serves a newer deploy cannot slip its files into this version's cache.
 */
import {
  HASH_HEADER,
  NOT_FOUND_PAGE,
  cacheName,
  isOldCache,
  isPrecacheRequest,
  lookupKey,
  type Precache,
  type PrecacheEntry,
  type PrecacheStatus,
} from './precache.ts';

/** Replaced by the manifest when the build bundles this file. */
declare const __PRECACHE__: Precache;

// The project compiles against the DOM library, which lacks the worker's own events.
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}
interface ExtendableMessageEvent extends ExtendableEvent {
  readonly data: unknown;
  readonly ports: readonly MessagePort[];
}
interface WorkerScope {
  readonly registration: ServiceWorkerRegistration;
  readonly clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (e: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (e: FetchEvent) => void): void;
  addEventListener(type: 'message', listener: (e: ExtendableMessageEvent) => void): void;
}

const worker = self as unknown as WorkerScope;
const manifest = __PRECACHE__;
const CACHE = cacheName(manifest.version);
/** The site's base URL, e.g. https://example.org/blog/ */
const scope = worker.registration.scope;
const absolute = (entry: PrecacheEntry) => new URL(entry.url, scope).href;
const entries = new Map(
  [...manifest.shell, ...manifest.heavy].map((entry) => [absolute(entry), entry]),
);
/** Downloads in flight, so a figure's fetch and the idle precache share one. */
const inFlight = new Map<string, Promise<Response | null>>();

worker.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      await carryOver(manifest.heavy);
      // A version whose pages cannot all be cached never activates; the next visit retries.
      if (!(await fill(manifest.shell))) throw new Error('The site could not be cached.');
    })(),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (isOldCache(name, CACHE)) await caches.delete(name);
      }
      // The first visit's page becomes controlled at once, so it works offline without a reload.
      await worker.clients.claim();
    })(),
  );
});

worker.addEventListener('message', (event) => {
  const port = event.ports[0];
  if (!isPrecacheRequest(event.data) || !port) return;
  const { heavy } = event.data;
  event.waitUntil(
    (async () => {
      const all = (await fill(heavy ? manifest.heavy : [])) && (await cached(manifest.heavy));
      const state = all ? 'complete' : heavy ? 'failed' : 'pages';
      const status: PrecacheStatus = { type: 'precache-status', state, version: manifest.version };
      port.postMessage(status);
    })(),
  );
});

worker.addEventListener('fetch', (event) => {
  const { request } = event;
  // Other origins and paths outside the base are none of this site's business.
  if (request.method !== 'GET' || !request.url.startsWith(scope)) return;
  event.respondWith(respond(request));
});

async function respond(request: Request): Promise<Response> {
  const navigation = request.mode === 'navigate';
  const key = lookupKey(new URL(request.url), navigation);
  const cache = await caches.open(CACHE);
  const hit = await cache.match(key);
  if (hit) return hit;
  const entry = entries.get(key);
  if (entry) {
    const fetched = await download(entry);
    if (fetched) return fetched;
  }
  try {
    return await fetch(request);
  } catch (error) {
    const notFound = navigation ? await cache.match(new URL(NOT_FOUND_PAGE, scope).href) : null;
    if (!notFound) throw error;
    return new Response(notFound.body, { status: 404, headers: notFound.headers });
  }
}

/** Caches every entry not cached yet; true when all of them are. */
async function fill(list: readonly PrecacheEntry[]): Promise<boolean> {
  const cache = await caches.open(CACHE);
  const missing: PrecacheEntry[] = [];
  for (const entry of list) {
    if (!(await cache.match(absolute(entry))) && !(await copyFromOldCache(cache, entry))) {
      missing.push(entry);
    }
  }
  // A few at a time: enough to fill the pipe, few enough to leave room for the page.
  let ok = true;
  const workers = Array.from({ length: 3 }, async () => {
    for (let entry = missing.shift(); entry; entry = missing.shift()) {
      if (!(await download(entry))) ok = false;
    }
  });
  await Promise.all(workers);
  return ok;
}

/** Copies the entries an older version's cache holds unchanged; downloads nothing. */
async function carryOver(list: readonly PrecacheEntry[]): Promise<void> {
  const cache = await caches.open(CACHE);
  for (const entry of list) await copyFromOldCache(cache, entry);
}

async function copyFromOldCache(cache: Cache, entry: PrecacheEntry): Promise<boolean> {
  for (const name of await caches.keys()) {
    if (!isOldCache(name, CACHE)) continue;
    const old = await (await caches.open(name)).match(absolute(entry));
    if (old?.headers.get(HASH_HEADER) === entry.sha256) {
      await cache.put(absolute(entry), old);
      return true;
    }
  }
  return false;
}

async function cached(list: readonly PrecacheEntry[]): Promise<boolean> {
  const cache = await caches.open(CACHE);
  for (const entry of list) if (!(await cache.match(absolute(entry)))) return false;
  return true;
}

/**
 * Fetches an entry and caches it if its bytes match the manifest; resolves to the response
 * either way (null when the network fails), so a reader online always gets the file.
 */
async function download(entry: PrecacheEntry): Promise<Response | null> {
  const url = absolute(entry);
  let pending = inFlight.get(url);
  if (!pending) {
    pending = fetchVerified(url, entry).finally(() => inFlight.delete(url));
    inFlight.set(url, pending);
  }
  return (await pending)?.clone() ?? null;
}

async function fetchVerified(url: string, entry: PrecacheEntry): Promise<Response | null> {
  try {
    // The HTTP cache first (the visit itself just fetched most files); if what it held is
    // stale, once more from the server.
    for (const mode of ['default', 'reload'] as const) {
      const response = await fetch(url, { cache: mode });
      if (!response.ok) return response;
      const body = await response.arrayBuffer();
      // Only the type: the body is already decoded, so a Content-Encoding would be a lie.
      const headers = new Headers({ 'content-type': response.headers.get('content-type') ?? '' });
      if ((await sha256(body)) === entry.sha256) {
        headers.set(HASH_HEADER, entry.sha256);
        const verified = new Response(body, { status: 200, headers });
        await (await caches.open(CACHE)).put(url, verified.clone());
        return verified;
      }
      if (mode === 'reload') return new Response(body, { status: response.status, headers });
    }
    return null;
  } catch {
    return null;
  }
}

async function sha256(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
