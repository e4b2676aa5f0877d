import { describe, expect, test } from 'vitest';
import {
  SITE,
  cacheName,
  inScope,
  isOfflineRequest,
  isOldCache,
  lookupKey,
  stagingName,
} from '../../../src/offline/precache.ts';
import {
  chapterIds,
  chapterOfPage,
  isSkipped,
  modelsOfPage,
  precacheOf,
  totalBytes,
  urlOf,
} from '../../../src/offline/precacheManifest.ts';

const DIST: Record<string, string> = {
  'index.html': '<h1>home</h1>',
  'vae/index.html': '<h1>vae</h1>',
  'gan/index.html': '<template data-offline-models="gan probe"></template><h1>gan</h1>',
  'lessons/index.html': '<h1>lessons</h1>',
  'lessons/vae/one/index.html': '<template data-offline-models="vae"></template>',
  'figures/index.html': '<h1>figures</h1>',
  'models/gan/weights.bin': 'gan',
  'models/probe/weights.bin': 'probe',
  'models/metrics.json': '{}',
  'embed/timeline/index.html': '<h1>timeline</h1>',
  '404.html': '<h1>404</h1>',
  '_astro/index.abc.css': 'body{}',
  '_astro/LatentMap.abc.js': 'export{}',
  '_astro/runtime.abc.js': 'tfjs',
  '_astro/fraunces-latin.abc.woff2': 'font',
  '_astro/tfjs-backend-wasm.abc.wasm': 'wasm',
  '_astro/tfjs-backend-wasm-simd.abc.wasm': 'simd',
  '_astro/tfjs-backend-wasm-threaded-simd.abc.wasm': 'threads',
  'models/vae/model.json': '{}',
  'models/vae/weights.bin': 'weights',
  'models/README.md': '# models',
  'previews/timeline.jpg': 'jpeg',
  'favicon.svg': '<svg/>',
  'robots.txt': 'User-agent: *',
  'sw.js': 'worker',
};
const read = (file: string) => Buffer.from(DIST[file]!);
const CHAPTERS = ['gan', 'vae'];

describe('urlOf', () => {
  test('maps a directory page to its URL with a trailing slash', () => {
    expect(urlOf('index.html')).toBe('');
    expect(urlOf('vae/index.html')).toBe('vae/');
    expect(urlOf('embed/timeline/index.html')).toBe('embed/timeline/');
  });
  test('keeps every other file as it is', () => {
    expect(urlOf('404.html')).toBe('404.html');
    expect(urlOf('models/vae/model.json')).toBe('models/vae/model.json');
  });
});

describe('isSkipped', () => {
  test('skips the worker, the threaded wasm binary and files no page reads', () => {
    expect(isSkipped('sw.js')).toBe(true);
    expect(isSkipped('_astro/tfjs-backend-wasm-threaded-simd.abc.wasm')).toBe(true);
    expect(isSkipped('models/README.md')).toBe(true);
    expect(isSkipped('robots.txt')).toBe(true);
    expect(isSkipped('chunks/server.abc.mjs')).toBe(true);
  });
  test('keeps pages, scripts, styles, fonts, the used wasm binaries and models', () => {
    for (const file of [
      '404.html',
      '_astro/LatentMap.abc.js',
      '_astro/index.abc.css',
      '_astro/fraunces-latin.abc.woff2',
      '_astro/tfjs-backend-wasm-simd.abc.wasm',
      'models/vae/weights.bin',
      'favicon.svg',
    ]) {
      expect(isSkipped(file), file).toBe(false);
    }
  });
});

describe('chapterOfPage and modelsOfPage', () => {
  test('a page belongs to its chapter, a lesson page to its lesson’s', () => {
    expect(chapterOfPage('vae/', CHAPTERS)).toBe('vae');
    expect(chapterOfPage('lessons/vae/one/', CHAPTERS)).toBe('vae');
    expect(chapterOfPage('lessons/', CHAPTERS)).toBeNull();
    expect(chapterOfPage('embed/timeline/', CHAPTERS)).toBeNull();
    expect(chapterOfPage('', CHAPTERS)).toBeNull();
  });
  test('reads the models a page’s figures declare, each once', () => {
    expect(
      modelsOfPage(
        '<template data-offline-models="gan probe"></template><template data-offline-models="probe vae"></template>',
      ),
    ).toEqual(['gan', 'probe', 'vae']);
    expect(modelsOfPage('<h1>no figures</h1>')).toEqual([]);
  });
  test('the chapters are the articles in content/', () => {
    expect(chapterIds()).toEqual(['compare', 'diffusion', 'gan', 'vae']);
  });
});

describe('precacheOf', () => {
  const precache = precacheOf(Object.keys(DIST), read, CHAPTERS);
  const urls = (scope: string) =>
    precache.entries.filter((e) => inScope(e, scope)).map((e) => e.url);

  test('lists every file a page may load by its URL, and skips what is never fetched', () => {
    expect(precache.entries.map((e) => e.url)).toEqual([
      '404.html',
      '_astro/LatentMap.abc.js',
      '_astro/fraunces-latin.abc.woff2',
      '_astro/index.abc.css',
      '_astro/runtime.abc.js',
      '_astro/tfjs-backend-wasm-simd.abc.wasm',
      '_astro/tfjs-backend-wasm.abc.wasm',
      'embed/timeline/',
      'favicon.svg',
      'figures/',
      'gan/',
      '',
      'lessons/',
      'lessons/vae/one/',
      'models/gan/weights.bin',
      'models/metrics.json',
      'models/probe/weights.bin',
      'models/vae/model.json',
      'models/vae/weights.bin',
      'previews/timeline.jpg',
      'vae/',
    ]);
    expect(precache.chapters).toEqual(CHAPTERS);
  });

  test('a chapter holds its pages and lessons, the shared files and its figures’ models', () => {
    expect(urls('vae')).toEqual([
      '404.html',
      '_astro/LatentMap.abc.js',
      '_astro/fraunces-latin.abc.woff2',
      '_astro/index.abc.css',
      '_astro/runtime.abc.js',
      '_astro/tfjs-backend-wasm-simd.abc.wasm',
      '_astro/tfjs-backend-wasm.abc.wasm',
      'favicon.svg',
      '',
      'lessons/',
      'lessons/vae/one/',
      'models/metrics.json',
      'models/vae/model.json',
      'models/vae/weights.bin',
      'vae/',
    ]);
    expect(urls('gan')).toContain('models/probe/weights.bin');
    expect(urls('gan')).not.toContain('models/vae/weights.bin');
    expect(urls('gan')).not.toContain('vae/');
  });

  test('the whole site holds everything, embeds and previews too', () => {
    expect(urls(SITE)).toEqual(precache.entries.map((e) => e.url));
    expect(urls('vae')).not.toContain('embed/timeline/');
    expect(urls('vae')).not.toContain('previews/timeline.jpg');
  });

  test('records each file’s size and SHA-256', () => {
    expect(precache.entries.find((e) => e.url === 'vae/')).toEqual({
      url: 'vae/',
      bytes: 12,
      // echo -n '<h1>vae</h1>' | sha256sum
      sha256: '8e330e84999bc21c6b12ce1dadcc12be86681ad4e9d14d8c1f9560085c014d93',
      chapters: ['vae'],
    });
    expect(totalBytes(precache.entries.filter((e) => e.url.startsWith('models/vae/')))).toBe(2 + 7);
  });

  test('has a version that changes with any file', () => {
    expect(precache.version).toMatch(/^[0-9a-f]{12}$/);
    expect(precacheOf(Object.keys(DIST), read, CHAPTERS).version).toBe(precache.version);
    const edited = (file: string) =>
      Buffer.from(file === 'models/vae/weights.bin' ? 'new' : DIST[file]!);
    expect(precacheOf(Object.keys(DIST), edited, CHAPTERS).version).not.toBe(precache.version);
  });
});

describe('the worker’s rules', () => {
  test('a navigation is looked up without its query (figure state), an asset with it', () => {
    const url = new URL('https://example.org/blog/vae/?z=0.2,0.3#latent');
    expect(lookupKey(url, true)).toBe('https://example.org/blog/vae/');
    const asset = new URL('https://example.org/blog/models/vae/model.json?v=2');
    expect(lookupKey(asset, false)).toBe(asset.href);
  });

  test('only other versions of this site’s cache are old', () => {
    const current = cacheName('abc');
    expect(isOldCache(cacheName('def'), current)).toBe(true);
    expect(isOldCache(stagingName('abc'), current)).toBe(true);
    expect(isOldCache(current, current)).toBe(false);
    expect(isOldCache('another-app', current)).toBe(false);
  });

  test('a request to the worker is one of the offline messages', () => {
    expect(isOfflineRequest({ type: 'offline-keep', scope: 'vae' })).toBe(true);
    expect(isOfflineRequest({ type: 'offline-status', scopes: ['site'] })).toBe(true);
    expect(isOfflineRequest({ type: 'precache', heavy: true })).toBe(false);
    expect(isOfflineRequest('offline-keep')).toBe(false);
    expect(isOfflineRequest(null)).toBe(false);
  });
});
