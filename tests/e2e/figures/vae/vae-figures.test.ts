/**
 * The VAE chapter's five live figures, driven as readers drive them: by keyboard, mouse and
 * touch, from a shared link, in presenter mode and with the GPU disabled. Each test asserts
 * that the outputs change the way the model says they should (a far-away point decodes to
 * another face; "Draw again" moves the code but not the mean; moving the mean away from the
 * prior raises the KL), that no tensor is left behind, and that nothing logs an error.
 */
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PHONE, launch, open, siteUrl } from '../../lib/browser.ts';
import { liveTensors } from '../../../../scripts/lib/tensors.ts';
import {
  survivalSentence,
  survivalTable,
} from '../../../../src/figures/vae/vae-forgot/vaeSurvival.ts';

const fig = (id: string) => `[data-figure="${id}"]`;
const MAP = fig('vae-latent-map');
const ANATOMY = fig('vae-anatomy');
const WALK = fig('vae-interpolate');
const FORGOT = fig('vae-forgot');
const LOSS = fig('vae-loss');
const VAE_FIGURES = [MAP, ANATOMY, WALK, FORGOT, LOSS];

let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(() => browser?.close());

async function ready(page: Page, selector: string) {
  await page.locator(selector).scrollIntoViewIfNeeded();
  await page.waitForSelector(`${selector}[data-status="ready"]`, { timeout: 30_000 });
}
const pixels = (canvas: Locator) => canvas.evaluate((c) => (c as HTMLCanvasElement).toDataURL());
/** The chapter's model runs in the page's VAE worker. */
const numTensors = (page: Page) => liveTensors(page, 'vae');
const text = async (l: Locator) => (await l.textContent())?.trim() ?? '';

/** A finger drag from `a` to `b` (page coordinates), through Chromium's touch input. */
async function touchDrag(page: Page, a: [number, number], b: [number, number], steps = 12) {
  const cdp = await page.context().newCDPSession(page);
  const point = (t: number) => ({ x: a[0] + t * (b[0] - a[0]), y: a[1] + t * (b[1] - a[1]) });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [point(0)] });
  for (let i = 1; i <= steps; i++) {
    await cdp.send('Input.dispatchTouchEvent', {
      type: 'touchMove',
      touchPoints: [point(i / steps)],
    });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

/** The plane's box and a function from fractions of it to page coordinates. */
async function planeAt(page: Page, selector: string) {
  const box = (await page.locator(`${selector} svg[role="application"]`).boundingBox())!;
  return (fx: number, fy: number): [number, number] => [
    box.x + fx * box.width,
    box.y + fy * box.height,
  ];
}

describe('the latent map', () => {
  const decoded = (page: Page) => page.locator(`${MAP} canvas.big`);
  const coords = (page: Page) => text(page.locator(`${MAP} .coords`));

  test('shows 500 held-out faces and decodes the point under a dragged mouse', async () => {
    const w = await open(browser, 'vae/');
    const { page } = w;
    try {
      await ready(page, MAP);
      expect(await text(page.locator(`${MAP} .badge`))).toContain('WebAssembly');
      const dots = await page.$$eval(`${MAP} path.dots`, (paths) =>
        paths.reduce((n, p) => n + (p.getAttribute('d')?.match(/M/g)?.length ?? 0), 0),
      );
      expect(dots).toBe(500);
      const baseline = await numTensors(page);

      const at = await planeAt(page, MAP);
      await page.mouse.click(...at(0.2, 0.2));
      await expect.poll(() => coords(page)).toMatch(/^z = \(−\d\.\d\d, \d\.\d\d\)$/);
      await page.waitForTimeout(100);
      const upperLeft = await pixels(decoded(page));

      // A drag to the far corner: the cursor follows, and the face under it is redrawn.
      await page.mouse.move(...at(0.2, 0.2));
      await page.mouse.down();
      for (let i = 1; i <= 30; i++) await page.mouse.move(...at(0.2 + i * 0.02, 0.2 + i * 0.02));
      await page.mouse.up();
      await expect.poll(() => coords(page)).toMatch(/^z = \(\d\.\d\d, −\d\.\d\d\)$/);
      await expect.poll(() => pixels(decoded(page))).not.toBe(upperLeft);

      await expect.poll(() => numTensors(page), { timeout: 5000 }).toBe(baseline);
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });

  test('moves by arrow keys (Shift for bigger steps, Home to centre) and redraws', async () => {
    const w = await open(browser, 'vae/');
    const { page } = w;
    try {
      await ready(page, MAP);
      const before = await pixels(decoded(page));
      await page.locator(`${MAP} svg[role="application"]`).focus();
      await page.keyboard.press('ArrowRight');
      expect(await coords(page)).toBe('z = (0.05, 0.00)');
      await page.keyboard.press('Shift+ArrowUp');
      expect(await coords(page)).toBe('z = (0.05, 0.25)');
      for (let i = 0; i < 6; i++) await page.keyboard.press('Shift+ArrowDown');
      expect(await coords(page)).toBe('z = (0.05, −1.25)');
      await expect.poll(() => pixels(decoded(page))).not.toBe(before);
      await page.keyboard.press('Home');
      expect(await coords(page)).toBe('z = (0.00, 0.00)');
      await expect.poll(() => pixels(decoded(page))).toBe(before);
    } finally {
      await w.close();
    }
  });

  test('colours the faces by a chosen factor with a legend, and tiles the plane', async () => {
    const w = await open(browser, 'vae/');
    const { page } = w;
    try {
      await ready(page, MAP);
      const select = page.locator(MAP).getByRole('combobox', { name: 'Colour faces by' });
      await select.selectOption('hairStyle');
      const legend = await text(page.locator(`${MAP} .legend`));
      for (const style of ['short', 'long', 'curly', 'bun', 'bald'])
        expect(legend).toContain(style);
      const classes = await page.$$eval(`${MAP} path.dots`, (ps) =>
        ps.map((p) => p.getAttribute('class')),
      );
      expect(classes.length).toBe(5);
      await select.selectOption('skinTone');
      expect(await text(page.locator(`${MAP} .legend`))).toMatch(/light\s*deep/);

      const tile = page.locator(MAP).getByRole('button', { name: 'Tile the plane with drawings' });
      await tile.click();
      expect(await tile.getAttribute('aria-pressed')).toBe('true');
      // The tiles are 81 different faces: the canvas is far from one flat colour.
      await expect
        .poll(() =>
          page.locator(`${MAP} canvas.tiles`).evaluate((c) => {
            const d = (c as HTMLCanvasElement).getContext('2d')!.getImageData(0, 0, 288, 288).data;
            let sum = 0;
            let sq = 0;
            for (let i = 0; i < d.length; i += 4) {
              sum += d[i]!;
              sq += d[i]! * d[i]!;
            }
            const n = d.length / 4;
            return Math.sqrt(sq / n - (sum / n) ** 2);
          }),
        )
        .toBeGreaterThan(20);
      const axe = await new AxeBuilder({ page }).include(MAP).analyze();
      expect(axe.violations.filter((v) => v.impact !== 'minor').map((v) => v.id)).toEqual([]);
    } finally {
      await w.close();
    }
  });

  test('restores cursor, colouring and tiles from a link, and "Copy link" writes them back', async () => {
    const query =
      'vae-latent-map.x=150&vae-latent-map.y=-120&vae-latent-map.by=hairStyle&vae-latent-map.grid=on';
    const w = await open(browser, `vae/?${query}#fig-vae-latent-map`);
    const { page } = w;
    try {
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
      await ready(page, MAP);
      expect(await coords(page)).toBe('z = (1.50, −1.20)');
      expect(await page.locator(`${MAP} select`).inputValue()).toBe('hairStyle');
      expect(
        await page
          .locator(MAP)
          .getByRole('button', { name: 'Tile the plane with drawings' })
          .getAttribute('aria-pressed'),
      ).toBe('true');
      await page.locator(MAP).getByRole('button', { name: 'Copy link to this state' }).click();
      const copied = new URL(await page.evaluate(() => navigator.clipboard.readText()));
      expect(copied.hash).toBe('#fig-vae-latent-map');
      expect(Object.fromEntries(copied.searchParams)).toEqual({
        'vae-latent-map.x': '150',
        'vae-latent-map.y': '-120',
        'vae-latent-map.by': 'hairStyle',
        'vae-latent-map.grid': 'on',
      });
    } finally {
      await w.close();
    }
  });

  test('on a phone, a finger drags the cursor without scrolling the page', async () => {
    const w = await open(browser, 'vae/', { viewport: PHONE, hasTouch: true, isMobile: true });
    const { page } = w;
    try {
      await ready(page, MAP);
      const at = await planeAt(page, MAP);
      await page.touchscreen.tap(...at(0.5, 0.5));
      const before = await pixels(decoded(page));
      const scrolled = await page.evaluate(() => window.scrollY);
      await touchDrag(page, at(0.5, 0.5), at(0.9, 0.15));
      await expect.poll(() => coords(page)).toMatch(/^z = \(2\.\d\d, 2\.\d\d\)$/);
      await expect.poll(() => pixels(decoded(page))).not.toBe(before);
      expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });

  test('in presenter mode the keyboard still drives it, and Escape leaves', async () => {
    const w = await open(browser, 'vae/?present=vae-latent-map#fig-vae-latent-map');
    const { page } = w;
    try {
      await ready(page, MAP);
      expect(await page.locator(MAP).getAttribute('role')).toBe('dialog');
      const before = await pixels(decoded(page));
      await page.locator(`${MAP} svg[role="application"]`).focus();
      for (let i = 0; i < 8; i++) await page.keyboard.press('Shift+ArrowLeft');
      expect(await coords(page)).toBe('z = (−2.00, 0.00)');
      await expect.poll(() => pixels(decoded(page))).not.toBe(before);
      await page.keyboard.press('Escape');
      expect(await page.locator(MAP).getAttribute('role')).toBeNull();
    } finally {
      await w.close();
    }
  });
});

describe('anatomy', () => {
  const value = (page: Page, name: string) =>
    text(page.locator(`${ANATOMY} [data-value="${name}"]`));
  const drawing = (page: Page) => page.locator(`${ANATOMY} .s-draw canvas`).first();

  test('"Draw again" picks another code and drawing, but the mean and spread stay', async () => {
    const w = await open(browser, 'vae/');
    const { page } = w;
    try {
      await ready(page, ANATOMY);
      const baseline = await numTensors(page);
      const [mu, sigma, z] = [
        await value(page, 'mu'),
        await value(page, 'sigma'),
        await value(page, 'z'),
      ];
      expect(mu).toMatch(/^\(−?\d\.\d\d, −?\d\.\d\d\)$/);
      const image = await pixels(drawing(page));
      // By keyboard: the button is reachable and Enter presses it.
      await page.locator(ANATOMY).getByRole('button', { name: 'Draw again' }).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => value(page, 'z')).not.toBe(z);
      await expect.poll(() => pixels(drawing(page))).not.toBe(image);
      expect(await value(page, 'mu')).toBe(mu);
      expect(await value(page, 'sigma')).toBe(sigma);
      expect(await text(page.locator(`${ANATOMY} .numbers`))).toContain('draw 2');
      // By pointer, a third draw.
      await page.locator(ANATOMY).getByRole('button', { name: 'Draw again' }).click();
      expect(await text(page.locator(`${ANATOMY} .numbers`))).toContain('draw 3');
      expect(await value(page, 'mu')).toBe(mu);
      await expect.poll(() => numTensors(page), { timeout: 5000 }).toBe(baseline);
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });

  test('another face, chosen by arrow key or by click, gets its own mean', async () => {
    const w = await open(browser, 'vae/');
    const { page } = w;
    try {
      await ready(page, ANATOMY);
      const mu = await value(page, 'mu');
      const picker = page
        .locator(ANATOMY)
        .getByRole('radiogroup', { name: 'Held-out faces to encode' });
      await picker.locator('[aria-checked="true"]').focus();
      await page.keyboard.press('ArrowRight');
      expect(await picker.locator('[aria-checked="true"]').getAttribute('aria-label')).toMatch(
        /^Face 1000004:/,
      );
      await expect.poll(() => value(page, 'mu')).not.toBe(mu);
      const second = await value(page, 'mu');
      await picker.getByRole('radio').first().click();
      expect(await picker.locator('[aria-checked="true"]').getAttribute('aria-label')).toMatch(
        /^Face 1000000:/,
      );
      await expect.poll(() => value(page, 'mu')).not.toBe(second);
    } finally {
      await w.close();
    }
  });

  test('a shared link restores the face and the draw exactly', async () => {
    const path = 'vae/?vae-anatomy.face=12&vae-anatomy.draw=3#fig-vae-anatomy';
    const first = await open(browser, path);
    const second = await open(browser, path);
    try {
      for (const { page } of [first, second]) await ready(page, ANATOMY);
      const checked = first.page.locator(`${ANATOMY} [role="radio"][aria-checked="true"]`);
      expect(await checked.getAttribute('aria-label')).toMatch(/^Face 1000012:/);
      expect(await text(first.page.locator(`${ANATOMY} .numbers`))).toContain('draw 4');
      expect(await value(second.page, 'z')).toBe(await value(first.page, 'z'));
      expect(await pixels(drawing(second.page))).toBe(await pixels(drawing(first.page)));
    } finally {
      await first.close();
      await second.close();
    }
  });
});

describe('interpolation', () => {
  const current = (page: Page) => page.locator(`${WALK} .compare canvas`).first();
  const slider = (page: Page) =>
    page.locator(WALK).getByRole('slider', { name: 'Walk from A to B' });

  test('the slider (keys or drag) and the strip walk the line between two codes', async () => {
    const w = await open(browser, 'vae/');
    const { page } = w;
    try {
      await ready(page, WALK);
      const baseline = await numTensors(page);
      const strip = await page.$$eval(`${WALK} .strip canvas`, (cs) =>
        cs.map((c) => (c as HTMLCanvasElement).toDataURL()),
      );
      expect(strip).toHaveLength(9);
      expect(new Set(strip).size).toBeGreaterThan(4);
      const middle = await pixels(current(page));
      await slider(page).focus();
      await page.keyboard.press('End');
      expect(await slider(page).inputValue()).toBe('100');
      await expect.poll(() => pixels(current(page))).not.toBe(middle);
      const end = await pixels(current(page));

      // Pointer: a click on the strip's first face walks back to A; a drag on the slider moves.
      await page.locator(`${WALK} .strip button`).first().click();
      expect(await slider(page).inputValue()).toBe('0');
      await expect.poll(() => pixels(current(page))).not.toBe(end);
      const box = (await slider(page).boundingBox())!;
      await page.mouse.move(box.x + 4, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.75, box.y + box.height / 2, { steps: 8 });
      await page.mouse.up();
      expect(Number(await slider(page).inputValue())).toBeGreaterThan(50);
      await expect.poll(() => numTensors(page), { timeout: 5000 }).toBe(baseline);
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });

  test('restores both faces and the position from a link; Swap mirrors the walk', async () => {
    const w = await open(
      browser,
      'vae/?vae-interpolate.a=20&vae-interpolate.b=3&vae-interpolate.t=30#fig-vae-interpolate',
    );
    const { page } = w;
    try {
      await ready(page, WALK);
      const a = page.locator(WALK).getByRole('radiogroup', { name: 'Start face A' });
      const b = page.locator(WALK).getByRole('radiogroup', { name: 'End face B' });
      expect(await a.locator('[aria-checked="true"]').getAttribute('aria-label')).toMatch(
        /^Face 1000020:/,
      );
      expect(await b.locator('[aria-checked="true"]').getAttribute('aria-label')).toMatch(
        /^Face 1000003:/,
      );
      expect(await slider(page).inputValue()).toBe('30');
      await page.locator(WALK).getByRole('button', { name: 'Swap A and B' }).click();
      expect(await a.locator('[aria-checked="true"]').getAttribute('aria-label')).toMatch(
        /^Face 1000003:/,
      );
      expect(await slider(page).inputValue()).toBe('70');
    } finally {
      await w.close();
    }
  });
});

describe('what the bottleneck forgot', () => {
  test('prints the measured numbers in the page itself, worded from the numbers', async () => {
    const metrics = JSON.parse(readFileSync('public/models/metrics.json', 'utf8'));
    const sentence = survivalSentence(survivalTable(metrics.models.vae.survives));
    const html = await (await fetch(new URL('vae/', siteUrl()))).text();
    // Before any script: the sentence and the chart titles are in the server-rendered HTML.
    expect(html).toContain(sentence.replace(/'/g, '&#39;'));
    expect(html).toContain('Probe accuracy on reconstructions');
  });

  test('draws reconstructions unlike the originals, and "Other faces" moves on', async () => {
    const w = await open(browser, 'vae/?vae-forgot.page=5#fig-vae-forgot');
    const { page } = w;
    try {
      await ready(page, FORGOT);
      const rows = page.locator(`${FORGOT} .faces`);
      const read = (row: number) =>
        rows
          .nth(row)
          .locator('canvas')
          .evaluateAll((cs) => cs.map((c) => (c as HTMLCanvasElement).toDataURL()));
      const real = await read(0);
      expect(await rows.nth(0).locator('[role="img"]').first().getAttribute('aria-label')).toMatch(
        /^Face 1000040:/,
      );
      await expect.poll(async () => new Set(await read(1)).size).toBe(8);
      const recon = await read(1);
      recon.forEach((r, i) => expect(r).not.toBe(real[i]));
      await page.locator(FORGOT).getByRole('button', { name: 'Other faces' }).click();
      expect(await rows.nth(0).locator('[role="img"]').first().getAttribute('aria-label')).toMatch(
        /^Face 1000048:/,
      );
      await expect.poll(async () => (await read(1))[0]).not.toBe(recon[0]);
    } finally {
      await w.close();
    }
  });
});

describe('the loss', () => {
  /** The bar chart's numbers, from its accessible label. */
  const terms = async (page: Page) => {
    const label = (await page.locator(`${LOSS} .bars svg`).getAttribute('aria-label')) ?? '';
    const n = (name: string) => Number(new RegExp(`${name} ([\\d.]+)`).exec(label)?.[1]);
    return { reconstruction: n('reconstruction'), kl: n('KL'), loss: n('loss \\(sum\\)') };
  };

  test('moving the mean away raises the KL; widening the spread blurs the drawings', async () => {
    const w = await open(browser, 'vae/');
    const { page } = w;
    try {
      await ready(page, LOSS);
      expect(await page.locator(`${LOSS} .equation math`).count()).toBe(2);
      const baseline = await numTensors(page);
      await expect.poll(async () => (await terms(page)).kl).toBeGreaterThan(0);
      const own = await terms(page);
      expect(own.loss).toBeCloseTo(own.reconstruction + own.kl, 0);

      // Keyboard: push the mean 3 units further out; the KL grows by at least ½·(|μ'|² − |μ|²).
      await page.locator(`${LOSS} svg[role="application"]`).focus();
      for (let i = 0; i < 12; i++) await page.keyboard.press('Shift+ArrowRight');
      await expect.poll(async () => (await terms(page)).kl).toBeGreaterThan(own.kl + 2);
      expect((await terms(page)).reconstruction).toBeGreaterThan(own.reconstruction);

      await page
        .locator(LOSS)
        .getByRole('button', { name: "Back to the encoder's answer" })
        .click();
      await expect.poll(async () => (await terms(page)).kl).toBe(own.kl);

      // Pointer: the spread slider, dragged to its widest, draws visibly different faces.
      const images = () =>
        page.$$eval(`${LOSS} .drawings canvas:not(.target)`, (cs) =>
          cs.map((c) => (c as HTMLCanvasElement).toDataURL()),
        );
      const spread = page.locator(LOSS).getByRole('slider', { name: 'Spread σ' });
      const box = (await spread.boundingBox())!;
      await page.mouse.click(box.x + box.width - 2, box.y + box.height / 2);
      expect(Number(await spread.inputValue())).toBeGreaterThan(180);
      await expect.poll(async () => new Set(await images()).size).toBeGreaterThan(4);
      await expect
        .poll(async () => (await terms(page)).reconstruction)
        .toBeGreaterThan(own.reconstruction);
      await expect.poll(() => numTensors(page), { timeout: 5000 }).toBe(baseline);
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });

  test('a link restores the face, the moved mean and the spread', async () => {
    const w = await open(
      browser,
      'vae/?vae-loss.face=10&vae-loss.moved=1&vae-loss.x=0&vae-loss.y=0&vae-loss.s=100#fig-vae-loss',
    );
    const { page } = w;
    try {
      await ready(page, LOSS);
      expect(
        await page
          .locator(`${LOSS} [role="radio"][aria-checked="true"]`)
          .getAttribute('aria-label'),
      ).toMatch(/^Face 1000010:/);
      expect(await page.locator(LOSS).getByRole('slider', { name: 'Spread σ' }).inputValue()).toBe(
        '100',
      );
      await expect
        .poll(() => text(page.locator(`${LOSS} tbody tr`).nth(1)))
        .toMatch(/^Yours\s*\(0\.00, 0\.00\)/);
    } finally {
      await w.close();
    }
  });
});

describe('with the GPU disabled', () => {
  let noGpu: Browser;
  beforeAll(async () => (noGpu = await launch(['--disable-gpu', '--disable-software-rasterizer'])));
  afterAll(() => noGpu?.close());

  test('all five figures run on WebAssembly, even when WebGL is asked for', async () => {
    const w = await open(noGpu, 'vae/?backend=webgl', { viewport: PHONE });
    const { page } = w;
    try {
      for (const selector of VAE_FIGURES) {
        await ready(page, selector);
        expect(await page.locator(selector).getAttribute('data-backend')).toBe('wasm');
      }
      await page.locator(MAP).scrollIntoViewIfNeeded();
      const at = await planeAt(page, MAP);
      const before = await pixels(page.locator(`${MAP} canvas.big`));
      await page.mouse.click(...at(0.85, 0.85));
      await expect.poll(() => pixels(page.locator(`${MAP} canvas.big`))).not.toBe(before);
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });
});

describe('embedded alone', () => {
  test.each(['vae-anatomy', 'vae-latent-map', 'vae-interpolate', 'vae-forgot', 'vae-loss'])(
    '/embed/%s/ comes alive by itself',
    async (id) => {
      const w = await open(browser, `embed/${id}/`, { viewport: PHONE });
      try {
        await ready(w.page, fig(id));
        expect(w.consoleErrors).toEqual([]);
        expect(w.cspViolations).toEqual([]);
      } finally {
        await w.close();
      }
    },
  );
});
