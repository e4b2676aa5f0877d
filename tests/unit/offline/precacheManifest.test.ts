import { describe, expect, test } from 'vitest';
import {
  cacheName,
  isOldCache,
  isPrecacheRequest,
  lookupKey,
} from '../../../src/offline/precache.ts';
import {
  isHeavy,
  isSkipped,
  precacheOf,
  totalBytes,
  urlOf,
} from '../../../src/offline/precacheManifest.ts';

const DIST: Record<string, string> = {
  'index.html': '<h1>home</h1>',
  'vae/index.html': '<h1>vae</h1>',
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
const TFJS = new Set(['_astro/runtime.abc.js']);

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

describe('isHeavy', () => {
  test('puts wasm, models, pictures and tfjs chunks in the heavy part', () => {
    expect(isHeavy('_astro/tfjs-backend-wasm.abc.wasm')).toBe(true);
    expect(isHeavy('models/vae/model.json')).toBe(true);
    expect(isHeavy('previews/timeline.jpg')).toBe(true);
    expect(isHeavy('_astro/runtime.abc.js', TFJS)).toBe(true);
  });
  test('keeps pages, their scripts and styles in the shell', () => {
    expect(isHeavy('vae/index.html', TFJS)).toBe(false);
    expect(isHeavy('_astro/LatentMap.abc.js', TFJS)).toBe(false);
    expect(isHeavy('favicon.svg', TFJS)).toBe(false);
  });
});

describe('precacheOf', () => {
  const precache = precacheOf(Object.keys(DIST), read, TFJS);

  test('lists every page by its URL, in the shell', () => {
    const urls = precache.shell.map((e) => e.url);
    // In the order of the files' names: index.html sorts after favicon.svg.
    expect(urls).toEqual([
      '404.html',
      '_astro/LatentMap.abc.js',
      '_astro/fraunces-latin.abc.woff2',
      '_astro/index.abc.css',
      'embed/timeline/',
      'favicon.svg',
      '',
      'vae/',
    ]);
  });

  test('defers the figures’ machinery and skips what is never fetched', () => {
    expect(precache.heavy.map((e) => e.url)).toEqual([
      '_astro/runtime.abc.js',
      '_astro/tfjs-backend-wasm-simd.abc.wasm',
      '_astro/tfjs-backend-wasm.abc.wasm',
      'models/vae/model.json',
      'models/vae/weights.bin',
      'previews/timeline.jpg',
    ]);
  });

  test('records each file’s size and SHA-256', () => {
    expect(precache.shell.find((e) => e.url === 'vae/')).toEqual({
      url: 'vae/',
      bytes: 12,
      // echo -n '<h1>vae</h1>' | sha256sum
      sha256: '8e330e84999bc21c6b12ce1dadcc12be86681ad4e9d14d8c1f9560085c014d93',
    });
    expect(totalBytes(precache.heavy)).toBe(4 + 4 + 4 + 2 + 7 + 4);
  });

  test('has a version that changes with any file and not with the split', () => {
    expect(precache.version).toMatch(/^[0-9a-f]{12}$/);
    expect(precacheOf(Object.keys(DIST), read).version).toBe(precache.version);
    const edited = (file: string) =>
      Buffer.from(file === 'models/vae/weights.bin' ? 'new' : DIST[file]!);
    expect(precacheOf(Object.keys(DIST), edited, TFJS).version).not.toBe(precache.version);
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
    expect(isOldCache(current, current)).toBe(false);
    expect(isOldCache('another-app', current)).toBe(false);
  });

  test('a precache request names whether to fetch the heavy part', () => {
    expect(isPrecacheRequest({ type: 'precache', heavy: true })).toBe(true);
    expect(isPrecacheRequest({ type: 'precache' })).toBe(false);
    expect(isPrecacheRequest('precache')).toBe(false);
    expect(isPrecacheRequest(null)).toBe(false);
  });
});
