/**
 * What the service worker (serviceWorker.ts) and the pages (register.ts) agree on: the
 * manifest's shape, cache names, offline scopes and the messages they exchange. No DOM, no
 * Node: this module is bundled into the worker and read by the build and the tests.
 */

/** One file of the built site, as the worker caches it. */
export interface PrecacheEntry {
  /** Relative to the site's base: '' (home), 'vae/', '_astro/runtime.x.js', 'models/…'. */
  url: string;
  /** SHA-256 of the file's bytes (hex): a cached copy is reused only while it matches. */
  sha256: string;
  bytes: number;
  /**
   * The chapters whose offline copy holds this file ('*': every chapter's, e.g. scripts and
   * the home page); absent, only the whole site's (embeds, the figure index, its previews).
   */
  chapters?: string[];
}

export interface Precache {
  /** Changes whenever any file does, so a new deploy gets a new cache. */
  version: string;
  /** Every file a page may load. Nothing is downloaded for its own sake until a reader asks. */
  entries: PrecacheEntry[];
  /** The chapters a reader can keep on their own (their ids: 'vae', 'gan', …). */
  chapters: string[];
}

/** What a reader can keep for offline: the whole site or one chapter (its id). */
export type Scope = 'site' | (string & {});
export const SITE: Scope = 'site';

export const inScope = (entry: PrecacheEntry, scope: Scope): boolean =>
  scope === SITE ||
  entry.chapters?.includes('*') === true ||
  entry.chapters?.includes(scope) === true;

export const CACHE_PREFIX = 'pixels-to-portraits-';
export const cacheName = (version: string) => `${CACHE_PREFIX}${version}`;
/** Where a download the reader asked for collects until it is complete (then it moves over). */
export const stagingName = (version: string) => `${CACHE_PREFIX}staging-${version}`;

/** Another version's cache of this site (never another app's cache on the same origin). */
export const isOldCache = (name: string, current: string) =>
  name.startsWith(CACHE_PREFIX) && name !== current;

/** Stored on every cached response, so a later version can tell an unchanged file. */
export const HASH_HEADER = 'x-precache-sha256';

/** Served, with status 404, for a page that is not cached while offline. */
export const NOT_FOUND_PAGE = '404.html';

/**
 * Where the cache remembers which scopes the reader chose to keep (never a file of the site),
 * so a new deploy keeps them up to date and the pages can say so.
 */
export const KEPT_KEY = '__offline-kept.json';

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

/** Page → worker. Each is sent with a MessagePort, which gets the replies. */
export type OfflineRequest =
  /** How much each scope would fetch, and what is kept. Replies with an OfflineState. */
  | { type: 'offline-status'; scopes: Scope[] }
  /** Fetch everything `scope` needs: OfflineProgress as it goes, then an OfflineState. */
  | { type: 'offline-keep'; scope: Scope }
  /** Stop a keep in flight; what it had fetched is thrown away. */
  | { type: 'offline-cancel' }
  /** Undo: delete the offline copy, kept scopes and visited pages alike. */
  | { type: 'offline-forget' }
  /** The files the page loaded before the worker controlled it, to keep like any visit's. */
  | { type: 'offline-remember'; urls: string[] };

export interface ScopeSize {
  /** Bytes of every file the scope holds. */
  bytes: number;
  /** Bytes still to fetch to have all of it. */
  missing: number;
}

export interface OfflineState {
  type: 'offline-state';
  version: string;
  /** The scopes the reader chose to keep and that are complete. */
  kept: Scope[];
  sizes: Record<string, ScopeSize>;
  /** Set when a keep ended without completing: 'cancelled', or why it failed. */
  stopped?: string;
}

export interface OfflineProgress {
  type: 'offline-progress';
  scope: Scope;
  done: number;
  total: number;
}

const TYPES = new Set([
  'offline-status',
  'offline-keep',
  'offline-cancel',
  'offline-forget',
  'offline-remember',
]);

export const isOfflineRequest = (data: unknown): data is OfflineRequest =>
  typeof data === 'object' && data !== null && TYPES.has((data as { type?: string }).type ?? '');
