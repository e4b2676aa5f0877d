/**
 * Lesson mode: every step page renders cleanly and sets its figure up; a deep link opens
 * its step (a shared state in the link wins over the step's own); choosing an answer and
 * then operating the figure reveals the explanation and marks the prediction; "Show the
 * answer" works from the keyboard; the step pager and the chapter's lesson link lead on.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DIST, PHONE, launch, open, wakeFigures } from '../lib/browser.ts';

/** How a reader runs each step's figure, as its "Try it" line says. */
type Operate = { click: RegExp } | { slider: RegExp } | { select: RegExp; option: string };
const OPERATE: Record<string, Operate> = {
  'vae/draw-again': { click: /^Draw again/ },
  'vae/paint-a-face': { click: /^Blank$/ },
  'vae/widen-the-cloud': { slider: /Spread/ },
  'vae/colour-the-map': { select: /Colour faces by/, option: 'eyeColour' },
  'vae/walk-between-faces': { slider: /Walk from A to B/ },
  'vae/what-gets-lost': { click: /^Other faces$/ },
  'gan/mode-collapse': { click: /Mode collapse/ },
  'gan/small-detective': { slider: /Hidden layers of D/ },
  'gan/walk-the-codes': { slider: /From A to B/ },
  'gan/rare-backdrops': { select: /Factor/, option: 'backdrop' },
  'gan/reading-the-losses': { slider: /Training step/ },
  'diffusion/into-static': { slider: /Step/ },
  'diffusion/schedules': { slider: /Step/ },
  'diffusion/first-guess': { click: /^Play$/ },
  'diffusion/points-find-shape': { click: /^Step forward$/ },
  'diffusion/same-clock': { click: /^One step each$/ },
  'diffusion/guidance': { slider: /Guidance scale/ },
  'compare/faces-alike': { click: /^New faces$/ },
  'compare/the-slow-one': { click: /^New faces$/ },
  'compare/sharp-is-not-close': { select: /Faces per model/, option: '32' },
  'compare/small-samples': { select: /Faces per model/, option: '16' },
};

/** Every built step, as `<lesson>/<step>`. */
const steps = readdirSync(join(DIST, 'lessons'), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .flatMap((lesson) =>
    readdirSync(join(DIST, 'lessons', lesson.name), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((step) => `${lesson.name}/${step.name}`),
  )
  .sort();

let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(() => browser?.close());

const figureOf = (page: Page) => page.locator('[data-figure]');
const answerBox = (page: Page) => page.locator('details[data-answer-box]');
const isOpen = (box: Locator) => box.evaluate((d) => (d as HTMLDetailsElement).open);
const verdictOf = (page: Page) => page.locator('[data-lesson-step]').getAttribute('data-verdict');

async function axeViolations(page: Page) {
  const axe = await new AxeBuilder({ page }).analyze();
  return axe.violations
    .filter((v) => v.impact !== 'minor')
    .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function operate(page: Page, how: Operate) {
  const figure = figureOf(page);
  if ('click' in how) {
    const button = figure.getByRole('button', { name: how.click }).first();
    await expect.poll(() => button.isEnabled(), { timeout: 30_000 }).toBe(true);
    await button.click();
  } else if ('slider' in how) {
    const slider = figure.getByRole('slider', { name: how.slider }).first();
    await slider.focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  } else {
    await figure.getByLabel(how.select).selectOption(how.option);
  }
}

test('every built step has a way to operate its figure in this test', () => {
  expect(steps.length).toBeGreaterThanOrEqual(12);
  expect(steps).toEqual(Object.keys(OPERATE).sort());
});

describe('every step page', () => {
  test.each(steps)('%s renders cleanly, sets up its figure and reveals when run', async (path) => {
    const w = await open(browser, `lessons/${path}/`);
    const { page } = w;
    try {
      expect(await page.locator('h1').count()).toBe(1);
      const [id] = await wakeFigures(page);
      expect(await figureOf(page).getAttribute('data-status')).not.toBe('error');
      // The step's state is written into the bare URL, so "copy link" and reload keep it.
      const search = (await page.locator('[data-lesson-step]').getAttribute('data-search')) ?? '';
      for (const [key, value] of new URLSearchParams(search)) {
        expect(key.startsWith(`${id}.`) || key === `${id}-hide`).toBe(true);
        expect(new URL(page.url()).searchParams.get(key)).toBe(value);
      }
      // Controls the step hides for the class are hidden (the teacher-link feature).
      const hide = new URLSearchParams(search).get(`${id}-hide`);
      if (hide)
        expect(await figureOf(page).getAttribute('data-hide')).toBe(hide.replace(/,/g, ' '));
      expect(await axeViolations(page)).toEqual([]);

      // Loading and waking the figure is not the reader running it.
      await page.waitForTimeout(800);
      expect(await isOpen(answerBox(page))).toBe(false);

      const answer = Number(await page.locator('[data-lesson-step]').getAttribute('data-answer'));
      await page.locator(`input[type="radio"][value="${answer}"]`).check();
      await operate(page, OPERATE[path]!);
      await expect.poll(() => isOpen(answerBox(page)), { timeout: 15_000 }).toBe(true);
      // The <details> toggle event, which marks the verdict, fires a task after it opens.
      await expect.poll(() => verdictOf(page)).toBe('right');
      expect(await page.locator('.is-answer input').getAttribute('value')).toBe(String(answer));
      expect(await page.locator('[data-verdict-line]').textContent()).toContain('That is right');

      expect(w.consoleErrors).toEqual([]);
      expect(w.cspViolations).toEqual([]);
      expect(w.foreignRequests).toEqual([]);
    } finally {
      await w.close();
    }
  });
});

describe('links and navigation', () => {
  test('the lesson index and each overview render cleanly and pass axe', async () => {
    for (const path of [
      'lessons/',
      'lessons/vae/',
      'lessons/gan/',
      'lessons/diffusion/',
      'lessons/compare/',
    ]) {
      const w = await open(browser, path);
      try {
        expect(await w.page.locator('h1').count()).toBe(1);
        expect(await axeViolations(w.page)).toEqual([]);
        expect(w.consoleErrors).toEqual([]);
        expect(w.foreignRequests).toEqual([]);
      } finally {
        await w.close();
      }
    }
  });

  test('a deep link to step 4 opens step 4 with the figure in the step’s state', async () => {
    const w = await open(browser, 'lessons/vae/walk-between-faces/');
    const { page } = w;
    try {
      expect(await page.locator('.progress-label').textContent()).toBe('Step 4 of 6');
      expect(await page.locator('.progress [aria-current="step"]').textContent()).toContain('4');
      await wakeFigures(page);
      // The figure's own default is halfway; the step starts the walk at A.
      expect(await page.getByRole('slider', { name: /Walk from A to B/ }).inputValue()).toBe('0');
    } finally {
      await w.close();
    }
  });

  test('a state already in the link wins over the step’s own', async () => {
    const w = await open(browser, 'lessons/diffusion/schedules/?noise-schedules.t=700');
    const { page } = w;
    try {
      await wakeFigures(page);
      const slider = figureOf(page).getByRole('slider', { name: /Step/ }).first();
      expect(await slider.inputValue()).toBe('700');
      expect(new URL(page.url()).search).toBe('?noise-schedules.t=700');
    } finally {
      await w.close();
    }
  });

  test('“Show the answer” works from the keyboard and marks a wrong prediction', async () => {
    const w = await open(browser, 'lessons/gan/reading-the-losses/');
    const { page } = w;
    try {
      // Pick choice A (wrong here) with the keyboard: focus the group, Space selects.
      await page.locator('input[type="radio"][value="0"]').focus();
      await page.keyboard.press('Space');
      await page.getByText('Show the answer').focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => isOpen(answerBox(page))).toBe(true);
      await expect.poll(() => verdictOf(page)).toBe('wrong');
      expect(await page.locator('.is-wrong').textContent()).toContain('your pick');
      expect(await page.locator('.is-answer').textContent()).toContain('right answer');
      await expect
        .poll(() => page.locator('[data-announce]').textContent())
        .toMatch(
          /^Answer shown\. You predicted “.+”\. Not quite\. The answer: B\. After a rough start/,
        );
      // Changing the prediction afterwards updates the verdict.
      await page.locator('input[type="radio"][value="1"]').check();
      await expect.poll(() => verdictOf(page)).toBe('right');
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });

  test('next and previous lead through the steps, carrying each step’s state', async () => {
    const w = await open(browser, 'lessons/vae/draw-again/');
    const { page } = w;
    try {
      await page.getByRole('link', { name: /Next step/ }).click();
      await page.waitForURL(/\/lessons\/vae\/widen-the-cloud\/\?vae-loss\.face=6/);
      expect(await page.locator('h1').textContent()).toBe('The price of a precise note');
      expect(await page.locator('.progress-label').textContent()).toBe('Step 2 of 6');
      await page.getByRole('link', { name: /Previous step/ }).click();
      await page.waitForURL(/\/lessons\/vae\/draw-again\//);
      expect(await page.locator('.progress-label').textContent()).toBe('Step 1 of 6');
    } finally {
      await w.close();
    }
  });

  test('a chapter links to its lesson, and the lesson starts at step 1', async () => {
    const w = await open(browser, 'diffusion/');
    const { page } = w;
    try {
      await page.getByRole('link', { name: 'Follow this chapter as a lesson' }).click();
      await page.waitForURL(/\/lessons\/diffusion\/$/);
      await page.getByRole('link', { name: 'Start the lesson' }).click();
      await page.waitForURL(/\/lessons\/diffusion\/into-static\//);
      expect(await page.locator('.progress-label').textContent()).toBe('Step 1 of 6');
      expect(
        await page
          .getByRole('link', { name: 'Tuning an old TV: diffusion models', exact: true })
          .getAttribute('href'),
      ).toMatch(/\/diffusion\/$/);
    } finally {
      await w.close();
    }
  });

  test('the comparison chapter links to its lesson too', async () => {
    const w = await open(browser, 'compare/');
    try {
      const link = w.page.getByRole('link', { name: 'Follow this chapter as a lesson' });
      expect(await link.getAttribute('href')).toMatch(/\/lessons\/compare\/$/);
    } finally {
      await w.close();
    }
  });

  test('on a phone, running the figure shows a cue to the opened answer until it is in view', async () => {
    const w = await open(browser, 'lessons/gan/mode-collapse/', { viewport: PHONE });
    const { page } = w;
    try {
      await wakeFigures(page);
      const cue = page.locator('[data-reveal-cue]');
      expect(await cue.isVisible()).toBe(false);
      // The reader is at the figure's controls, a screen above the answer. (Where
      // wakeFigures leaves the page depends on when the figure grew, so set it here.)
      await figureOf(page).evaluate((el) => el.scrollIntoView({ block: 'start' }));
      const below = () =>
        page
          .locator('section.explain')
          .evaluate((el) => el.getBoundingClientRect().top >= window.innerHeight);
      await expect.poll(below).toBe(true);
      await operate(page, OPERATE['gan/mode-collapse']!);
      await expect.poll(() => isOpen(answerBox(page)), { timeout: 30_000 }).toBe(true);
      await expect.poll(() => cue.isVisible()).toBe(true);
      await cue.click();
      await expect.poll(() => cue.isVisible()).toBe(false);
      expect(await answerBox(page).isVisible()).toBe(true);
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });

  test('fits a 360 px screen, and presenter mode works inside a step', async () => {
    const w = await open(browser, 'lessons/vae/widen-the-cloud/', {
      viewport: { width: 360, height: 740 },
    });
    const { page } = w;
    try {
      await wakeFigures(page);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        360,
      );
      await figureOf(page).getByRole('button', { name: 'Present' }).click();
      expect(await figureOf(page).getAttribute('role')).toBe('dialog');
      // The rest of the page is inert while presenting, the question included.
      expect(await page.locator('fieldset').evaluate((el) => el.closest('[inert]') !== null)).toBe(
        true,
      );
      await page.keyboard.press('Escape');
      expect(await figureOf(page).getAttribute('role')).toBeNull();
      // Entering and leaving presenter mode is not running the figure.
      expect(await isOpen(answerBox(page))).toBe(false);
    } finally {
      await w.close();
    }
  });
});
