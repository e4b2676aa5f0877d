/**
 * Page weight as a reader pays it: the files a page requests, sized from dist/ raw and
 * gzipped. A page's own `<style>` elements count as its CSS (path `…#inline-css`), the rest
 * of the document as its HTML. Shared by `npm run bench` and the budget tests.
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
    const kind = KINDS[extname(rel)] ?? 'other';
    if (kind !== 'html') {
      out.push(sized(pathname, kind, bytes));
      continue;
    }
    const text = bytes.toString('utf8');
    const styles = [...text.matchAll(STYLE)].map((m) => m[0]).join('');
    out.push(sized(pathname, 'html', Buffer.from(text.replace(STYLE, ''))));
    if (styles) out.push(sized(`${pathname}#inline-css`, 'css', Buffer.from(styles)));
  }
  return out;
}

const STYLE = /<style\b[^>]*>[\s\S]*?<\/style>/g;

const sized = (path: string, kind: Kind, bytes: Buffer): Weighed => ({
  path,
  kind,
  raw: bytes.length,
  gzip: gzipSync(bytes, { level: 9 }).length,
});

export function total(files: Weighed[], kind?: Kind) {
  const picked = kind ? files.filter((f) => f.kind === kind) : files;
  return {
    raw: picked.reduce((sum, f) => sum + f.raw, 0),
    gzip: picked.reduce((sum, f) => sum + f.gzip, 0),
  };
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
