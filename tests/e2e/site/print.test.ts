/**
 * Printing a chapter (src/site/print.ts, src/styles/print.css): with every figure woken, the
 * print shows each canvas as an image of its pixels, each figure's table or description,
 * and no control; a figure that never woke prints its table and a note instead of empty
 * boxes; afterwards the page is as it was. `page.pdf()` is Chromium's print, so it also
 * checks that the print really fires `beforeprint` and that the PDF has pages.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launch, open, wakeFigures } from '../lib/browser.ts';

const CHAPTERS = ['vae', 'gan', 'diffusion', 'compare'] as const;

let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(() => browser?.close());

/** What the print shows of each figure, read in the page. */
interface PrintedFigure {
  id: string;
  hydrated: boolean;
  canvases: number;
  /** Canvases still visible: must be none. */
  visibleCanvases: number;
  /** Canvases replaced by an image that loaded and shows. */
  imaged: number;
  /** Canvases hidden because nothing was drawn in them. */
  blank: number;
  alternativeOpen: boolean;
  alternativeText: number;
  alternativeTables: number;
  /** Sliders, and buttons that hold no picture, still visible: must be none. */
  visibleControls: string[];
  note: boolean;
  /** Whether the figure's live part (pictures, charts, controls) prints. */
  bodyShown: boolean;
}

const printed = (page: Page): Promise<PrintedFigure[]> =>
  page.$$eval('figure[data-figure]', (figures) => {
    const shows = (el: Element) => {
      const box = el.getBoundingClientRect();
      return getComputedStyle(el).display !== 'none' && box.width > 0 && box.height > 0;
    };
    return figures.map((figure) => {
      const canvases = [...figure.querySelectorAll('canvas')];
      const alternative = figure.querySelector<HTMLDetailsElement>('details.figure-alternative');
      const imaged = canvases.filter((canvas) => {
        const img = canvas.nextElementSibling;
        return (
          img instanceof HTMLImageElement &&
          img.getAttribute('data-print-snapshot') === 'loaded' &&
          img.complete &&
          img.naturalWidth > 0 &&
          shows(img)
        );
      });
      const controls = [
        ...figure.querySelectorAll<HTMLElement>('input[type="range"], button'),
      ].filter(
        (el) =>
          shows(el) &&
          !(el instanceof HTMLButtonElement && [...el.querySelectorAll('img')].some(shows)),
      );
      return {
        id: figure.getAttribute('data-figure') ?? '',
        hydrated: figure.getAttribute('data-hydrated') === 'true',
        canvases: canvases.length,
        visibleCanvases: canvases.filter(shows).length,
        imaged: imaged.length,
        blank: canvases.filter((c) => c.hasAttribute('data-print-blank')).length,
        alternativeOpen: alternative?.open === true && shows(alternative),
        alternativeText: alternative?.textContent?.trim().length ?? 0,
        alternativeTables: alternative?.querySelectorAll('table').length ?? 0,
        visibleControls: controls.map((el) => el.outerHTML.slice(0, 80)),
        note: figure.querySelector('[data-print-note]') !== null,
        bodyShown: [...figure.querySelectorAll('.figure-body')].some(shows),
      };
    });
  });

/** Marks the page leaves while printing; all must be gone afterwards. */
const leftovers = (page: Page) =>
  page.$$eval(
    '[data-print-snapshot], [data-print-swapped], [data-print-blank], [data-print-reading], [data-print-note], [data-print-asleep]',
    (els) => els.length,
  );

const openAlternatives = (page: Page) =>
  page.$$eval(
    'details.figure-alternative',
    (els) => els.filter((d) => (d as HTMLDetailsElement).open).length,
  );

const visibleCanvases = (page: Page) =>
  page.$$eval('figure canvas', (cs) => cs.filter((c) => c.checkVisibility()).length);

async function startPrinting(page: Page) {
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.waitForFunction(
    () => !document.querySelector('img[data-print-snapshot="pending"]'),
    undefined,
    { timeout: 10_000 },
  );
}

async function stopPrinting(page: Page) {
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  // null, not 'screen': page.pdf() prints with the emulated medium.
  await page.emulateMedia({ media: null });
}

/** Prints the page to PDF, recording the print events the page saw. */
async function printPdf(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { printEvents: string[] };
    w.printEvents = [];
    addEventListener('beforeprint', () => w.printEvents.push('beforeprint'));
    addEventListener('afterprint', () => w.printEvents.push('afterprint'));
  });
  const pdf = await page.pdf({ format: 'A4' });
  const events = await page.evaluate(
    () => (window as unknown as { printEvents: string[] }).printEvents,
  );
  const text = pdf.toString('latin1');
  return {
    pdf,
    events,
    // Page objects, not the /Pages tree nodes.
    pages: text.match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0,
  };
}

describe('printing a chapter after reading it', () => {
  test.each(CHAPTERS)(
    '/%s/ prints every canvas as an image, every table, no control, and restores the page',
    async (chapter) => {
      const w = await open(browser, `${chapter}/`);
      const { page } = w;
      try {
        await wakeFigures(page);
        // A reader who read the chapter let its figures finish: the prompting figure's
        // guidance grid goes on computing in its worker after the figure is ready.
        await page.waitForFunction(
          () => !document.querySelector('[data-grid-busy="true"]'),
          undefined,
          {
            timeout: 60_000,
          },
        );
        const openBefore = await openAlternatives(page);
        const canvasesBefore = await visibleCanvases(page);

        await startPrinting(page);
        const figures = await printed(page);
        expect(figures.length).toBeGreaterThan(1);
        for (const f of figures) {
          const where = `figure ${f.id}`;
          expect(f.hydrated, where).toBe(true);
          expect(f.visibleCanvases, where).toBe(0);
          // Every canvas prints as its image, except those with nothing drawn in them.
          expect(f.imaged + f.blank, where).toBe(f.canvases);
          expect(f.alternativeOpen, where).toBe(true);
          expect(f.alternativeText, where).toBeGreaterThan(40);
          expect(f.visibleControls, where).toEqual([]);
          expect(f.note, where).toBe(false);
          expect(f.bodyShown, where).toBe(true);
        }
        const canvases = figures.reduce((n, f) => n + f.canvases, 0);
        const imaged = figures.reduce((n, f) => n + f.imaged, 0);
        if (canvases > 0) expect(imaged).toBeGreaterThan(canvases / 2);

        await stopPrinting(page);
        expect(await leftovers(page)).toBe(0);
        expect(await openAlternatives(page)).toBe(openBefore);
        expect(await visibleCanvases(page)).toBe(canvasesBefore);

        const { pdf, events, pages } = await printPdf(page);
        expect(events).toEqual(['beforeprint', 'afterprint']);
        expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
        expect(pages).toBeGreaterThan(3);
        expect(pages).toBeLessThan(60);
        expect(pdf.length).toBeGreaterThan(100_000);
        expect(pdf.length).toBeLessThan(30_000_000);
        // page.pdf() ran the same preparation and restored the page after it.
        expect(await leftovers(page)).toBe(0);

        expect(w.consoleErrors).toEqual([]);
        expect(w.cspViolations).toEqual([]);
      } finally {
        await w.close();
      }
    },
    240_000,
  );
});

describe('printing a chapter straight away', () => {
  test('figures that never woke print their words and numbers and a note, not empty boxes', async () => {
    const w = await open(browser, 'vae/');
    const { page } = w;
    try {
      // The timeline, at the top, wakes with the page; on a busy machine that can take longer
      // than the first print, so wait for it (the figures further down never wake here).
      await page.waitForSelector('[data-figure="timeline"][data-hydrated="true"]');
      await startPrinting(page);
      const figures = await printed(page);
      const asleep = figures.filter((f) => !f.hydrated && f.canvases > 0);
      expect(asleep.length).toBeGreaterThan(2);
      for (const f of figures) {
        const where = `figure ${f.id}`;
        expect(f.visibleCanvases, where).toBe(0);
        expect(f.alternativeOpen, where).toBe(true);
        expect(f.alternativeText, where).toBeGreaterThan(40);
        expect(f.visibleControls, where).toEqual([]);
      }
      for (const f of asleep) {
        expect(f.blank, `figure ${f.id}`).toBe(f.canvases);
        expect(f.note, `figure ${f.id}`).toBe(true);
        expect(f.bodyShown, `figure ${f.id}`).toBe(false);
      }
      // The timeline, at the top, woke with the page and prints whole.
      expect(figures.find((f) => f.id === 'timeline')).toMatchObject({
        hydrated: true,
        bodyShown: true,
        note: false,
      });
      await stopPrinting(page);
      expect(await leftovers(page)).toBe(0);

      const { pdf, pages } = await printPdf(page);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pages).toBeGreaterThan(3);
      expect(w.consoleErrors).toEqual([]);
      expect(w.cspViolations).toEqual([]);
    } finally {
      await w.close();
    }
  }, 120_000);
});
