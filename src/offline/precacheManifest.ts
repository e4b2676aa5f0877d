/**
 * The precache manifest, computed at build time from the files in dist/: every page the
 * build wrote (articles, embeds, the 404 page and any page added later) with its styles,
 * scripts, fonts, wasm binaries and models, each with a content hash.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Precache, PrecacheEntry } from './precache.ts';

/** What pages load; anything else in dist/ (robots.txt, the models README) is never cached. */
const WEB_FILES = /\.(html|css|js|json|bin|wasm|woff2|svg|png|jpe?g|webp|avif|ico)$/;

/** Files of those types the worker still skips, each with the reason. */
const SKIPPED: readonly { pattern: RegExp; why: string }[] = [
  { pattern: /^sw\.js$/, why: 'the worker itself, which the browser keeps' },
  {
    pattern: /tfjs-backend-wasm-threaded-simd\.[\w-]+\.wasm$/,
    why: 'threads are off (src/models/runtime.ts), so this binary is never fetched',
  },
];

/**
 * Downloaded when the browser is idle, and not at all under Data Saver: the machinery of the
 * live figures (wasm binaries, models and, see `precacheOf`, tfjs's own scripts) and raster
 * pictures (the figure index's previews), none of which a page needs to be read.
 */
const HEAVY = /\.(wasm|jpe?g|png|webp|avif)$|^models\//;

/** The URL a file is requested under: `vae/index.html` is the page `vae/`. */
export function urlOf(file: string): string {
  return file === 'index.html' ? '' : file.replace(/\/index\.html$/, '/');
}

export function isSkipped(file: string): boolean {
  return !WEB_FILES.test(file) || SKIPPED.some(({ pattern }) => pattern.test(file));
}

/** True for the figures' machinery; `tfjsChunks` are the scripts that hold tfjs code. */
export function isHeavy(file: string, tfjsChunks: ReadonlySet<string> = new Set()): boolean {
  return HEAVY.test(file) || tfjsChunks.has(file);
}

/**
 * The manifest of `files` (paths relative to dist/, '/'-separated) read with `read`;
 * `tfjsChunks` (same form) go to the heavy part with the wasm binaries and models.
 */
export function precacheOf(
  files: readonly string[],
  read: (file: string) => Buffer,
  tfjsChunks: ReadonlySet<string> = new Set(),
): Precache {
  const shell: PrecacheEntry[] = [];
  const heavy: PrecacheEntry[] = [];
  for (const file of [...files].sort()) {
    if (isSkipped(file)) continue;
    const bytes = read(file);
    const entry = {
      url: urlOf(file),
      sha256: createHash('sha256').update(bytes).digest('hex'),
      bytes: bytes.length,
    };
    (isHeavy(file, tfjsChunks) ? heavy : shell).push(entry);
  }
  // From the files alone, not how they are split: the same build is the same version.
  const all = [...shell, ...heavy].sort((a, b) => (a.url < b.url ? -1 : 1));
  const version = createHash('sha256').update(JSON.stringify(all)).digest('hex').slice(0, 12);
  return { version, shell, heavy };
}

/** Every file under `dir`, relative to it, with '/' separators. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'));
}

export function precacheOfDir(dir: string, tfjsChunks?: ReadonlySet<string>): Precache {
  return precacheOf(filesUnder(dir), (file) => readFileSync(join(dir, file)), tfjsChunks);
}

export const totalBytes = (entries: readonly PrecacheEntry[]) =>
  entries.reduce((sum, e) => sum + e.bytes, 0);
