/**
 * A static server for the built site that behaves like a host where the site lives under
 * a sub-path: anything outside `base` is a 404, and every request is logged so tests can
 * assert that nothing was missing. Like every static host it gzips text to browsers that
 * accept it (HTML, CSS, JavaScript, JSON, SVG), so what Lighthouse times is what readers get.
 */
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.json': 'application/json',
  '.bin': 'application/octet-stream',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
};

/** The types hosts compress; binaries (weights, wasm, images, fonts) go as they are. */
const COMPRESSED = /^(text\/|application\/json|application\/xml|image\/svg)/;

export interface StaticServer {
  origin: string;
  /** `origin` + base, e.g. http://127.0.0.1:4321/blog/ */
  url: string;
  log: { path: string; status: number }[];
  close(): Promise<void>;
}

export interface ServeOptions {
  /** Milliseconds to hold a response for `path` before sending it (a slow network, for tests). */
  delayMs?: (path: string) => number;
}

export async function serveDist(
  root: string,
  base = '/',
  options: ServeOptions = {},
): Promise<StaticServer> {
  const log: StaticServer['log'] = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const delay = options.delayMs?.(path) ?? 0;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    const send = (status: number, body: Buffer | string, type = 'text/plain; charset=utf-8') => {
      log.push({ path, status });
      const gzip = COMPRESSED.test(type) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
      res.writeHead(status, {
        'content-type': type,
        'cache-control': 'no-store',
        vary: 'accept-encoding',
        ...(gzip ? { 'content-encoding': 'gzip' } : {}),
      });
      res.end(gzip ? gzipSync(body) : body);
    };
    if (!path.startsWith(base)) return send(404, 'Not under the base path');
    let file = normalize(join(root, path.slice(base.length)));
    if (!file.startsWith(normalize(root))) return send(403, 'Forbidden');
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      return send(200, await readFile(file), TYPES[extname(file)] ?? 'application/octet-stream');
    } catch {
      const notFound = await readFile(join(root, '404.html')).catch(() => 'Not found');
      return send(404, notFound, TYPES['.html']);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: origin + base,
    log,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
