/**
 * Screenshots for design review: every given page (comma-separated paths) at phone and
 * laptop widths, full page plus one image per figure, into /tmp/shots (or SHOTS_DIR).
 * Usage: npm run build && npx tsx scripts/screenshots.ts /,/vae/
 */
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { serveDist } from './lib/server.ts';
import { CHROMIUM_ARGS, ensureChromium } from './lib/chromium.ts';

const out = process.env['SHOTS_DIR'] ?? '/tmp/shots';
mkdirSync(out, { recursive: true });
const server = await serveDist(process.env['DIST_DIR'] ?? 'dist', '/');
const browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
const pages = (process.argv[2] ?? '/').split(',');
for (const width of [390, 1280]) {
  for (const path of pages) {
    const context = await browser.newContext({
      viewport: { width, height: width < 500 ? 844 : 800 },
    });
    const page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && console.log('console error:', m.text()));
    await page.goto(server.url + path.replace(/^\//, ''));
    const name = `${out}/${path.replace(/\W+/g, '_').replace(/^_|_$/g, '') || 'home'}-${width}`;
    for (const figure of await page.$$('[data-figure]')) {
      await figure.scrollIntoViewIfNeeded();
      await page.waitForTimeout(1200);
      const id = await figure.getAttribute('data-figure');
      await figure.screenshot({ path: `${name}-fig-${id}.png` });
    }
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${name}.png`, fullPage: true });
    console.log(name);
    await context.close();
  }
}
await browser.close();
await server.close();
