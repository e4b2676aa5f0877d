/**
 * The service worker that lets the site work offline, as far as the reader wants it to. The
 * build bundles this file into dist/sw.js with its manifest (integration.ts), so its bytes
 * change with every deploy that changes a file, and the browser installs the new version.
 *
 * - A visit caches what it loads: every file of the manifest a page fetches is kept (and the
 *   files the first page loaded before the worker ran, which it sends with
 *   'offline-remember'). So pages already read and models already used work offline, and the
 *   first visit downloads nothing the page did not load itself.
 * - 'offline-keep' downloads a whole scope (a chapter, or the site) because the reader asked:
 *   into a staging cache first, moved into the live cache only once complete, so a cancelled
 *   or failed download leaves nothing half made in use. 'offline-forget' deletes it all.
 * - install: the files of the previous version's cache that did not change are copied over,
 *   not downloaded; if the reader had kept scopes, only their changed files are fetched.
 * - activate: older versions' caches are deleted. There is no skipWaiting: a new version
 *   waits until no tab runs the old one, so a page never mixes two deploys' files.
 * - fetch: cache first for files of the manifest; everything else goes to the network, and an
 *   uncached page while offline gets the 404 page.
 *
 * Every file is checked against its SHA-256 before it is cached: a host that already serves
 * a newer deploy cannot slip its files into this version's cache.
 */
import {
  HASH_HEADER,
  KEPT_KEY,
  NOT_FOUND_PAGE,
  cacheName,
  inScope,
  isOfflineRequest,
  isOldCache,
  lookupKey,
  stagingName,
  type OfflineProgress,
  type OfflineState,
  type Precache,
  type PrecacheEntry,
  type Scope,
  type ScopeSize,
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
const STAGING = stagingName(manifest.version);
/** The site's base URL, e.g. https://example.org/blog/ */
const scope = worker.registration.scope;
const absolute = (entry: PrecacheEntry) => new URL(entry.url, scope).href;
const entries = new Map(manifest.entries.map((entry) => [absolute(entry), entry]));
const keptUrl = new URL(KEPT_KEY, scope).href;
/** Downloads in flight, so a page's fetch and a 'remember' share one. */
const inFlight = new Map<string, Promise<Response | null>>();
/** The one keep in flight, if any. */
let keeping: { scope: Scope; abort: AbortController; done: Promise<OfflineState> } | null = null;

worker.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const kept = await keptIn(await previousCache());
      for (const entry of manifest.entries) await copyFromOldCache(cache, entry);
      if (!kept.length) return;
      // A reader who kept scopes keeps them: fetch what changed. If that fails, this version
      // never activates, the old one goes on serving, and the next visit retries.
      const missing = await missingOf(cache, kept);
      if (!(await fetchAll(missing, cache)))
        throw new Error('The offline copy could not be updated.');
      await writeKept(cache, kept);
    })(),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (isOldCache(name, CACHE)) await caches.delete(name);
      }
      // The first visit's page becomes controlled at once, so what it loads next is kept.
      await worker.clients.claim();
    })(),
  );
});

worker.addEventListener('message', (event) => {
  const port = event.ports[0];
  const request = event.data;
  if (!isOfflineRequest(request) || !port) return;
  event.waitUntil(
    (async () => {
      switch (request.type) {
        case 'offline-status':
          port.postMessage(await state(request.scopes));
          return;
        case 'offline-keep':
          port.postMessage(await keep(request.scope, port));
          return;
        case 'offline-cancel':
          keeping?.abort.abort();
          port.postMessage(await (keeping?.done ?? state([])));
          return;
        case 'offline-forget':
          keeping?.abort.abort();
          await keeping?.done;
          await caches.delete(CACHE);
          await caches.delete(STAGING);
          port.postMessage(await state([]));
          return;
        case 'offline-remember':
          await remember(request.urls);
          port.postMessage(await state([]));
          return;
      }
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

/** What is kept, and how big each of `scopes` is and how much of it is still missing. */
async function state(scopes: readonly Scope[], stopped?: string): Promise<OfflineState> {
  // Opening would create the cache, which a reader who just removed it should not find.
  const cache = (await caches.has(CACHE)) ? await caches.open(CACHE) : null;
  const have = new Set((await cache?.keys())?.map((r) => r.url));
  const sizes: Record<string, ScopeSize> = {};
  for (const s of scopes) {
    const size = { bytes: 0, missing: 0 };
    for (const entry of manifest.entries) {
      if (!inScope(entry, s)) continue;
      size.bytes += entry.bytes;
      if (!have.has(absolute(entry))) size.missing += entry.bytes;
    }
    sizes[s] = size;
  }
  return {
    type: 'offline-state',
    version: manifest.version,
    kept: await keptIn(cache),
    sizes,
    ...(stopped ? { stopped } : {}),
  };
}

/** Downloads all of `s` the cache lacks, reporting progress on `port`. */
async function keep(s: Scope, port: MessagePort): Promise<OfflineState> {
  if (keeping) return state([s], 'busy');
  const abort = new AbortController();
  const run = async (): Promise<OfflineState> => {
    const cache = await caches.open(CACHE);
    const missing = await missingOf(cache, [s]);
    const total = missing.reduce((n, e) => n + e.bytes, 0);
    const staging = await caches.open(STAGING);
    let done = 0;
    const progress = (): void => {
      const message: OfflineProgress = { type: 'offline-progress', scope: s, done, total };
      port.postMessage(message);
    };
    progress();
    const ok = await fetchAll(missing, staging, abort.signal, (entry) => {
      done += entry.bytes;
      progress();
    });
    if (!ok || abort.signal.aborted) {
      await caches.delete(STAGING);
      return state([s], abort.signal.aborted ? 'cancelled' : 'Some files could not be downloaded.');
    }
    for (const request of await staging.keys()) {
      await cache.put(request, (await staging.match(request))!);
    }
    await caches.delete(STAGING);
    await writeKept(cache, [...new Set([...(await keptIn(cache)), s])]);
    return state([s]);
  };
  const done = run().finally(() => (keeping = null));
  keeping = { scope: s, abort, done };
  return done;
}

/** Keeps the files a page loaded before the worker controlled it. */
async function remember(urls: readonly string[]): Promise<void> {
  const wanted = new Set<PrecacheEntry>();
  for (const url of urls) {
    let parsed: URL;
    try {
      parsed = new URL(url, scope);
    } catch {
      continue;
    }
    const entry = entries.get(lookupKey(parsed, false)) ?? entries.get(lookupKey(parsed, true));
    if (entry) wanted.add(entry);
  }
  const cache = await caches.open(CACHE);
  await Promise.all(
    [...wanted].map(async (entry) => {
      if (!(await cache.match(absolute(entry)))) await download(entry);
    }),
  );
}

/** The entries of `scopes` that `cache` lacks. */
async function missingOf(cache: Cache, scopes: readonly Scope[]): Promise<PrecacheEntry[]> {
  const have = new Set((await cache.keys()).map((r) => r.url));
  return manifest.entries.filter(
    (entry) => scopes.some((s) => inScope(entry, s)) && !have.has(absolute(entry)),
  );
}

/** Fetches `list` into `into`, three at a time; true when every file arrived. */
async function fetchAll(
  list: readonly PrecacheEntry[],
  into: Cache,
  signal?: AbortSignal,
  onFile?: (entry: PrecacheEntry) => void,
): Promise<boolean> {
  const queue = [...list];
  let ok = true;
  // A few at a time: enough to fill the pipe, few enough to leave room for the page.
  const lanes = Array.from({ length: 3 }, async () => {
    for (let entry = queue.shift(); entry && !signal?.aborted; entry = queue.shift()) {
      const response = await fetchVerified(absolute(entry), entry, into, signal);
      if (response?.headers.get(HASH_HEADER) === entry.sha256) onFile?.(entry);
      else ok = false;
    }
  });
  await Promise.all(lanes);
  return ok && !signal?.aborted;
}

/** The newest other version's cache of this site, if any. */
async function previousCache(): Promise<Cache | null> {
  const names = (await caches.keys()).filter((n) => isOldCache(n, CACHE) && n !== STAGING);
  const last = names.at(-1);
  return last ? caches.open(last) : null;
}

async function keptIn(cache: Cache | null): Promise<Scope[]> {
  const saved = await cache?.match(keptUrl);
  if (!saved) return [];
  try {
    const kept: unknown = await saved.json();
    return Array.isArray(kept) ? kept.filter((s): s is string => typeof s === 'string') : [];
  } catch {
    return [];
  }
}

const writeKept = (cache: Cache, kept: readonly Scope[]) =>
  cache.put(
    keptUrl,
    new Response(JSON.stringify(kept), { headers: { 'content-type': 'application/json' } }),
  );

async function copyFromOldCache(cache: Cache, entry: PrecacheEntry): Promise<boolean> {
  for (const name of await caches.keys()) {
    if (!isOldCache(name, CACHE) || name === STAGING) continue;
    const old = await (await caches.open(name)).match(absolute(entry));
    if (old?.headers.get(HASH_HEADER) === entry.sha256) {
      await cache.put(absolute(entry), old);
      return true;
    }
  }
  return false;
}

/**
 * Fetches an entry into the live cache if its bytes match the manifest; resolves to the
 * response either way (null when the network fails), so a reader online always gets the file.
 */
async function download(entry: PrecacheEntry): Promise<Response | null> {
  const url = absolute(entry);
  let pending = inFlight.get(url);
  if (!pending) {
    pending = caches
      .open(CACHE)
      .then((cache) => fetchVerified(url, entry, cache))
      .finally(() => inFlight.delete(url));
    inFlight.set(url, pending);
  }
  return (await pending)?.clone() ?? null;
}

async function fetchVerified(
  url: string,
  entry: PrecacheEntry,
  into: Cache,
  signal?: AbortSignal,
): Promise<Response | null> {
  try {
    // The HTTP cache first (a visit has just fetched most of its files); if what it held is
    // stale, once more from the server.
    for (const mode of ['default', 'reload'] as const) {
      const response = await fetch(url, { cache: mode, ...(signal ? { signal } : {}) });
      if (!response.ok) return response;
      const body = await response.arrayBuffer();
      // Only the type: the body is already decoded, so a Content-Encoding would be a lie.
      const headers = new Headers({ 'content-type': response.headers.get('content-type') ?? '' });
      if ((await sha256(body)) === entry.sha256) {
        headers.set(HASH_HEADER, entry.sha256);
        const verified = new Response(body, { status: 200, headers });
        await into.put(url, verified.clone());
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
