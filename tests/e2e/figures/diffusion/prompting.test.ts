/**
 * The prompting figure in Chromium: typed words light up when they name a factor and are
 * shown as ignored when not, the faces change with what the model hears and with the
 * guidance slider, the guidance grid is measured by the probe, the state survives a link,
 * keyboard and axe, no tensor is left behind, and an idle figure does no work.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { liveTensors } from '../../../../scripts/lib/tensors.ts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  launch,
  open,
  siteUrl,
  watchSchedulingNow,
  workCalls,
  workerlessContext,
} from '../../lib/browser.ts';

const fig = '[data-figure="prompting"]';
let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(() => browser?.close());

const facesFor = (page: Page) =>
  page.locator(`${fig} [data-faces-for]`).getAttribute('data-faces-for');
const gridBusy = (page: Page) =>
  page.locator(`${fig} [data-grid-busy]`).getAttribute('data-grid-busy');
const firstFace = (page: Page) =>
  page
    .locator(`${fig} .live-faces canvas`)
    .first()
    .evaluate((c) => (c as HTMLCanvasElement).toDataURL());
/** The words of one kind, without the small label under each. */
const words = async (page: Page, kind: string) =>
  (await page.locator(`${fig} .word.${kind}`).allInnerTexts()).map((t) => t.split('\n')[0]);
async function ready(page: Page) {
  await page.locator(fig).scrollIntoViewIfNeeded();
  await page.waitForSelector(`${fig}[data-status="ready"][data-backend]`, { timeout: 90_000 });
  await expect.poll(() => facesFor(page), { timeout: 30_000 }).not.toBe('');
  await expect.poll(() => gridBusy(page), { timeout: 90_000 }).toBe('false');
}
/** Live tensors in the page's diffusion worker, where the chapter's models run. */
const numTensors = (page: Page) => liveTensors(page, 'diffusion');

describe('prompting the latent diffusion model', () => {
  test('the default prompt: glasses and red hair light up, "smiling" is ignored; the grid is measured', async () => {
    const w = await open(browser, 'embed/prompting/');
    const { page } = w;
    try {
      // Before the model is live, the parse is already in the server-rendered page.
      expect(await words(page, 'ignored')).toEqual(['smiling']);
      await ready(page);
      expect(await words(page, 'factor')).toEqual(['glasses', 'red', 'hair']);
      expect(await page.locator(`${fig} .heard-text`).textContent()).toBe(
        'hair colour red · glasses yes',
      );
      const agree = await page.locator(`${fig} .agree`).allInnerTexts();
      expect(agree).toHaveLength(6);
      for (const a of agree) expect(a).toMatch(/^\d+%$/);
      expect([...w.consoleErrors, ...w.cspViolations]).toEqual([]);
      expect(w.foreignRequests).toEqual([]);
    } finally {
      await w.close();
    }
  }, 180_000);

  test('typing a prompt lights the right words and changes the faces; the slider re-samples', async () => {
    const w = await open(browser, 'diffusion/');
    const { page } = w;
    try {
      await ready(page);
      const f = page.locator(fig);
      const before = await firstFace(page);
      const heard = await facesFor(page);
      await f
        .getByRole('textbox', { name: 'Prompt' })
        .fill('a happy wizard with curly hair and no specs');
      expect(await words(page, 'factor')).toEqual(['curly', 'hair', 'no', 'specs']);
      expect(await words(page, 'ignored')).toEqual(['happy', 'wizard']);
      await expect.poll(() => facesFor(page)).not.toBe(heard);
      await expect.poll(() => firstFace(page)).not.toBe(before);

      // An ignored word changes nothing the model hears, so nothing is re-sampled.
      const now = await facesFor(page);
      await f
        .getByRole('textbox', { name: 'Prompt' })
        .fill('a very happy wizard with curly hair and no specs');
      await page.waitForTimeout(300);
      expect(await facesFor(page)).toBe(now);

      const slider = f.getByRole('slider', { name: /Guidance scale/ });
      const face = await firstFace(page);
      await slider.focus();
      await page.keyboard.press('End');
      expect(await slider.inputValue()).toBe('10');
      await expect.poll(() => facesFor(page)).toMatch(/\|10\|1$/);
      await expect.poll(() => firstFace(page)).not.toBe(face);
      expect([...w.consoleErrors, ...w.cspViolations]).toEqual([]);
    } finally {
      await w.close();
    }
  }, 180_000);

  test('prompt, guidance and seed survive a shared link', async () => {
    const w = await open(
      browser,
      'embed/prompting/?prompting.prompt=blue+eyes&prompting.guidance=2.5&prompting.seed=12',
    );
    const { page } = w;
    try {
      await ready(page);
      const f = page.locator(fig);
      expect(await f.getByRole('textbox', { name: 'Prompt' }).inputValue()).toBe('blue eyes');
      expect(await f.getByRole('slider', { name: /Guidance scale/ }).inputValue()).toBe('2.5');
      expect(await f.getByRole('spinbutton', { name: 'Seed' }).inputValue()).toBe('12');
      await f.getByRole('button', { name: 'Next seed' }).click();
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
      await f.getByRole('button', { name: 'Copy link to this state' }).click();
      const link = new URL(await page.evaluate(() => navigator.clipboard.readText()));
      expect(
        Object.fromEntries([...link.searchParams].filter(([k]) => k.startsWith('prompting.'))),
      ).toEqual({
        'prompting.prompt': 'blue eyes',
        'prompting.guidance': '2.5',
        'prompting.seed': '13',
      });
    } finally {
      await w.close();
    }
  }, 180_000);

  test('idle means idle, no tensor is left behind, and axe passes (also presenting)', async () => {
    const w = await open(browser, 'embed/prompting/');
    const { page } = w;
    try {
      await ready(page);
      const baseline = await numTensors(page);
      const f = page.locator(fig);
      for (const prompt of ['bald', 'green eyes', 'blonde with glasses']) {
        const heard = await facesFor(page);
        await f.getByRole('textbox', { name: 'Prompt' }).fill(prompt);
        await expect.poll(() => facesFor(page)).not.toBe(heard);
        await expect.poll(() => gridBusy(page), { timeout: 90_000 }).toBe('false');
      }
      expect(await numTensors(page)).toBe(baseline);

      await watchSchedulingNow(page);
      await page.waitForTimeout(800);
      expect(await workCalls(page)).toEqual({ frames: 0, timers: 0 });

      await page.locator(`${fig} summary`).click();
      const check = async () =>
        (await new AxeBuilder({ page }).include(fig).analyze()).violations
          .filter((v) => v.impact !== 'minor')
          .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(await check()).toEqual([]);
      await f.getByRole('button', { name: 'Present' }).click();
      expect(await check()).toEqual([]);
      expect([...w.consoleErrors, ...w.cspViolations]).toEqual([]);
    } finally {
      await w.close();
    }
  }, 240_000);

  test('a missing model shows an error inside the figure, with a retry', async () => {
    const context = await workerlessContext(browser);
    const page = await context.newPage();
    try {
      await context.route('**/models/ldm/model.json', (route) => route.fulfill({ status: 404 }));
      await page.goto(new URL('embed/prompting/', siteUrl()).href);
      await page.locator(fig).scrollIntoViewIfNeeded();
      await page.waitForSelector(`${fig}[data-status="error"]`, { timeout: 60_000 });
      expect(await page.locator(`${fig} [role="alert"]`).textContent()).toContain(
        'The rest of the article still works.',
      );
      expect(await page.locator(fig).getByRole('button', { name: 'Try again' }).count()).toBe(1);
    } finally {
      await context.close();
    }
  });
});
