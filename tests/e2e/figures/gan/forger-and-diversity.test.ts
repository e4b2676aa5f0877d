/**
 * The GAN chapter's two figures on the trained headshot GAN, driven as readers drive them:
 * the forger's grid (re-roll, pick two faces, walk between them, the discriminator's verdicts,
 * the detective game) and the diversity measurement (the file's numbers, a factor to choose,
 * the live measurement, the GAN beside the VAE). Each test checks that the outputs change the
 * way they should, that the keyboard reaches every control, that no tensor is left behind and
 * that nothing logs an error or asks another origin for anything.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Locator, Page } from 'playwright-core';
import { liveTensors } from '../../../../scripts/lib/tensors.ts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PHONE, launch, open } from '../../lib/browser.ts';

const fig = (id: string) => `[data-figure="${id}"]`;
const FORGER = fig('gan-forger');
const DIVERSITY = fig('gan-diversity');

let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(() => browser?.close());

async function ready(page: Page, selector: string) {
  await page.locator(selector).scrollIntoViewIfNeeded();
  await page.waitForSelector(`${selector}[data-status="ready"]`, { timeout: 60_000 });
}
const pixels = (canvas: Locator) => canvas.evaluate((c) => (c as HTMLCanvasElement).toDataURL());
/** True once a canvas holds a picture (not the blank canvas it starts as). */
const painted = (canvas: Locator) =>
  canvas.evaluate((c) => {
    const blank = document.createElement('canvas');
    blank.width = blank.height = 32;
    return (c as HTMLCanvasElement).toDataURL() !== blank.toDataURL();
  });
/** Live tensors in the page's GAN worker, where the chapter's model runs. */
const numTensors = (page: Page) => liveTensors(page, 'gan');
const text = async (l: Locator) => (await l.textContent())?.replace(/\s+/g, ' ').trim() ?? '';

describe('the forger’s faces', () => {
  const cell = (page: Page, i: number) => page.locator(`${FORGER} .grid .cell`).nth(i);
  const large = (page: Page) => page.locator(`${FORGER} canvas.large`);
  const walkScore = (page: Page) => text(page.locator(`${FORGER} [data-value="walk-score"]`));
  const tallyText = (page: Page) => text(page.locator(`${FORGER} [data-value="tally"]`));

  test('draws 64 faces with verdicts; "New faces" draws others and leaves no tensor', async () => {
    const w = await open(browser, 'gan/');
    const { page } = w;
    try {
      await ready(page, FORGER);
      expect(await text(page.locator(`${FORGER} .badge`))).toContain('WebAssembly');
      await expect.poll(() => painted(cell(page, 63).locator('canvas'))).toBe(true);
      expect(await page.locator(`${FORGER} .grid .cell`).count()).toBe(64);
      await expect
        .poll(() => cell(page, 0).getAttribute('aria-label'))
        .toMatch(/^Generated face 1, the discriminator says \d+% real$/);
      // Every grid verdict is in the table alternative.
      const cells = await page.$$eval(`${FORGER} table td`, (tds) =>
        tds.map((td) => td.textContent),
      );
      expect(cells).toHaveLength(64);
      for (const c of cells) expect(c).toMatch(/^\d+%$/);
      await expect
        .poll(() => painted(page.locator(`${FORGER} .contender canvas`).first()))
        .toBe(true);
      await expect.poll(() => walkScore(page)).toMatch(/^\d+% real$/);
      const baseline = await numTensors(page);

      const seed = await text(page.locator(`${FORGER} [data-value="seed"]`));
      const before = await pixels(cell(page, 0).locator('canvas'));
      for (let i = 0; i < 5; i++) {
        const shown = await text(page.locator(`${FORGER} [data-value="seed"]`));
        await page.locator(FORGER).getByRole('button', { name: 'New faces' }).click();
        await expect
          .poll(() => text(page.locator(`${FORGER} [data-value="seed"]`)))
          .not.toBe(shown);
      }
      expect(await text(page.locator(`${FORGER} [data-value="seed"]`))).not.toBe(seed);
      await expect.poll(() => pixels(cell(page, 0).locator('canvas'))).not.toBe(before);
      await expect.poll(() => numTensors(page), { timeout: 5000 }).toBe(baseline);
      expect(w.consoleErrors).toEqual([]);
      expect(w.foreignRequests).toEqual([]);
    } finally {
      await w.close();
    }
  });

  test('the keyboard picks grid faces and walks between them; the large face changes', async () => {
    const w = await open(browser, 'gan/');
    const { page } = w;
    try {
      await ready(page, FORGER);
      await expect.poll(() => walkScore(page)).toMatch(/^\d+% real$/);
      const baseline = await numTensors(page);
      const strip = page.locator(`${FORGER} .strip .step canvas`).first();
      await expect.poll(() => painted(strip)).toBe(true);
      const stripBefore = await pixels(strip);

      // Arrow keys move through the grid; Enter sets the start A (then the end B).
      await cell(page, 3).focus();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Enter');
      expect(await cell(page, 12).getAttribute('aria-label')).toMatch(/, start A$/);
      expect(await page.locator(`${FORGER} input[value="b"]`).isChecked()).toBe(true);
      await expect.poll(() => pixels(strip)).not.toBe(stripBefore);

      // The slider walks the path; each position redraws the large face.
      const slider = page.locator(FORGER).getByRole('slider', { name: 'From A to B' });
      await slider.focus();
      await page.keyboard.press('Home');
      await expect
        .poll(() => text(page.locator(`${FORGER} .big figcaption span`).first()))
        .toBe('The face 0% of the way from A to B');
      await page.waitForTimeout(200);
      const atA = await pixels(large(page));
      for (let i = 0; i < 40; i++) await page.keyboard.press('ArrowRight');
      await expect.poll(() => pixels(large(page))).not.toBe(atA);
      await page.keyboard.press('End');
      await expect.poll(() => slider.inputValue()).toBe('100');
      // A strip face is a button that jumps there.
      await page
        .locator(FORGER)
        .getByRole('button', { name: 'Go to 0% of the way' })
        .press('Enter');
      expect(await slider.inputValue()).toBe('0');
      await expect.poll(() => pixels(large(page))).toBe(atA);

      // Real faces get verdicts too, and "Other real faces" turns the page.
      const realFace = page.locator(`${FORGER} .real-face`).first();
      await expect.poll(() => realFace.getAttribute('aria-label')).toMatch(/says \d+% real\.$/);
      const label = await realFace.getAttribute('aria-label');
      await page.locator(FORGER).getByRole('button', { name: 'Other real faces' }).press('Enter');
      await expect.poll(() => realFace.getAttribute('aria-label')).not.toBe(label);
      await expect.poll(() => numTensors(page), { timeout: 5000 }).toBe(baseline);
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });

  test('the detective game reveals both verdicts after a pick and keeps score', async () => {
    const w = await open(browser, 'gan/');
    const { page } = w;
    try {
      await ready(page, FORGER);
      expect(await tallyText(page)).toBe('You 0 of 0 · discriminator 0 of 0');
      const left = page.locator(FORGER).getByRole('button', { name: 'The left face is the fake' });
      await expect.poll(() => left.isEnabled()).toBe(true);
      expect(await page.locator(`${FORGER} .reveal[data-side]`).count()).toBe(0);
      await left.click();
      const reveals = await page.$$eval(`${FORGER} .reveal[data-side]`, (ps) =>
        ps.map((p) => p.textContent?.replace(/\s+/g, ' ').trim()),
      );
      expect(reveals).toHaveLength(2);
      expect(reveals.map((r) => r?.split(' ')[0]).sort()).toEqual(['Fake', 'Real']);
      for (const r of reveals) expect(r).toMatch(/· discriminator: \d+% real$/);
      expect(await tallyText(page)).toMatch(/^You [01] of 1 · discriminator [01] of 1$/);
      expect(await text(page.locator(`${FORGER} .outcome`))).not.toBe('');
      expect(await left.isDisabled()).toBe(true);

      // Focus waits on "Next pair"; Enter deals the next round, played by keyboard too.
      const before = await pixels(page.locator(`${FORGER} .contender canvas`).first());
      expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(
        'Next pair',
      );
      await page.keyboard.press('Enter');
      const right = page
        .locator(FORGER)
        .getByRole('button', { name: 'The right face is the fake' });
      await expect.poll(() => right.isEnabled()).toBe(true);
      expect(await pixels(page.locator(`${FORGER} .contender canvas`).first())).not.toBe(before);
      await right.press('Enter');
      expect(await tallyText(page)).toMatch(/^You [012] of 2 · discriminator [012] of 2$/);
      expect(await text(page.locator(`${FORGER} details.figure-alternative`).first())).toMatch(
        /after 2 rounds/,
      );
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });

  test('restores seed, pair, walk and real faces from a link, and "Copy link" writes them back', async () => {
    const query =
      'gan-forger.seed=42&gan-forger.a=5&gan-forger.b=60&gan-forger.t=30&gan-forger.real=3';
    const w = await open(browser, `gan/?${query}#fig-gan-forger`);
    const { page } = w;
    try {
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
      await ready(page, FORGER);
      expect(await text(page.locator(`${FORGER} [data-value="seed"]`))).toBe('42');
      expect(await cell(page, 5).getAttribute('aria-label')).toMatch(/start A$/);
      expect(await cell(page, 60).getAttribute('aria-label')).toMatch(/end B$/);
      expect(await page.locator(FORGER).getByRole('slider').inputValue()).toBe('30');
      expect(await page.locator(`${FORGER} .real-face`).first().getAttribute('aria-label')).toMatch(
        /^Real face 1000024:/,
      );
      await page.locator(FORGER).getByRole('button', { name: 'Copy link to this state' }).click();
      const copied = new URL(await page.evaluate(() => navigator.clipboard.readText()));
      expect(copied.hash).toBe('#fig-gan-forger');
      expect(Object.fromEntries(copied.searchParams)).toEqual({
        'gan-forger.seed': '42',
        'gan-forger.a': '5',
        'gan-forger.b': '60',
        'gan-forger.t': '30',
        'gan-forger.real': '3',
      });
      const axe = await new AxeBuilder({ page }).include(FORGER).analyze();
      expect(axe.violations.filter((v) => v.impact !== 'minor').map((v) => v.id)).toEqual([]);
    } finally {
      await w.close();
    }
  });
});

describe('the forger’s faces on a phone', () => {
  test('a finger picks grid faces, plays a round and turns the real faces', async () => {
    const w = await open(browser, 'gan/', { viewport: PHONE, hasTouch: true, isMobile: true });
    const { page } = w;
    try {
      await ready(page, FORGER);
      const cell = (i: number) => page.locator(`${FORGER} .grid .cell`).nth(i);
      await cell(40).tap();
      await cell(41).tap();
      expect(await cell(40).getAttribute('aria-label')).toMatch(/start A$/);
      expect(await cell(41).getAttribute('aria-label')).toMatch(/end B$/);
      const right = page
        .locator(FORGER)
        .getByRole('button', { name: 'The right face is the fake' });
      await expect.poll(() => right.isEnabled()).toBe(true);
      await right.tap();
      expect(await text(page.locator(`${FORGER} [data-value="tally"]`))).toMatch(/of 1$/);
      await page.locator(FORGER).getByRole('button', { name: 'Next pair' }).tap();
      await expect.poll(() => right.isEnabled()).toBe(true);
      // Nothing in the figure spills past the screen's edge.
      const widest = await page.$$eval(`${FORGER} *`, (els) =>
        Math.max(...els.map((el) => el.getBoundingClientRect().right)),
      );
      expect(widest).toBeLessThanOrEqual(PHONE.width);
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });
});

describe('diversity, measured', () => {
  const bars = (page: Page, tone: string) => page.locator(`${DIVERSITY} rect.bar.${tone}`);

  test('shows the file’s shares for the chosen factor before and after the figure wakes', async () => {
    const w = await open(browser, 'gan/?gan-diversity.factor=hairStyle#fig-gan-diversity');
    const { page } = w;
    try {
      // Server-rendered: the measured numbers are in the HTML.
      expect(await bars(page, 'real').count()).toBe(5);
      expect(await bars(page, 'model').count()).toBe(5);
      await ready(page, DIVERSITY);
      expect(await page.locator(`${DIVERSITY} select`).inputValue()).toBe('hairStyle');
      expect(await text(page.locator(`${DIVERSITY} .paired-title`))).toMatch(/^Hair style:/);
      expect(await text(page.locator(`${DIVERSITY} [data-value="gan-coverage"]`))).toMatch(
        /^\d+ of 25$/,
      );

      // The keyboard chooses another factor; the chart and the link follow.
      await page.locator(`${DIVERSITY} select`).focus();
      await page.keyboard.press('ArrowDown');
      expect(await text(page.locator(`${DIVERSITY} .paired-title`))).toMatch(/^Hair colour:/);
      await page.locator(`${DIVERSITY} select`).selectOption('glasses');
      expect(await bars(page, 'model').count()).toBe(2);
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
      await page
        .locator(DIVERSITY)
        .getByRole('button', { name: 'Copy link to this state' })
        .click();
      const copied = new URL(await page.evaluate(() => navigator.clipboard.readText()));
      expect(Object.fromEntries(copied.searchParams)).toEqual({
        'gan-diversity.factor': 'glasses',
      });

      // GAN and VAE samples, side by side, with both sharpness numbers from the file.
      await expect
        .poll(() => painted(page.locator(`${DIVERSITY} .strip canvas`).last()))
        .toBe(true);
      expect(await text(page.locator(`${DIVERSITY} [data-value="gan-sharpness"]`))).toMatch(
        /^\d+%$/,
      );
      expect(await text(page.locator(`${DIVERSITY} [data-value="vae-sharpness"]`))).toMatch(
        /^\d+%$/,
      );
      const gan = await pixels(page.locator(`${DIVERSITY} .strip canvas`).first());
      await page.locator(DIVERSITY).getByRole('button', { name: 'Other samples' }).press('Enter');
      await expect
        .poll(() => pixels(page.locator(`${DIVERSITY} .strip canvas`).first()))
        .not.toBe(gan);
      const axe = await new AxeBuilder({ page }).include(DIVERSITY).analyze();
      expect(axe.violations.filter((v) => v.impact !== 'minor').map((v) => v.id)).toEqual([]);
      expect(w.consoleErrors).toEqual([]);
      expect(w.foreignRequests).toEqual([]);
    } finally {
      await w.close();
    }
  });

  test('"Measure" draws 512 faces, reads them with the probe and adds its bars, leaving no tensor', async () => {
    const w = await open(browser, 'gan/#fig-gan-diversity');
    const { page } = w;
    try {
      await ready(page, DIVERSITY);
      await expect
        .poll(() => painted(page.locator(`${DIVERSITY} .strip canvas`).last()))
        .toBe(true);
      expect(await bars(page, 'live').count()).toBe(0);
      const button = page.locator(DIVERSITY).getByRole('button', { name: /^Measure 512 faces/ });
      await button.press('Enter');
      await page.waitForSelector(`${DIVERSITY} [data-value="live-ms"]`, { timeout: 60_000 });
      // The first measurement loads the probe's weights (kept for the page); a second one
      // must leave exactly as many tensors as there were before it.
      await expect.poll(() => button.isEnabled()).toBe(true);
      const baseline = await numTensors(page);
      await button.click();
      await expect.poll(() => button.isEnabled(), { timeout: 60_000 }).toBe(false);
      await expect.poll(() => button.isEnabled(), { timeout: 60_000 }).toBe(true);
      expect(await bars(page, 'live').count()).toBe(5);
      expect(await text(page.locator(`${DIVERSITY} [data-value="live-coverage"]`))).toMatch(
        /^\d+ of 25$/,
      );
      expect(await text(page.locator(`${DIVERSITY} .status`))).toMatch(
        /^Done in \d+\.\d s: the first 512 of the file's \d+ samples \(seed \d+\)/,
      );
      // The same procedure on half the same samples: the shares land near the file's.
      const table = await page.$$eval(`${DIVERSITY} table tbody tr`, (rows) =>
        rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')),
      );
      expect(table).toHaveLength(22);
      for (const [, , fileShare, liveShare] of table) {
        expect(Math.abs(parseInt(fileShare!) - parseInt(liveShare!))).toBeLessThanOrEqual(6);
      }
      await expect.poll(() => numTensors(page), { timeout: 5000 }).toBe(baseline);
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.close();
    }
  }, 120_000);
});

describe('embedded alone', () => {
  test.each(['gan-forger', 'gan-diversity'])('/embed/%s/ comes alive by itself', async (id) => {
    const w = await open(browser, `embed/${id}/`, { viewport: PHONE });
    try {
      await ready(w.page, fig(id));
      const widest = await w.page.$$eval(`${fig(id)} *`, (els) =>
        Math.max(...els.map((el) => el.getBoundingClientRect().right)),
      );
      expect(widest).toBeLessThanOrEqual(PHONE.width);
      expect(w.consoleErrors).toEqual([]);
      expect(w.cspViolations).toEqual([]);
      expect(w.foreignRequests).toEqual([]);
    } finally {
      await w.close();
    }
  });
});
