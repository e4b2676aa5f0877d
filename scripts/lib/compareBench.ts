/**
 * The comparison page in `npm run bench`, used as a reader uses it on the built site (wasm,
 * laptop viewport): the time per face of each model's 8-face grid, then "measure it in my
 * browser" on 32 faces per model: its wall time ("compare-metrics:measure"), each model's
 * live time per face and tiny FID, the longest task the page had to sit through meanwhile
 * (the models run in the page's Web Worker), and live tensors around a re-roll.
 */
import type { Browser, Page } from 'playwright-core';
import { liveTensors } from './tensors.ts';

const SAMPLES = '[data-figure="compare-samples"]';
const METRICS = '[data-figure="compare-metrics"]';
const MODELS = ['vae', 'gan', 'ddpm', 'ldm'] as const;
const N = 32;

const numTensors = (page: Page) => liveTensors(page, 'compare');

const longTasks = (page: Page) =>
  page.evaluate(() => {
    const w = globalThis as unknown as { __long: number[] };
    const all = w.__long;
    w.__long = [];
    return all;
  });

/** The models run in a Web Worker: the page itself should never sit through a task over 50 ms. */
const verdict = (ms: number) => ` — budget 50 ms: ${ms <= 50 ? 'PASS' : 'FAIL'}`;

const cells = (page: Page, row: string) =>
  page.locator(`${METRICS} [data-row="${row}"] td`).allTextContents();

export async function benchCompare(browser: Browser, siteUrl: string): Promise<string[]> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    const w = globalThis as unknown as { __long: number[] };
    w.__long = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__long.push(Math.round(e.duration));
    }).observe({ type: 'longtask' });
  });
  const lines: string[] = [];
  try {
    await page.goto(`${siteUrl}compare/?backend=wasm&compare-metrics.n=${N}`);
    const done = (seed: number) =>
      page.waitForSelector(`${SAMPLES} [data-seed="${seed}"][data-complete="true"]`, {
        timeout: 300_000,
      });
    await page.locator(SAMPLES).scrollIntoViewIfNeeded();
    await done(1);
    for (const m of MODELS) {
      const text = await page.locator(`${SAMPLES} [data-value="${m}-ms"]`).textContent();
      lines.push(`  grid of 8, ${m}: ${text?.trim()}`);
    }
    const loading = Math.max(0, ...(await longTasks(page)));
    lines.push(`  longest task from opening the page to its first grids: ${loading} ms`);
    const before = await numTensors(page);
    await page.locator(SAMPLES).getByRole('button', { name: 'New faces' }).click();
    await done(2);
    const drawing = Math.max(0, ...(await longTasks(page)));
    lines.push(`  longest task while drawing new grids: ${drawing} ms${verdict(drawing)}`);
    const after = await numTensors(page);
    lines.push(
      `  live tensors around a re-roll: ${before} before, ${after} after — ${before === after ? 'PASS' : 'LEAK'}`,
    );

    await page.locator(METRICS).scrollIntoViewIfNeeded();
    await page.waitForSelector(`${METRICS}[data-status="ready"]`, { timeout: 120_000 });
    await longTasks(page);
    await page.locator(METRICS).getByRole('button', { name: 'Measure it in my browser' }).click();
    await page.waitForSelector(`${METRICS} [data-measured="4"]`, { timeout: 600_000 });
    const wall = await page.evaluate(
      () => performance.getEntriesByName('compare-metrics:measure').at(-1)?.duration ?? NaN,
    );
    lines.push(`  measure it in my browser, ${N} faces per model: ${(wall / 1000).toFixed(1)} s`);
    const measuring = Math.max(0, ...(await longTasks(page)));
    lines.push(`  longest task while measuring: ${measuring} ms${verdict(measuring)}`);
    const data = await cells(page, 'live-data');
    lines.push(`  real against real faces (${N}): tiny FID ${data[2]}`);
    for (const m of MODELS) {
      const [, faces, fid, sharp, cover, , ms] = await cells(page, `live-${m}`);
      const file = await cells(page, `file-${m}`);
      lines.push(
        `  ${m}: ${ms} ms/face (file ${file[6]}), tiny FID ${fid} on ${faces} (file ${file[2]}), sharpness ${sharp}, coverage ${cover}`,
      );
    }
  } finally {
    await context.close();
  }
  return lines;
}
