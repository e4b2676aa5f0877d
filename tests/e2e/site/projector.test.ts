/**
 * Every figure in presenter mode on a 1024×768 classroom projector: all text at least
 * 24 px and at least 7:1 against what is under it (projector.ts measures both), no
 * horizontal scrolling, and the figure's main picture on the first screen.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launch, open } from '../lib/browser.ts';
import { PROJECTOR, projectorReport } from '../lib/projector.ts';
import { FIGURE_IDS } from '../../../src/figures/ids.ts';

let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(() => browser?.close());

/** Opens the figure's embed straight into presenter mode and waits until it is live. */
async function present(id: string) {
  const w = await open(browser, `embed/${id}/?present=${id}`, { viewport: PROJECTOR });
  const figure = `[data-figure="${id}"]`;
  await w.page.waitForSelector(`${figure}.presenting[data-hydrated="true"]`);
  await w.page.waitForSelector(`${figure}:not([data-status="loading"])`, { timeout: 30_000 });
  await w.page.evaluate(() => document.fonts.ready);
  return w;
}

/**
 * The figure's main picture (its first canvas, SVG or image at least 100 px square, as
 * drawn) and how far the presenter overlay scrolls sideways.
 */
const layout = (page: Page, id: string) =>
  page.$eval(`[data-figure="${id}"]`, (figure) => {
    figure.scrollTo(0, 0);
    const pictures = [...figure.querySelectorAll('.figure-body :is(canvas, svg, img)')];
    const main = pictures
      .map((el) => el.getBoundingClientRect())
      .find((box) => box.width >= 100 && box.height >= 100);
    return {
      horizontalScroll: figure.scrollWidth - figure.clientWidth,
      main: main && { left: main.left, top: main.top, right: main.right, bottom: main.bottom },
    };
  });

test.each(FIGURE_IDS)('%s is readable on a 1024×768 projector', async (id) => {
  const w = await present(id);
  try {
    const report = await projectorReport(w.page, id);
    expect(report.checked).toBeGreaterThan(3);
    expect(report.violations).toEqual([]);

    const { horizontalScroll, main } = await layout(w.page, id);
    expect(horizontalScroll).toBeLessThanOrEqual(0);
    // The main picture starts on the first screen with at least 200 px of it (or all of it)
    // showing, and is not cut at the sides.
    expect(main).toBeDefined();
    expect(main!.left).toBeGreaterThanOrEqual(0);
    expect(main!.right).toBeLessThanOrEqual(PROJECTOR.width);
    expect(main!.top).toBeGreaterThanOrEqual(0);
    const shown = Math.min(main!.bottom, PROJECTOR.height) - main!.top;
    expect(shown).toBeGreaterThanOrEqual(Math.min(200, main!.bottom - main!.top));

    // axe's enhanced-contrast rule as a second opinion (it allows 4.5:1 for large text).
    const axe = await new AxeBuilder({ page: w.page })
      .include(`[data-figure="${id}"]`)
      .withRules(['color-contrast-enhanced'])
      .analyze();
    expect(axe.violations.flatMap((v) => v.nodes.map((n) => n.target.join(' ')))).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
  } finally {
    await w.close();
  }
});
