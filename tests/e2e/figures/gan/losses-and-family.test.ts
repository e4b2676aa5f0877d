/**
 * The GAN chapter's two story figures, driven as readers drive them. "Training is hard":
 * the step cursor moves along the recorded curves by keyboard, mouse, touch and the notes'
 * buttons, and the readout follows. "The family tree": models are selected by keyboard and
 * pointer, and the line of descent follows. Both restore from a shared link (bad values are
 * clamped or ignored), work alone at /embed/<id>/, pass axe, log no error, and ask no other
 * origin for anything.
 */
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PHONE, launch, open } from '../../lib/browser.ts';

const LOSSES = '[data-figure="gan-losses"]';
const FAMILY = '[data-figure="gan-family"]';

/** The card's record, to check the readout against the numbers it shows. */
const card = JSON.parse(readFileSync('public/models/gan/card.json', 'utf8')) as {
  training: { history: { step: number; discriminator: number; generator: number }[] };
};
const history = card.training.history;
const last = history.at(-1)!;
const rowAt = (step: number) => history.find((r) => r.step === step)!;

let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(() => browser?.close());

async function ready(page: Page, selector: string) {
  await page.locator(selector).scrollIntoViewIfNeeded();
  await page.waitForSelector(`${selector}[data-hydrated="true"]`, { timeout: 30_000 });
}
const text = async (l: Locator) => (await l.textContent())?.replace(/\s+/g, ' ').trim() ?? '';
const cursorStep = (page: Page) =>
  page
    .locator(`${LOSSES} [data-step]`)
    .getAttribute('data-step')
    .then((v) => Number(v));
const readout = (page: Page) => text(page.locator(`${LOSSES} .readout`));
const selectedModel = (page: Page) => text(page.locator(`${FAMILY} .card-title`));

async function axeViolations(page: Page, selector: string) {
  return (await new AxeBuilder({ page }).include(selector).analyze()).violations
    .filter((v) => v.impact !== 'minor')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function copiedLink(page: Page, selector: string) {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.locator(selector).getByRole('button', { name: 'Copy link to this state' }).click();
  return page.evaluate(() => navigator.clipboard.readText());
}

describe('Training is hard (gan-losses)', () => {
  test('reads both recorded losses at the last step, and the slider moves the cursor by keyboard', async () => {
    const w = await open(browser, 'gan/');
    const { page } = w;
    try {
      await ready(page, LOSSES);
      expect(await cursorStep(page)).toBe(last.step);
      const end = await readout(page);
      expect(end).toContain(last.discriminator.toFixed(2));
      expect(end).toContain(last.generator.toFixed(2));
      expect(await page.locator(`${LOSSES} path.curve`).count()).toBe(2);

      const slider = page.locator(LOSSES).getByRole('slider', { name: 'Training step' });
      await slider.focus();
      await page.keyboard.press('ArrowLeft');
      const before = history.at(-2)!;
      expect(await cursorStep(page)).toBe(before.step);
      expect(await slider.getAttribute('aria-valuetext')).toBe(
        `step ${before.step.toLocaleString('en')}: D’s loss ${before.discriminator.toFixed(2)}, G’s loss ${before.generator.toFixed(2)}`,
      );
      await page.keyboard.press('Home');
      expect(await cursorStep(page)).toBe(history[0]!.step);
      expect(await readout(page)).toContain(history[0]!.discriminator.toFixed(2));
      expect(await readout(page)).not.toBe(end);
      // The cursor line follows the step.
      const x0 = Number(await page.locator(`${LOSSES} line.cursor`).getAttribute('x1'));
      await page.keyboard.press('End');
      expect(
        Number(await page.locator(`${LOSSES} line.cursor`).getAttribute('x1')),
      ).toBeGreaterThan(x0);
      expect(w.consoleErrors).toEqual([]);
      expect(w.foreignRequests).toEqual([]);
    } finally {
      await w.close();
    }
  });

  test('the pointer drags the cursor along the chart, and each note jumps to its step', async () => {
    const w = await open(browser, 'embed/gan-losses/');
    const { page } = w;
    try {
      await ready(page, LOSSES);
      const box = (await page.locator(`${LOSSES} rect.hit`).boundingBox())!;
      const y = box.y + box.height / 2;
      await page.mouse.move(box.x + box.width * 0.25, y);
      await page.mouse.down();
      const quarter = await cursorStep(page);
      await page.mouse.move(box.x + box.width * 0.5, y, { steps: 5 });
      await page.mouse.up();
      const half = await cursorStep(page);
      // The plot's x axis runs from step 0 to the last step.
      expect(Math.abs(quarter - last.step / 4)).toBeLessThanOrEqual(100);
      expect(Math.abs(half - last.step / 2)).toBeLessThanOrEqual(100);
      expect(await readout(page)).toContain(rowAt(half).generator.toFixed(2));

      const notes = page.locator(`${LOSSES} .notes button`);
      expect(await notes.count()).toBe(3);
      await notes.first().click();
      // The first note is where the detective's loss was lowest (late in the shipped run).
      const ahead = await cursorStep(page);
      const lowest = Math.min(...history.map((r) => r.discriminator));
      expect(rowAt(ahead).discriminator).toBe(lowest);
      await notes.last().click();
      expect(await cursorStep(page)).toBe(last.step);
      expect(w.consoleErrors).toEqual([]);
      expect(w.cspViolations).toEqual([]);
      expect(w.foreignRequests).toEqual([]);
    } finally {
      await w.close();
    }
  });

  test('on a phone a tap on the chart moves the cursor', async () => {
    const w = await open(browser, 'embed/gan-losses/', {
      viewport: PHONE,
      hasTouch: true,
      isMobile: true,
    });
    const { page } = w;
    try {
      await ready(page, LOSSES);
      const box = (await page.locator(`${LOSSES} rect.hit`).boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
      await page.touchscreen.tap(box.x + box.width * 0.1, box.y + box.height / 2);
      expect(await cursorStep(page)).toBeLessThan(last.step / 5);
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });

  test('a copied link restores the step; bad values are clamped or ignored', async () => {
    const w = await open(browser, 'gan/');
    const { page } = w;
    try {
      await ready(page, LOSSES);
      await page.locator(`${LOSSES} .notes button`).nth(1).click();
      const step = await cursorStep(page);
      const link = await copiedLink(page, LOSSES);
      expect(new URL(link).searchParams.get('gan-losses.step')).toBe(String(step));
      expect(new URL(link).hash).toBe('#fig-gan-losses');

      const again = await open(browser, new URL(link).pathname + new URL(link).search);
      try {
        await ready(again.page, LOSSES);
        expect(await cursorStep(again.page)).toBe(step);
      } finally {
        await again.close();
      }
      for (const [raw, expected] of [
        ['99999', last.step],
        ['0', history[0]!.step],
        ['1234', 1250],
        ['banana', last.step],
      ] as const) {
        const bad = await open(browser, `embed/gan-losses/?gan-losses.step=${raw}`);
        try {
          await ready(bad.page, LOSSES);
          expect(await cursorStep(bad.page)).toBe(expected);
        } finally {
          await bad.close();
        }
      }
      await page.locator(LOSSES).getByRole('button', { name: 'Reset' }).click();
      expect(await cursorStep(page)).toBe(last.step);
    } finally {
      await w.close();
    }
  });

  test('passes axe with its table open and in presenter mode; the table samples the curve', async () => {
    const w = await open(browser, 'embed/gan-losses/');
    const { page } = w;
    try {
      await ready(page, LOSSES);
      await page.locator(`${LOSSES} summary`).click();
      const rows = page.locator(`${LOSSES} .figure-alternative tbody tr`);
      // The first row, every 500 steps, and the last (6,250 is no multiple of 500).
      expect(await rows.count()).toBe(1 + Math.floor(last.step / 500) + (last.step % 500 ? 1 : 0));
      expect(await text(rows.last())).toContain(last.discriminator.toFixed(2));
      expect(await axeViolations(page, LOSSES)).toEqual([]);
      await page.locator(LOSSES).getByRole('button', { name: 'Present' }).click();
      expect(await axeViolations(page, LOSSES)).toEqual([]);
      await page.keyboard.press('Escape');
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });
});

describe('The family tree (gan-family)', () => {
  test('selects models by keyboard; focus and the line of descent follow', async () => {
    const w = await open(browser, 'gan/');
    const { page } = w;
    try {
      await ready(page, FAMILY);
      const radios = page.locator(FAMILY).getByRole('radio');
      expect(await radios.count()).toBe(7);
      expect(await selectedModel(page)).toBe('Generative adversarial network');
      await page.locator(`${FAMILY} [role="radio"][tabindex="0"]`).focus();
      await page.keyboard.press('ArrowDown');
      expect(await selectedModel(page)).toBe('DCGAN');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(
        /^DCGAN, 2015/,
      );
      await page.keyboard.press('End');
      expect(await selectedModel(page)).toBe('StyleGAN3');
      expect(await text(page.locator(`${FAMILY} .card-parent`))).toContain('StyleGAN2');
      // GAN → DCGAN → ProGAN → StyleGAN → StyleGAN2 → StyleGAN3: five edges light up.
      expect(await page.locator(`${FAMILY} .member`).first().locator('path.on-line').count()).toBe(
        5,
      );
      await page.keyboard.press('Home');
      expect(await selectedModel(page)).toBe('Generative adversarial network');
      expect(await text(page.locator(`${FAMILY} .card-parent`))).toContain('root');
      expect(w.consoleErrors).toEqual([]);
      expect(w.cspViolations).toEqual([]);
      expect(w.foreignRequests).toEqual([]);
    } finally {
      await w.close();
    }
  });

  test('selects a model by pointer and by touch, and “Built on” goes to its parent', async () => {
    const w = await open(browser, 'embed/gan-family/', {
      viewport: PHONE,
      hasTouch: true,
      isMobile: true,
    });
    const { page } = w;
    try {
      await ready(page, FAMILY);
      const bigGan = page.locator(FAMILY).getByRole('radio', { name: /^BigGAN/ });
      const box = (await bigGan.boundingBox())!;
      expect(box.height).toBeGreaterThanOrEqual(44);
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
      await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
      expect(await selectedModel(page)).toBe('BigGAN');
      expect(await bigGan.getAttribute('aria-checked')).toBe('true');
      expect(await text(page.locator(`${FAMILY} .card-fixed`))).toContain('ImageNet');
      // BigGAN branches off DCGAN: only GAN → DCGAN → BigGAN light up.
      expect(await page.locator(`${FAMILY} .member`).first().locator('path.on-line').count()).toBe(
        2,
      );
      await page.locator(FAMILY).getByRole('button', { name: 'DCGAN' }).click();
      expect(await selectedModel(page)).toBe('DCGAN');
      await page
        .locator(FAMILY)
        .getByRole('radio', { name: /^StyleGAN2/ })
        .click();
      expect(await selectedModel(page)).toBe('StyleGAN2');
      expect(await page.locator(`${FAMILY} .card a`).getAttribute('href')).toBe(
        'https://arxiv.org/abs/1912.04958',
      );
      expect(w.consoleErrors).toEqual([]);
      expect(w.foreignRequests).toEqual([]);
    } finally {
      await w.close();
    }
  });

  test('a copied link restores the selection; an unknown model is ignored', async () => {
    const w = await open(browser, 'gan/');
    const { page } = w;
    try {
      await ready(page, FAMILY);
      await page
        .locator(FAMILY)
        .getByRole('radio', { name: /^ProGAN|^Progressive GAN/ })
        .click();
      const name = await selectedModel(page);
      const link = await copiedLink(page, FAMILY);
      expect(new URL(link).searchParams.get('gan-family.sel')).toBe('progan');
      const again = await open(browser, new URL(link).pathname + new URL(link).search);
      try {
        await ready(again.page, FAMILY);
        expect(await selectedModel(again.page)).toBe(name);
      } finally {
        await again.close();
      }
      const bad = await open(browser, 'embed/gan-family/?gan-family.sel=vae');
      try {
        await ready(bad.page, FAMILY);
        expect(await selectedModel(bad.page)).toBe('Generative adversarial network');
      } finally {
        await bad.close();
      }
    } finally {
      await w.close();
    }
  });

  test('passes axe with its table open and in presenter mode', async () => {
    const w = await open(browser, 'embed/gan-family/?gan-family.sel=stylegan');
    const { page } = w;
    try {
      await ready(page, FAMILY);
      await page.locator(`${FAMILY} summary`).click();
      expect(await page.locator(`${FAMILY} .figure-alternative tbody tr`).count()).toBe(7);
      expect(await axeViolations(page, FAMILY)).toEqual([]);
      await page.locator(FAMILY).getByRole('button', { name: 'Present' }).click();
      expect(await axeViolations(page, FAMILY)).toEqual([]);
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });
});
