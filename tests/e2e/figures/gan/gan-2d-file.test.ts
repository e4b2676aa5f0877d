/**
 * Keeping a trained 2-D GAN: "Download model" saves the run on a drawing (settings, drawing,
 * counters, weights) as one file; after a reset, "Load model…" brings back the same fakes,
 * step and settings, in the embed; a corrupt or foreign file is refused with a message and
 * changes nothing.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launch, open } from '../../lib/browser.ts';

const fig = '[data-figure="gan-2d"]';
let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(() => browser?.close());

const button = (page: Page, name: string) =>
  page.locator(fig).getByRole('button', { name, exact: true });
const step = (page: Page) =>
  page.locator(`${fig} [data-step]`).getAttribute('data-step').then(Number);
const fakes = (page: Page) => page.locator(`${fig} path.fake`).getAttribute('d');
const status = (page: Page) => page.locator(`${fig} .model-file [role="status"]`);

/** Chooses `path` in the file picker that "Load model…" opens. */
async function load(page: Page, path: string) {
  const chooser = page.waitForEvent('filechooser');
  await button(page, 'Load model…').click();
  await (await chooser).setFiles(path);
}

describe('the 2-D GAN model file', () => {
  test('download, reset, load: the same fakes, step, drawing and networks come back; bad files change nothing', async () => {
    const w = await open(browser, 'embed/gan-2d/?gan-2d.distribution=draw&gan-2d.dUnits=32');
    const { page } = w;
    try {
      await page.waitForSelector(`${fig}[data-status="ready"][data-backend]`, { timeout: 60_000 });
      // A stroke across the pad is the data.
      const box = (await page.locator(`${fig} .pad`).boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.3);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.8, box.y + box.height * 0.7, { steps: 20 });
      await page.mouse.up();
      for (let i = 0; i < 40; i++) await button(page, 'One step').click();
      const trained = { step: await step(page), fakes: await fakes(page) };
      expect(trained.step).toBe(40);

      const download = page.waitForEvent('download');
      await button(page, 'Download model').click();
      const saved = join(tmpdir(), `gan-2d-${Date.now()}.json`);
      await (await download).saveAs(saved);
      expect((await download).suggestedFilename()).toBe('gan-2d-model.json');
      const text = await readFile(saved, 'utf8');
      expect(JSON.parse(text)).toMatchObject({ figure: 'gan-2d', progress: { step: 40 } });
      await expect.poll(() => status(page).textContent()).toBe('Saved as gan-2d-model.json.');

      await button(page, 'Reset').click();
      expect(await step(page)).toBe(0);
      expect(await fakes(page)).not.toBe(trained.fakes);

      await load(page, saved);
      await expect.poll(() => status(page).textContent()).toMatch(/^Loaded gan-2d-/);
      expect(await step(page)).toBe(40);
      expect(await fakes(page)).toBe(trained.fakes);
      const figure = page.locator(fig);
      expect(await figure.getByRole('combobox', { name: 'Data' }).inputValue()).toBe('draw');
      expect(
        await figure
          .getByRole('slider', { name: 'Units per layer of D' })
          .getAttribute('aria-valuetext'),
      ).toBe('32');
      // Training goes on from the loaded weights.
      await button(page, 'One step').click();
      expect(await step(page)).toBe(41);

      // A damaged file and another figure's file are refused; nothing moves.
      const before = { step: await step(page), fakes: await fakes(page) };
      const file = JSON.parse(text);
      file.weights['d1/kernel'] = file.weights['d1/kernel'].slice(0, 40);
      const damaged = join(tmpdir(), `gan-2d-damaged-${Date.now()}.json`);
      await writeFile(damaged, JSON.stringify(file));
      await load(page, damaged);
      await expect.poll(() => status(page).textContent()).toMatch(/^Not loaded: .*“d1\/kernel”/);
      await writeFile(damaged, '{"format":"something else"}');
      await load(page, damaged);
      await expect
        .poll(() => status(page).textContent())
        .toMatch(/^Not loaded: This is not a model file/);
      expect({ step: await step(page), fakes: await fakes(page) }).toEqual(before);
      expect(w.consoleErrors).toEqual([]);
      expect(w.foreignRequests).toEqual([]);
    } finally {
      await w.close();
    }
  });
});
