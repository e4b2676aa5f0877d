/**
 * Page weight as a reader pays it: the files a page requests, sized from dist/ raw and
 * gzipped. Shared by `npm run bench` and the budget tests.
 */
import { readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

export type Kind = 'html' | 'css' | 'js' | 'wasm' | 'font' | 'other';

export interface Weighed {
  path: string;
  kind: Kind;
  raw: number;
  gzip: number;
}

const KINDS: Record<string, Kind> = {
  '.html': 'html',
  '.css': 'css',
  '.js': 'js',
  '.mjs': 'js',
  '.wasm': 'wasm',
  '.woff2': 'font',
};

/** Sizes of the requested URLs that are files of `dist` under `base` (others are skipped). */
export function weigh(urls: string[], dist: string, base: string): Weighed[] {
  const seen = new Set<string>();
  const out: Weighed[] = [];
  for (const url of urls) {
    const { pathname } = new URL(url);
    if (!pathname.startsWith(base) || seen.has(pathname)) continue;
    seen.add(pathname);
    let rel = pathname.slice(base.length);
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(dist, rel));
    } catch {
      continue;
    }
    out.push({
      path: pathname,
      kind: KINDS[extname(rel)] ?? 'other',
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
    });
  }
  return out;
}

export function total(files: Weighed[], kind?: Kind) {
  const picked = kind ? files.filter((f) => f.kind === kind) : files;
  return {
    raw: picked.reduce((sum, f) => sum + f.raw, 0),
    gzip: picked.reduce((sum, f) => sum + f.gzip, 0),
  };
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
