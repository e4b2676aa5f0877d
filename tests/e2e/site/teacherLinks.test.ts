/**
 * Teacher links and the embed index. A figure's URL can hide its control groups
 * (`?<id>-hide=seed,steps`); every figure is opened with all of its groups hidden and must
 * still render, with nothing else hidden; an unknown name changes nothing; "Copy link to this
 * state" keeps the hide parameter. The index page (/figures/) lists every figure with a
 * working preview and an embed snippet that the checkboxes rewrite.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PHONE, launch, open } from '../lib/browser.ts';
import { FIGURES, FIGURE_IDS, hideableControls } from '../../../src/figures/registry.ts';
import { hideParam } from '../../../src/figures/shell/hiddenControls.ts';

let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(() => browser?.close());

const fig = (id: string) => `[data-figure="${id}"]`;

async function live(page: Page, id: string) {
  await page.waitForSelector(`${fig(id)}[data-hydrated="true"]`, { timeout: 60_000 });
  await page.waitForSelector(`${fig(id)}:not([data-status="loading"])`, { timeout: 60_000 });
}

const visibleCount = (page: Page, id: string, name: string) =>
  page
    .locator(`${fig(id)} [data-control~="${name}"]`)
    .filter({ visible: true })
    .count();

/**
 * With `hide` as the figure's data-hide, the names that break the rule: a hidden name with a
 * visible element, or a shown name with no visible element outside the hidden groups.
 */
function wrongWith(page: Page, id: string, names: string[], hide: string[]) {
  return page.evaluate(
    ({ selector, names, hide }) => {
      const figure = document.querySelector<HTMLElement>(selector)!;
      figure.dataset['hide'] = hide.join(' ');
      const shown = (el: Element) => el.checkVisibility();
      const wrong: string[] = [];
      for (const name of names) {
        const els = [...figure.querySelectorAll(`[data-control~="${name}"]`)];
        const insideHidden = (el: Element) =>
          hide.some((h) => el.closest(`[data-control~="${h}"]`) !== null);
        if (
          hide.includes(name) ? els.some(shown) : !els.some((el) => shown(el) || insideHidden(el))
        )
          wrong.push(name);
      }
      return wrong;
    },
    { selector: fig(id), names, hide },
  );
}

describe('hiding controls by URL', () => {
  test.each(FIGURE_IDS)('%s: all its controls hidden, the figure still renders', async (id) => {
    const names = Object.keys(hideableControls(id));
    const w = await open(browser, `embed/${id}/?${hideParam(id)}=${names.join(',')}`);
    const { page } = w;
    try {
      await live(page, id);
      expect(await page.getAttribute(fig(id), 'data-hide')).toBe(names.join(' '));
      for (const name of names) {
        expect(await page.locator(`${fig(id)} [data-control~="${name}"]`).count()).toBeGreaterThan(
          0,
        );
        expect(await visibleCount(page, id, name), name).toBe(0);
      }
      const figure = page.locator(fig(id));
      expect(await figure.getAttribute('data-status')).not.toBe('error');
      const body = (await page.locator(`${fig(id)} .figure-body`).boundingBox())!;
      expect(body.height).toBeGreaterThan(60);
      expect(await page.locator(`${fig(id)} .figure-title`).isVisible()).toBe(true);

      // Exactly those: without the attribute every group shows again, and hiding one group
      // hides it alone (and whatever sits inside it).
      expect(await wrongWith(page, id, names, [])).toEqual([]);
      for (const name of names) expect(await wrongWith(page, id, names, [name])).toEqual([]);
      expect(w.consoleErrors).toEqual([]);
      expect(w.cspViolations).toEqual([]);
    } finally {
      await w.close();
    }
  });

  test('an unknown or malformed name is ignored', async () => {
    const w = await open(browser, 'embed/timeline/?timeline-hide=bogus,play,%3Cb%3E');
    const { page } = w;
    try {
      await live(page, 'timeline');
      expect(await page.getAttribute(fig('timeline'), 'data-hide')).toBe('bogus play');
      expect(await visibleCount(page, 'timeline', 'play')).toBe(0);
      expect(await visibleCount(page, 'timeline', 'range')).toBeGreaterThan(0);
      expect(await visibleCount(page, 'timeline', 'toolbar')).toBe(1);
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });

  test('works on an article page, for that figure only, before it hydrates too', async () => {
    const w = await open(
      browser,
      'vae/?vae-anatomy-hide=face,draw&vae-forgot-hide=faces#fig-vae-anatomy',
    );
    const { page } = w;
    try {
      // The last figure of the chapter is far below: still a poster, already without its button.
      const forgot = page.locator(fig('vae-forgot'));
      expect(await forgot.getAttribute('data-hydrated')).toBe('false');
      expect(await forgot.getAttribute('data-hide')).toBe('faces');
      expect(await visibleCount(page, 'vae-forgot', 'faces')).toBe(0);
      await live(page, 'vae-anatomy');
      expect(await visibleCount(page, 'vae-anatomy', 'face')).toBe(0);
      expect(await visibleCount(page, 'vae-anatomy', 'draw')).toBe(0);
      await page.locator(fig('vae-loss')).scrollIntoViewIfNeeded();
      await live(page, 'vae-loss');
      expect(await visibleCount(page, 'vae-loss', 'face')).toBe(1);
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });

  test('a hidden control keeps its state from the URL, and Copy link keeps the hide', async () => {
    const id = 'forward-face';
    const w = await open(browser, `embed/${id}/?${id}-hide=step,noise&${id}.t=500`);
    const { page } = w;
    try {
      await live(page, id);
      const slider = page.locator(`${fig(id)} input[type="range"]`);
      expect(await slider.isVisible()).toBe(false);
      expect(await slider.inputValue()).toBe('500');
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
      await page.getByRole('button', { name: 'Copy link to this state' }).click();
      const link = new URL(await page.evaluate(() => navigator.clipboard.readText()));
      expect(link.searchParams.get(`${id}-hide`)).toBe('step,noise');
      expect(link.searchParams.get(`${id}.t`)).toBe('500');
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });

  test('presenter mode keeps the toolbar, whose button leaves it', async () => {
    const w = await open(browser, 'embed/gan-losses/?present=gan-losses&gan-losses-hide=toolbar');
    const { page } = w;
    try {
      await live(page, 'gan-losses');
      const exit = page.getByRole('button', { name: 'Exit presenter mode' });
      await exit.waitFor();
      await exit.click();
      expect(await visibleCount(page, 'gan-losses', 'toolbar')).toBe(0);
    } finally {
      await w.close();
    }
  });
});

describe('the embed index', () => {
  test('lists every figure with a preview, links and a lazy, titled iframe snippet', async () => {
    const w = await open(browser, 'figures/');
    const { page } = w;
    try {
      const entries = await page.$$eval('[data-entry]', (els) =>
        els.map((el) => (el as HTMLElement).dataset['entry']),
      );
      expect(entries).toEqual([...FIGURE_IDS]);
      for (const id of FIGURE_IDS) {
        const entry = page.locator(`[data-entry="${id}"]`);
        expect(await entry.locator('h2').textContent()).toBe(FIGURES[id].title);
        const snippet = (await entry.locator('[data-snippet]').textContent())!.trim();
        const iframe = await page.evaluate((html) => {
          const el = new DOMParser().parseFromString(html, 'text/html').querySelector('iframe')!;
          return {
            src: el.getAttribute('src')!,
            loading: el.getAttribute('loading'),
            title: el.getAttribute('title'),
            width: Number(el.getAttribute('width')),
            height: Number(el.getAttribute('height')),
          };
        }, snippet);
        expect(iframe.loading).toBe('lazy');
        expect(iframe.title).toBe(FIGURES[id].title);
        expect(new URL(iframe.src).pathname).toMatch(new RegExp(`/embed/${id}/$`));
        expect(iframe.width).toBeGreaterThan(0);
        expect(iframe.height).toBeGreaterThan(0);

        const img = entry.locator('img');
        expect(await img.getAttribute('loading')).toBe('lazy');
        expect(await img.getAttribute('alt')).toContain(FIGURES[id].title);
        expect(Number(await img.getAttribute('width'))).toBeGreaterThan(0);
        const src = new URL((await img.getAttribute('src'))!, page.url()).toString();
        const response = await page.request.get(src);
        expect(response.status(), src).toBe(200);
        expect(response.headers()['content-type']).toBe('image/jpeg');

        const embedHref = await entry.locator('[data-link="embed"]').getAttribute('href');
        // The snippet names the public site; the same path must exist in this build.
        const embedHere = new URL(new URL(embedHref!).pathname, page.url()).toString();
        expect((await page.request.get(embedHere)).status(), embedHere).toBe(200);
      }
      expect(w.foreignRequests).toEqual([]);
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });

  test('the checkboxes rewrite the snippet and the links; Copy copies, or selects', async () => {
    const w = await open(browser, 'figures/', { viewport: PHONE });
    const { page } = w;
    try {
      const id = 'reverse-process';
      const entry = page.locator(`[data-entry="${id}"]`);
      await entry.scrollIntoViewIfNeeded();
      await entry.getByRole('checkbox', { name: 'Seed' }).check();
      await entry.getByRole('checkbox', { name: 'Reset, link and Present buttons' }).check();
      await entry.getByRole('checkbox', { name: 'Start in presenter mode' }).check();
      const snippet = (await entry.locator('[data-snippet]').textContent())!;
      expect(snippet).toContain(`/embed/${id}/?${id}-hide=seed,toolbar&amp;present=${id}"`);
      const chapter = await entry.locator('[data-link="chapter"]').getAttribute('href');
      expect(chapter).toContain(`?${id}-hide=seed,toolbar&present=${id}#fig-${id}`);

      await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
      await entry.getByRole('button', { name: /^Copy/ }).click();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(snippet.trim());
      await expect.poll(() => entry.getByRole('status').textContent()).toBe('Copied.');

      await entry.getByRole('checkbox', { name: 'Seed' }).uncheck();
      await page.evaluate(() => {
        navigator.clipboard.writeText = () => Promise.reject(new Error('denied'));
      });
      await entry.getByRole('button', { name: /^Copy/ }).click();
      await expect.poll(() => entry.getByRole('status').textContent()).toContain('selected');
      const selected = await page.evaluate(() => getSelection()?.toString());
      expect(selected).toContain(`${id}-hide=toolbar&amp;present=`);
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });

  test('is axe clean at phone and laptop widths, and linked from the footer', async () => {
    for (const viewport of [PHONE, { width: 1280, height: 800 }]) {
      const w = await open(browser, 'figures/', { viewport });
      try {
        const axe = await new AxeBuilder({ page: w.page }).analyze();
        expect(axe.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
        const overflow = await w.page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow).toBe(0);
      } finally {
        await w.close();
      }
    }
    const home = await open(browser, '');
    try {
      const link = home.page.locator('footer a', { hasText: 'Every figure, for teachers' });
      expect(new URL((await link.getAttribute('href'))!, home.page.url()).pathname).toBe(
        '/figures/',
      );
    } finally {
      await home.close();
    }
  });
});
