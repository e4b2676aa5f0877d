/**
 * What the service worker (serviceWorker.ts) and the pages (register.ts) agree on: the
 * precache manifest's shape, cache names, and the messages they exchange. No DOM, no Node:
 * this module is bundled into the worker and read by the build and the tests.
 */

/** One file of the built site, as the worker caches it. */
export interface PrecacheEntry {
  /** Relative to the site's base: '' (home), 'vae/', '_astro/runtime.x.js', 'models/…'. */
  url: string;
  /** SHA-256 of the file's bytes (hex): a cached copy is reused only while it matches. */
  sha256: string;
  bytes: number;
}

export interface Precache {
  /** Changes whenever any file does, so a new deploy gets a new cache. */
  version: string;
  /** Pages, styles, scripts, fonts, images: cached when the worker installs. */
  shell: PrecacheEntry[];
  /** tfjs's scripts, the wasm binaries, the models, raster previews: cached when idle. */
  heavy: PrecacheEntry[];
}

export const CACHE_PREFIX = 'pixels-to-portraits-';
export const cacheName = (version: string) => `${CACHE_PREFIX}${version}`;

/** Another version's cache of this site (never another app's cache on the same origin). */
export const isOldCache = (name: string, current: string) =>
  name.startsWith(CACHE_PREFIX) && name !== current;

/** Stored on every cached response, so a later version can tell an unchanged file. */
export const HASH_HEADER = 'x-precache-sha256';

/** Served, with status 404, for a page that is not cached while offline. */
export const NOT_FOUND_PAGE = '404.html';

/**
 * The key a request is cached under. A page's query string holds its figures' state
 * (`?z=0.2,0.3`), which does not change the HTML, so a navigation drops it; assets keep it.
 */
export function lookupKey(url: URL, navigation: boolean): string {
  if (!navigation) return url.href;
  const bare = new URL(url.href);
  bare.search = '';
  bare.hash = '';
  return bare.href;
}

/** Page → worker: fill the precache (the heavy part only when `heavy`) and say how far it got. */
export interface PrecacheRequest {
  type: 'precache';
  heavy: boolean;
}

/**
 * Worker → page: 'complete' when every page and figure works offline; 'pages' when the
 * pages do and models are cached as figures fetch them (Data Saver); 'failed' otherwise.
 */
export interface PrecacheStatus {
  type: 'precache-status';
  state: 'complete' | 'pages' | 'failed';
  version: string;
}

export const isPrecacheRequest = (data: unknown): data is PrecacheRequest =>
  typeof data === 'object' &&
  data !== null &&
  (data as PrecacheRequest).type === 'precache' &&
  typeof (data as PrecacheRequest).heavy === 'boolean';
