/**
 * The comparison page in Chromium: it prints the file's numbers before any script runs, the
 * sample grids draw and re-roll with one shared seed, "measure it in my browser" produces live
 * numbers (on 16 faces per model, to stay quick), the CSV and PNG downloads are what they
 * say, state survives a shared link, the figures stand alone as embeds, axe is clean, nothing
 * is fetched from another origin and no tensor is left behind.
 */
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launch, open } from '../../lib/browser.ts';
import { liveTensors } from '../../../../scripts/lib/tensors.ts';

const SAMPLES = '[data-figure="compare-samples"]';
const METRICS = '[data-figure="compare-metrics"]';
const file = JSON.parse(readFileSync('public/models/metrics.json', 'utf8')) as {
  models: Record<string, { fid: number }>;
};

let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(() => browser?.close());

/** Live tensors in the comparison page's Web Worker, where its models run. */
const numTensors = (page: Page) => liveTensors(page, 'compare');

async function gridsDrawn(page: Page, seed: number) {
  await page.locator(SAMPLES).scrollIntoViewIfNeeded();
  await page.waitForSelector(`${SAMPLES} [data-seed="${seed}"][data-complete="true"]`, {
    timeout: 90_000,
  });
}

/** The pixels of the first canvas of a grid, as a data URL. */
const firstFace = (page: Page, model: string) =>
  page
    .locator(`${SAMPLES} [data-model="${model}"] canvas`)
    .first()
    .evaluate((c) => (c as HTMLCanvasElement).toDataURL());

async function readDownload(download: Download): Promise<Buffer> {
  const path = await download.path();
  return readFileSync(path);
}

describe('the comparison page', { timeout: 240_000 }, () => {
  test('prints the file’s numbers in the server-rendered table, and passes axe at 360 px', async () => {
    const w = await open(browser, 'compare/', { viewport: { width: 360, height: 740 } });
    try {
      const text = await w.page.locator(`${METRICS} table`).textContent();
      expect(text).toContain(String(Math.round(file.models['vae']!.fid)));
      expect(text).toContain(String(Math.round(file.models['gan']!.fid)));
      expect(await w.page.locator('[data-claim]').count()).toBe(9);
      for (const href of await w.page
        .locator('[data-claim] a')
        .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))) {
        expect(href).toMatch(/^\/(vae|gan|diffusion)\/#fig-[a-z0-9-]+$/);
      }
      // Every link lands on a figure that exists in that chapter.
      for (const href of new Set(
        await w.page
          .locator('[data-claim] a')
          .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? '')),
      )) {
        const [chapter, anchor] = href.split('#');
        const html = await (await fetch(new URL(chapter!, w.page.url()))).text();
        expect(html, href).toContain(`id="${anchor}"`);
      }
      const axe = await new AxeBuilder({ page: w.page }).analyze();
      expect(
        axe.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => v.id),
      ).toEqual([]);
      expect(w.consoleErrors).toEqual([]);
      expect(w.cspViolations).toEqual([]);
    } finally {
      await w.close();
    }
  });

  test('draws the grids, re-rolls them with one seed, and leaves no tensor behind', async () => {
    const w = await open(browser, 'compare/?compare-samples.seed=5');
    const { page } = w;
    try {
      await gridsDrawn(page, 5);
      const before = await Promise.all(
        ['vae', 'gan', 'ddpm', 'ldm'].map((m) => firstFace(page, m)),
      );
      const baseline = await numTensors(page);
      await page.locator(SAMPLES).getByRole('button', { name: 'New faces' }).click();
      await gridsDrawn(page, 6);
      const after = await Promise.all(['vae', 'gan', 'ddpm', 'ldm'].map((m) => firstFace(page, m)));
      after.forEach((face, i) => expect(face).not.toBe(before[i]));
      await expect.poll(() => numTensors(page), { timeout: 5000 }).toBe(baseline);

      // Download PNG gives a PNG.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator(SAMPLES).getByRole('button', { name: 'Download PNG' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('same-faces-seed-6.png');
      const png = await readDownload(download);
      expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);

      const axe = await new AxeBuilder({ page }).include(SAMPLES).analyze();
      expect(axe.violations.filter((v) => v.impact !== 'minor').map((v) => v.id)).toEqual([]);
      expect(w.consoleErrors).toEqual([]);
      expect(w.foreignRequests).toEqual([]);
      expect(w.cspViolations).toEqual([]);
    } finally {
      await w.close();
    }
  });

  test('measures in the browser, shows live numbers and exports them as CSV', async () => {
    const w = await open(browser, 'compare/?compare-metrics.n=16');
    const { page } = w;
    try {
      await page.locator(METRICS).scrollIntoViewIfNeeded();
      await page.waitForSelector(`${METRICS}[data-status="ready"]`, { timeout: 60_000 });
      const measure = page
        .locator(METRICS)
        .getByRole('button', { name: 'Measure it in my browser' });
      const run = async () => {
        await measure.click();
        await page.waitForSelector(`${METRICS} [data-measured="4"]`, { timeout: 150_000 });
        await measure.waitFor({ timeout: 10_000 });
      };
      await run();
      // Every model has a live row with numbers; the data's floor is shown.
      for (const m of ['data', 'vae', 'gan', 'ddpm', 'ldm']) {
        const row = page.locator(`${METRICS} [data-row="live-${m}"]`);
        await expect(row.locator('td').nth(1).textContent()).resolves.toBe('16');
      }
      await expect(
        page.locator(`${METRICS} [data-value="live-data-fid"]`).textContent(),
      ).resolves.toMatch(/\d/);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator(METRICS).getByRole('button', { name: 'Download CSV' }).click(),
      ]);
      const csv = (await readDownload(download)).toString('utf8').trim().split('\r\n');
      expect(csv[0]).toBe(
        'source,model,samples,tiny_fid,sharpness,coverage,reconstruction_mse,ms_per_face',
      );
      expect(csv.filter((l) => l.startsWith('file,'))).toHaveLength(6);
      const browserRows = csv.filter((l) => l.startsWith('browser,'));
      expect(browserRows.map((l) => l.split(',')[1])).toEqual([
        'data',
        'vae',
        'gan',
        'ddpm',
        'ldm',
      ]);
      for (const row of browserRows.slice(1)) expect(Number(row.split(',')[7])).toBeGreaterThan(0);

      // A second measurement leaves the tensor count where the first left it.
      const baseline = await numTensors(page);
      await run();
      await expect.poll(() => numTensors(page), { timeout: 5000 }).toBe(baseline);
      expect(w.consoleErrors).toEqual([]);
      expect(w.foreignRequests).toEqual([]);
      expect(w.cspViolations).toEqual([]);
    } finally {
      await w.close();
    }
  });

  test('restores the sample size from the URL and ignores a bad one', async () => {
    const w = await open(browser, 'compare/?compare-metrics.n=32');
    try {
      await w.page.locator(METRICS).scrollIntoViewIfNeeded();
      await w.page.waitForSelector(`${METRICS}[data-hydrated="true"]`);
      await expect(w.page.locator(`${METRICS} select`).inputValue()).resolves.toBe('32');
    } finally {
      await w.close();
    }
    const bad = await open(browser, 'compare/?compare-metrics.n=7');
    try {
      await bad.page.locator(METRICS).scrollIntoViewIfNeeded();
      await bad.page.waitForSelector(`${METRICS}[data-hydrated="true"]`);
      await expect(bad.page.locator(`${METRICS} select`).inputValue()).resolves.toBe('128');
    } finally {
      await bad.close();
    }
  });

  test.each(['compare-samples', 'compare-metrics'])(
    '/embed/%s/ stands alone and passes axe',
    async (id) => {
      const w = await open(browser, `embed/${id}/`);
      try {
        const fig = `[data-figure="${id}"]`;
        await w.page.waitForSelector(`${fig}[data-hydrated="true"]`);
        await w.page.waitForSelector(`${fig}:not([data-status="loading"])`, { timeout: 90_000 });
        expect(await w.page.getAttribute(fig, 'data-status')).toBe('ready');
        const axe = await new AxeBuilder({ page: w.page }).analyze();
        expect(
          axe.violations
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map((v) => v.id),
        ).toEqual([]);
        expect(w.consoleErrors).toEqual([]);
        expect(w.foreignRequests).toEqual([]);
        expect(w.cspViolations).toEqual([]);
      } finally {
        await w.close();
      }
    },
  );
});
