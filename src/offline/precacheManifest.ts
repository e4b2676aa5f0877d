/**
 * The offline manifest, computed at build time from the files in dist/: every page the build
 * wrote (articles, lessons, embeds, the 404 page and any page added later) with its styles,
 * scripts, fonts, wasm binaries, models and pictures, each with a content hash and the
 * chapters whose offline copy holds it.
 *
 * A chapter's copy is its page and its lessons, the home and 404 pages, every script, style
 * and font (they are shared and small beside the models), and the models its figures use:
 * each figure declares them in its figure.ts, and src/figures/Figure.astro writes them into
 * the page as `data-offline-models`, which is where this reads them.
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
    pattern: /tfjs-backend-wasm-threaded-simd[.-][\w-]+\.wasm$/,
    why: 'threads are off (src/models/runtime.ts), so this binary is never fetched',
  },
];

/** Pages every chapter's copy holds: where an offline reader starts, and the 404 page. */
const EVERY_CHAPTER_PAGES = new Set(['', '404.html', 'lessons/']);

/** The URL a file is requested under: `vae/index.html` is the page `vae/`. */
export function urlOf(file: string): string {
  return file === 'index.html' ? '' : file.replace(/\/index\.html$/, '/');
}

export function isSkipped(file: string): boolean {
  return !WEB_FILES.test(file) || SKIPPED.some(({ pattern }) => pattern.test(file));
}

/** The models a page's figures declare (`data-offline-models="vae probe"`). */
export function modelsOfPage(html: string): string[] {
  const out = new Set<string>();
  for (const [, list] of html.matchAll(/data-offline-models="([^"]*)"/g)) {
    for (const id of (list ?? '').split(/\s+/)) if (id) out.add(id);
  }
  return [...out].sort();
}

/** The chapter a page belongs to: its own (`vae/`) or its lesson's (`lessons/vae/…`). */
export function chapterOfPage(url: string, chapters: readonly string[]): string | null {
  const [first, second] = url.split('/');
  if (first && chapters.includes(first)) return first;
  if (first === 'lessons' && second && chapters.includes(second)) return second;
  return null;
}

/**
 * The manifest of `files` (paths relative to dist/, '/'-separated) read with `read`, for
 * the chapters `chapters` (the articles' ids).
 */
export function precacheOf(
  files: readonly string[],
  read: (file: string) => Buffer,
  chapters: readonly string[],
): Precache {
  const kept = [...files].sort().filter((f) => !isSkipped(f));
  const bytesOf = new Map(kept.map((f) => [f, read(f)]));
  // Which chapters use each model: the models their pages' figures declare.
  const modelChapters = new Map<string, Set<string>>();
  for (const file of kept) {
    if (!file.endsWith('.html')) continue;
    const chapter = chapterOfPage(urlOf(file), chapters);
    if (!chapter) continue;
    for (const id of modelsOfPage(bytesOf.get(file)!.toString('utf8'))) {
      if (!modelChapters.has(id)) modelChapters.set(id, new Set());
      modelChapters.get(id)!.add(chapter);
    }
  }
  const entries = kept.map((file): PrecacheEntry => {
    const bytes = bytesOf.get(file)!;
    const url = urlOf(file);
    const entry: PrecacheEntry = {
      url,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      bytes: bytes.length,
    };
    const holders = chaptersOf(file, url, chapters, modelChapters);
    if (holders.length) entry.chapters = holders;
    return entry;
  });
  const version = createHash('sha256').update(JSON.stringify(entries)).digest('hex').slice(0, 12);
  return { version, entries, chapters: [...chapters] };
}

function chaptersOf(
  file: string,
  url: string,
  chapters: readonly string[],
  modelChapters: ReadonlyMap<string, ReadonlySet<string>>,
): string[] {
  if (file.endsWith('.html')) {
    if (EVERY_CHAPTER_PAGES.has(url)) return ['*'];
    const chapter = chapterOfPage(url, chapters);
    return chapter ? [chapter] : [];
  }
  const model = /^models\/([^/]+)\//.exec(file)?.[1];
  if (model) return [...(modelChapters.get(model) ?? [])].sort();
  // The figure index's pictures; everything else (scripts, styles, fonts, wasm, the
  // measured numbers in models/metrics.json) any chapter may need.
  if (file.startsWith('previews/')) return [];
  return ['*'];
}

/** Every file under `dir`, relative to it, with '/' separators. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'));
}

/** The chapters' ids: the articles in content/articles/ (of the project at `root`). */
export function chapterIds(root = '.'): string[] {
  return readdirSync(join(root, 'content', 'articles'))
    .filter((f) => f.endsWith('.mdx'))
    .map((f) => f.slice(0, -'.mdx'.length))
    .sort();
}

export function precacheOfDir(dir: string, chapters: readonly string[] = chapterIds()): Precache {
  return precacheOf(filesUnder(dir), (file) => readFileSync(join(dir, file)), chapters);
}

export const totalBytes = (entries: readonly PrecacheEntry[]) =>
  entries.reduce((sum, e) => sum + e.bytes, 0);
