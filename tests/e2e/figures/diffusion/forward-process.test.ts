/**
 * The diffusion chapter's forward-process figures, driven as readers drive them: the noise
 * schedules' shared t cursor by keyboard, mouse and slider, the number of steps T, which
 * schedules are shown; the noised face's t slider, face picker and "new noise" button. Each
 * test checks that the pictures and numbers move the way the formula says (at a large t the
 * cosine schedule keeps more of the face than the linear one; at t = T the pixels have
 * mean ≈ 0 and standard deviation ≈ 1), that links restore the state, and that nothing logs
 * an error, fails axe, or asks another origin for anything.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PHONE, launch, open, type Watched } from '../../lib/browser.ts';

const SCHEDULES = '[data-figure="noise-schedules"]';
const FACE = '[data-figure="forward-face"]';

let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(() => browser?.close());

async function ready(page: Page, selector: string) {
  await page.locator(selector).scrollIntoViewIfNeeded();
  await page.waitForSelector(`${selector}[data-hydrated="true"][data-status="ready"]`);
  // Controls are enabled once the figure has restored its state from the URL.
  await page.waitForSelector(`${selector} input[type="range"]:not([disabled])`);
}
const text = async (l: Locator) => (await l.textContent())?.trim() ?? '';
const stepText = (page: Page, selector: string) => text(page.locator(`${selector} output`));
/**
 * No error, no request to another origin, and no CSP violation. On the article page other
 * chapters' figures share the log, so CSP is checked on the embed pages, where a figure is
 * alone (pass `csp: false` on the article).
 */
const clean = (w: Watched, { csp = true } = {}) => {
  expect(w.consoleErrors).toEqual([]);
  if (csp) expect(w.cspViolations).toEqual([]);
  expect(w.foreignRequests).toEqual([]);
};
async function axeClean(page: Page, selector: string) {
  const axe = await new AxeBuilder({ page }).include(selector).analyze();
  expect(axe.violations.filter((v) => v.impact !== 'minor').map((v) => v.id)).toEqual([]);
}
/** A finger drag from `a` to `b` (page coordinates), through Chromium's touch input. */
async function touchDrag(page: Page, a: [number, number], b: [number, number], steps = 12) {
  const cdp = await page.context().newCDPSession(page);
  const point = (t: number) => ({ x: a[0] + t * (b[0] - a[0]), y: a[1] + t * (b[1] - a[1]) });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [point(0)] });
  for (let i = 1; i <= steps; i++)
    await cdp.send('Input.dispatchTouchEvent', {
      type: 'touchMove',
      touchPoints: [point(i / steps)],
    });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}
/** The RGB bytes a canvas shows. */
const canvasBytes = (canvas: Locator) =>
  canvas.evaluate((c) => {
    const el = c as HTMLCanvasElement;
    const data = el.getContext('2d')!.getImageData(0, 0, el.width, el.height).data;
    return Array.from(data).filter((_, i) => i % 4 !== 3);
  });
const meanAbsDiff = (a: number[], b: number[]) =>
  a.reduce((sum, v, i) => sum + Math.abs(v - b[i]!), 0) / a.length;

describe('noise schedules', () => {
  const picture = (page: Page, kind: string) =>
    page.locator(`${SCHEDULES} .face[data-kind="${kind}"] canvas`);
  const readout = (page: Page, kind: string) =>
    page.locator(`${SCHEDULES} table.readout tr[data-kind="${kind}"] td`).allTextContents();
  const charts = (page: Page) =>
    page.locator(SCHEDULES).getByRole('slider', { name: /^Step t on the charts/ });

  test('one t cursor, moved by keys, pointer and slider, noises one face three ways', async () => {
    const w = await open(browser, 'diffusion/');
    const { page } = w;
    try {
      await ready(page, SCHEDULES);
      expect(await stepText(page, SCHEDULES)).toBe('300 of 1000');
      expect(await page.locator(`${SCHEDULES} path.curve`).count()).toBe(9);

      // Home: t = 0, where every schedule still shows the clean face.
      await charts(page).focus();
      await page.keyboard.press('Home');
      expect(await stepText(page, SCHEDULES)).toBe('0 of 1000');
      const cleanFace = await canvasBytes(picture(page, 'linear'));
      expect(await canvasBytes(picture(page, 'cosine'))).toEqual(cleanFace);
      expect(await readout(page, 'linear')).toEqual(['—', '1', '∞']);

      // Five big steps: t = 500. The same noise, but the cosine face keeps far more of itself.
      for (let i = 0; i < 5; i++) await page.keyboard.press('PageUp');
      expect(await stepText(page, SCHEDULES)).toBe('500 of 1000');
      const linear = await canvasBytes(picture(page, 'linear'));
      const cosine = await canvasBytes(picture(page, 'cosine'));
      expect(meanAbsDiff(linear, cosine)).toBeGreaterThan(10);
      expect(meanAbsDiff(cosine, cleanFace)).toBeLessThan(meanAbsDiff(linear, cleanFace) * 0.8);
      const [, linearAlphaBar] = await readout(page, 'linear');
      const [, cosineAlphaBar] = await readout(page, 'cosine');
      expect(Number(linearAlphaBar)).toBeLessThan(0.1);
      expect(Number(cosineAlphaBar)).toBeGreaterThan(0.45);
      await page.keyboard.press('Shift+ArrowLeft');
      expect(await stepText(page, SCHEDULES)).toBe('400 of 1000');
      expect(await charts(page).getAttribute('aria-valuenow')).toBe('400');

      // A mouse drag across the charts moves the cursor to where the pointer is.
      const box = (await page.locator(`${SCHEDULES} .chart svg`).first().boundingBox())!;
      const plotLeft = box.x + 44;
      const plotWidth = box.width - 44 - 12;
      await page.mouse.move(plotLeft + 0.2 * plotWidth, box.y + 40);
      await page.mouse.down();
      await page.mouse.move(plotLeft + 0.6 * plotWidth, box.y + 40, { steps: 5 });
      await page.mouse.move(plotLeft + 0.8 * plotWidth, box.y + 60, { steps: 5 });
      await page.mouse.up();
      const dragged = Number((await stepText(page, SCHEDULES)).split(' ')[0]);
      expect(dragged).toBeGreaterThanOrEqual(790);
      expect(dragged).toBeLessThanOrEqual(810);
      expect(await canvasBytes(picture(page, 'linear'))).not.toEqual(linear);

      // The labelled slider drives the same cursor.
      const slider = page.locator(SCHEDULES).getByRole('slider', { name: 'Step t', exact: true });
      await slider.focus();
      await page.keyboard.press('ArrowRight');
      expect(await stepText(page, SCHEDULES)).toBe(`${dragged + 1} of 1000`);

      // Fewer steps: the cursor keeps its place as a fraction of the way, the axis ends at 50.
      await page.locator(SCHEDULES).getByLabel('Steps T').selectOption('50');
      expect(await stepText(page, SCHEDULES)).toBe(
        `${Math.round(((dragged + 1) * 50) / 1000)} of 50`,
      );
      const xTicks = await page
        .locator(`${SCHEDULES} .chart[data-metric="snr"] text.tick`)
        .allTextContents();
      expect(xTicks).toContain('50');
      expect(xTicks).not.toContain('1000');

      // Hiding a schedule removes its curves but not its picture.
      await page.locator(SCHEDULES).getByRole('checkbox', { name: 'sigmoid' }).uncheck();
      expect(await page.locator(`${SCHEDULES} path.curve`).count()).toBe(6);
      expect(await page.locator(`${SCHEDULES} path.k-sigmoid`).count()).toBe(0);

      await axeClean(page, SCHEDULES);
      clean(w, { csp: false });
    } finally {
      await w.close();
    }
  });

  test('restores t, T and the schedules from a link, and "Copy link" writes them back', async () => {
    const query = [
      'noise-schedules.t=30',
      'noise-schedules.T=50',
      'noise-schedules.schedule=linear',
      'noise-schedules.show=linear%2Ccosine',
    ].join('&');
    const w = await open(browser, `embed/noise-schedules/?${query}`);
    const { page } = w;
    try {
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
      await ready(page, SCHEDULES);
      expect(await stepText(page, SCHEDULES)).toBe('30 of 50');
      expect(
        await page.locator(SCHEDULES).getByRole('checkbox', { name: 'sigmoid' }).isChecked(),
      ).toBe(false);
      expect(await page.locator(SCHEDULES).getByRole('radio', { name: 'linear' }).isChecked()).toBe(
        true,
      );
      expect(
        await page.locator(`${SCHEDULES} path.curve.emphasised`).first().getAttribute('class'),
      ).toContain('k-linear');
      await page
        .locator(SCHEDULES)
        .getByRole('button', { name: 'Copy link to this state' })
        .click();
      const copied = new URL(await page.evaluate(() => navigator.clipboard.readText()));
      expect(copied.hash).toBe('#fig-noise-schedules');
      expect(Object.fromEntries(copied.searchParams)).toEqual({
        'noise-schedules.t': '30',
        'noise-schedules.T': '50',
        'noise-schedules.schedule': 'linear',
        'noise-schedules.show': 'linear,cosine',
      });
      clean(w);
    } finally {
      await w.close();
    }
  });

  test('stands alone at /embed/noise-schedules/, fits a phone and follows a finger', async () => {
    const w = await open(browser, 'embed/noise-schedules/', {
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
    });
    const { page } = w;
    try {
      await ready(page, SCHEDULES);
      expect(await text(page.locator(`${SCHEDULES} .figure-title`))).toBe(
        'Three noise schedules, one face',
      );
      const overflow = await page
        .locator(SCHEDULES)
        .evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      // A sideways finger drag across the charts moves the cursor towards the finger.
      const box = (await page.locator(`${SCHEDULES} .chart svg`).first().boundingBox())!;
      const y = box.y + box.height / 2;
      await touchDrag(page, [box.x + 50, y], [box.x + box.width - 2, y]);
      expect(await stepText(page, SCHEDULES)).toBe('1000 of 1000');
      await axeClean(page, SCHEDULES);
      clean(w);
    } finally {
      await w.close();
    }
  });
});

describe('a face turning into static', () => {
  const stat = async (page: Page, name: 'mean' | 'sd') =>
    Number((await text(page.locator(`${FACE} [data-stat="${name}"]`))).replace('−', '-'));
  const bars = (page: Page) =>
    page.$$eval(`${FACE} .bars rect`, (rects) => rects.map((r) => r.getAttribute('height')));
  const term = (page: Page, name: 'face-term' | 'noise-term' | 'sum') =>
    page.locator(`${FACE} canvas.${name}`);

  test('the t slider fades the face into static and the histogram onto N(0, 1)', async () => {
    const w = await open(browser, 'diffusion/');
    const { page } = w;
    try {
      await ready(page, FACE);
      expect(await page.locator(`${FACE} .equation math`).count()).toBe(1);
      expect(await stepText(page, FACE)).toBe('250 of 1000');
      expect(await term(page, 'sum').evaluate((c) => getComputedStyle(c).imageRendering)).toBe(
        'pixelated',
      );
      expect(await page.locator(`${FACE} path.normal`).getAttribute('d')).toMatch(/^M/);

      const slider = page.locator(FACE).getByRole('slider', { name: 'Step t' });
      await slider.focus();
      await page.keyboard.press('Home');
      expect(await stepText(page, FACE)).toBe('0 of 1000');
      const cleanBars = await bars(page);
      const cleanSum = await canvasBytes(term(page, 'sum'));
      // At t = 0 the sum is the face itself and the noise term is flat grey.
      expect(await canvasBytes(term(page, 'face-term'))).toEqual(cleanSum);
      expect(new Set(await canvasBytes(term(page, 'noise-term')))).toEqual(new Set([128]));

      await page.keyboard.press('End');
      expect(await stepText(page, FACE)).toBe('1000 of 1000');
      expect(await bars(page)).not.toEqual(cleanBars);
      expect(Math.abs(await stat(page, 'mean'))).toBeLessThan(0.1);
      expect(Math.abs((await stat(page, 'sd')) - 1)).toBeLessThan(0.06);
      expect(meanAbsDiff(await canvasBytes(term(page, 'sum')), cleanSum)).toBeGreaterThan(40);

      // Halfway the histogram is somewhere between the two.
      await page.keyboard.press('PageDown');
      const between = await bars(page);
      expect(between).not.toEqual(cleanBars);
      await page.keyboard.press('PageDown');
      expect(await bars(page)).not.toEqual(between);

      // New noise changes the static, a new face changes the face term.
      const noise = await canvasBytes(term(page, 'noise-term'));
      await page.locator(FACE).getByRole('button', { name: 'New noise' }).click();
      expect(await canvasBytes(term(page, 'noise-term'))).not.toEqual(noise);
      const faceTerm = await canvasBytes(term(page, 'face-term'));
      await page.locator(FACE).getByRole('radio').nth(5).click();
      expect(await canvasBytes(term(page, 'face-term'))).not.toEqual(faceTerm);

      await axeClean(page, FACE);
      clean(w, { csp: false });
    } finally {
      await w.close();
    }
  });

  test('restores face, t and noise from a link, and "Copy link" writes them back', async () => {
    const query = 'forward-face.face=5&forward-face.t=600&forward-face.noise=42';
    const w = await open(browser, `embed/forward-face/?${query}`);
    const { page } = w;
    try {
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
      await ready(page, FACE);
      expect(await stepText(page, FACE)).toBe('600 of 1000');
      expect(await page.locator(FACE).getByRole('radio').nth(5).getAttribute('aria-checked')).toBe(
        'true',
      );
      await page.locator(FACE).getByRole('button', { name: 'Copy link to this state' }).click();
      const copied = new URL(await page.evaluate(() => navigator.clipboard.readText()));
      expect(Object.fromEntries(copied.searchParams)).toEqual({
        'forward-face.face': '5',
        'forward-face.t': '600',
        'forward-face.noise': '42',
      });
      // The same noise seed gives the same static after a reload from the link.
      const sum = await canvasBytes(term(page, 'sum'));
      await page.goto(copied.href);
      await ready(page, FACE);
      expect(await canvasBytes(term(page, 'sum'))).toEqual(sum);
      clean(w);
    } finally {
      await w.close();
    }
  });

  test('fits a phone at /embed/forward-face/', async () => {
    const w = await open(browser, 'embed/forward-face/', { viewport: PHONE, isMobile: true });
    const { page } = w;
    try {
      await ready(page, FACE);
      const overflow = await page.locator(FACE).evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await axeClean(page, FACE);
      clean(w);
    } finally {
      await w.close();
    }
  });
});
