/**
 * The GAN chapter's headshot figures in `npm run bench`, used as a reader uses them on the
 * built chapter (wasm, laptop viewport): the figures' own performance measures for drawing
 * the 64-face grid with its verdicts ("gan-forger:grid", from the request to the frame that
 * shows it), the discriminator scoring 8 real faces ("gan-forger:score") and the live
 * 512-face diversity measurement ("gan-diversity:measure"), and live tensors before and
 * after repeated use of every control.
 */
import type { Browser, Page } from 'playwright-core';
import { liveTensors } from './tensors.ts';

const FORGER = '[data-figure="gan-forger"]';
const DIVERSITY = '[data-figure="gan-diversity"]';
const ROUNDS = 20;
const MEASURES = 3;

/** Live tensors in the page's GAN worker, where the chapter's model runs. */
const numTensors = (page: Page) => liveTensors(page, 'gan');

/** The durations of a performance measure so far, and clears them. */
const take = (page: Page, name: string) =>
  page.evaluate((n) => {
    const d = performance.getEntriesByName(n, 'measure').map((e) => e.duration);
    performance.clearMeasures(n);
    return d;
  }, name);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(1)} ms`);

export async function benchGanFaces(browser: Browser, siteUrl: string): Promise<string[]> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  try {
    await page.goto(`${siteUrl}gan/?backend=wasm#fig-gan-forger`);
    const forger = page.locator(FORGER);
    await forger.scrollIntoViewIfNeeded();
    await page.waitForSelector(`${FORGER}[data-status="ready"]`, { timeout: 120_000 });
    await page.waitForFunction(
      (sel) =>
        /real$/.test(document.querySelector(`${sel} [data-value="walk-score"]`)?.textContent ?? ''),
      FORGER,
    );
    const firstGrid = (await take(page, 'gan-forger:grid'))[0] ?? NaN;
    await take(page, 'gan-forger:score');

    // Wake the diversity figure and measure once, so every model it loads (the VAE's decoder,
    // the probe) is in memory before tensors are counted: weights stay for the page.
    const diversity = page.locator(DIVERSITY);
    await diversity.scrollIntoViewIfNeeded();
    await page.waitForSelector(`${DIVERSITY}[data-status="ready"]`, { timeout: 120_000 });
    const measure = diversity.getByRole('button', { name: /^Measure 512 faces/ });
    const measureOnce = async (n: number) => {
      await measure.click();
      await page.waitForFunction(
        (count) => performance.getEntriesByName('gan-diversity:measure').length === count,
        n,
        { timeout: 120_000 },
      );
    };
    await measureOnce(1);
    const firstMeasure = (await take(page, 'gan-diversity:measure'))[0] ?? NaN;
    await forger.scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    const tensorsBefore = await numTensors(page);

    const slider = forger.getByRole('slider', { name: 'From A to B' });
    const count = (name: string, n: number) =>
      page.waitForFunction(
        ([m, k]) => performance.getEntriesByName(m, 'measure').length >= k,
        [name, n] as const,
        { timeout: 60_000 },
      );
    // One control at a time, each timed alone: re-roll, then walk, then the real faces.
    for (let i = 0; i < ROUNDS; i++) {
      await forger.getByRole('button', { name: 'New faces' }).click();
      await count('gan-forger:grid', i + 1);
      await slider.fill(String((i * 37) % 101));
      await forger.getByRole('button', { name: 'Other real faces' }).click();
      await count('gan-forger:score', i + 1);
    }
    await page.waitForTimeout(500);
    const grid = await take(page, 'gan-forger:grid');
    const score = await take(page, 'gan-forger:score');

    await diversity.scrollIntoViewIfNeeded();
    for (let i = 0; i < MEASURES; i++) await measureOnce(i + 1);
    const measured = await take(page, 'gan-diversity:measure');
    await page.waitForTimeout(300);
    const tensorsAfter = await numTensors(page);
    const backend = await forger.getAttribute('data-backend');
    return [
      `  backend: ${backend}`,
      `  64-face grid generated, scored and drawn: first ${ms(firstGrid)} (cold), then median ${ms(median(grid))} over ${grid.length} re-rolls`,
      `  discriminator scoring 8 real faces: median ${ms(median(score))} over ${score.length}`,
      `  live diversity measurement (512 faces generated and read by the probe, 64 at a time): median ${ms(median(measured))} over ${measured.length} (first ${ms(firstMeasure)}, loading the probe)`,
      `  live tensors: ${tensorsBefore} before, ${tensorsAfter} (all models loaded) and after ${ROUNDS} re-rolls, walks and real-face pages and ${MEASURES} more measurements — ${tensorsBefore === tensorsAfter ? 'PASS' : 'LEAK'}`,
    ];
  } finally {
    await context.close();
  }
}
