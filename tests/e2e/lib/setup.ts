/** Global set-up for the end-to-end tests: a Chromium to drive and a server for dist/. */
import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { ensureChromium } from '../../../scripts/lib/chromium.ts';
import { serveDist } from '../../../scripts/lib/server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    siteUrl: string;
    chromium: string;
  }
}

export default async function setup(project: TestProject) {
  // DIST_DIR lets parallel work test its own build (`astro build --outDir …`); default dist/.
  const dist = process.env['DIST_DIR'] ?? 'dist';
  if (!existsSync(`${dist}/index.html`)) {
    throw new Error(`${dist}/ is missing: run \`npm run build\` before the end-to-end tests.`);
  }
  const server = await serveDist(dist, '/');
  project.provide('siteUrl', server.url);
  project.provide('chromium', ensureChromium());
  return () => server.close();
}
