/**
 * Preview images for the embed index (/figures/): each figure's embed page, once its figure is
 * live, photographed into public/previews/<id>.jpg (640 px wide, JPEG quality 70, the top of
 * the figure only), plus previews.json with each image's size and the embed page's height at
 * 720 px, which the index's iframe snippets use.
 * Usage: npm run build && npm run previews   (DIST_DIR=… for another build, ONLY=id,id)
 */
import { mkdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { serveDist } from './lib/server.ts';
import { CHROMIUM_ARGS, ensureChromium } from './lib/chromium.ts';
import { FIGURE_FOLDERS, FIGURE_IDS, type FigureId } from '../src/figures/ids.ts';
import type { FigureMeta, PreviewRecipe } from '../src/figures/meta.ts';
import { PREVIEWS_DIR, PREVIEWS_PATH, type Preview } from '../src/site/previewsFile.ts';

/** CSS width the figure is laid out at; the image is scaled to IMAGE_WIDTH. */
const LAYOUT_WIDTH = 960;
const IMAGE_WIDTH = 640;
/** The tallest preview, as a share of its width: the top of a tall figure is enough. */
const MAX_ASPECT = 0.7;
const EMBED_WIDTH = 720;
const QUALITY = 70;

const only = process.env['ONLY']?.split(',');
const ids = FIGURE_IDS.filter((id) => !only || only.includes(id));
mkdirSync(PREVIEWS_DIR, { recursive: true });
const manifest: Record<string, Preview> = existsSync(PREVIEWS_PATH)
  ? JSON.parse(readFileSync(PREVIEWS_PATH, 'utf8'))
  : {};

const server = await serveDist(process.env['DIST_DIR'] ?? 'dist', '/');
const browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });

/** Waits until the figure has hydrated, finished loading and the page has gone quiet. */
async function settle(page: Page) {
  await page.waitForSelector('[data-figure][data-hydrated="true"]', { timeout: 60_000 });
  await page.waitForSelector('[data-figure]:not([data-status="loading"])', { timeout: 120_000 });
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(2500);
}

/** Each figure's preview recipe (figure.ts `preview`): the defaults elsewhere are what a reader sees first. */
async function recipe(id: FigureId): Promise<PreviewRecipe> {
  const mod = (await import(`../src/figures/${FIGURE_FOLDERS[id]}/figure.ts`)) as {
    default: FigureMeta;
  };
  return mod.default.preview ?? {};
}

async function prepare(page: Page, { steps = [] }: PreviewRecipe) {
  for (const step of steps) {
    if ('click' in step) await page.click(step.click);
    else if ('waitFor' in step) await page.waitForSelector(step.waitFor, { timeout: 180_000 });
    else if ('waitText' in step)
      await page.waitForFunction(
        ([selector, text]) => document.querySelector(selector)?.textContent?.includes(text),
        step.waitText,
        { timeout: 180_000 },
      );
    else await page.waitForTimeout(step.wait);
  }
}

let totalBytes = 0;
for (const id of ids) {
  const preview = await recipe(id);
  const context = await browser.newContext({
    viewport: { width: EMBED_WIDTH, height: 900 },
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && console.log(`${id}: console error:`, m.text()));
  await page.goto(`${server.url}embed/${id}/`);
  await settle(page);
  const embedHeight = await page.evaluate(() =>
    Math.ceil(document.querySelector('main')?.getBoundingClientRect().height ?? 720),
  );
  await context.close();

  const scale = IMAGE_WIDTH / (LAYOUT_WIDTH - 32);
  const shot = await browser.newContext({
    viewport: { width: LAYOUT_WIDTH, height: 1000 },
    deviceScaleFactor: scale,
    reducedMotion: 'reduce',
  });
  const shotPage = await shot.newPage();
  await shotPage.goto(`${server.url}embed/${id}/${preview.query ?? ''}`);
  await settle(shotPage);
  await prepare(shotPage, preview);
  await shotPage.waitForTimeout(500);
  const box = (await shotPage.locator('[data-figure]').boundingBox())!;
  const clip = { ...box, height: Math.min(box.height, box.width * MAX_ASPECT) };
  const path = join(PREVIEWS_DIR, `${id}.jpg`);
  await shotPage.screenshot({ path, clip, type: 'jpeg', quality: QUALITY });
  await shot.close();

  const bytes = statSync(path).size;
  totalBytes += bytes;
  manifest[id] = {
    width: Math.round(clip.width * scale),
    height: Math.round(clip.height * scale),
    embedWidth: EMBED_WIDTH,
    embedHeight: Math.ceil(embedHeight / 10) * 10,
  };
  console.log(
    `${id}: ${manifest[id].width}×${manifest[id].height}, ${(bytes / 1024).toFixed(1)} KB`,
  );
}
writeFileSync(PREVIEWS_PATH, JSON.stringify(manifest, null, 2) + '\n');
console.log(`${ids.length} previews, ${(totalBytes / 1024).toFixed(0)} KB`);
await browser.close();
await server.close();
