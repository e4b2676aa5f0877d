/**
 * The race: a GAN and a diffusion model training at once on the same points, in a Web
 * Worker. It renders and goes live on the worker's backend; Play trains both lanes and the
 * diffusion model's samples come closer to the data; Pause and One step do what they say;
 * strokes drawn on the first plane become both models' data and the diffusion model learns
 * them; a lane can run flow matching (its paths measured); the settings live in the link and
 * a bad link is clamped or ignored; both models download as one file and load back to the
 * same samples, a damaged or foreign file is refused; phone layout, console, other origins
 * and axe are checked.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PHONE, launch, open } from '../../lib/browser.ts';

const fig = '[data-figure="race-2d"]';
let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(() => browser?.close());

async function ready(page: Page) {
  await page.locator(fig).scrollIntoViewIfNeeded();
  await page.waitForSelector(`${fig}[data-status="ready"][data-backend]`, { timeout: 60_000 });
}
const button = (page: Page, name: string) =>
  page.locator(fig).getByRole('button', { name, exact: true });
const lane = (page: Page, i: number) => page.locator(`${fig} .lane`).nth(i);
const num = async (page: Page, i: number, attr: string) =>
  Number(await lane(page, i).getAttribute(`data-${attr}`));

/** Plays until both lanes have taken `steps` steps, then pauses. */
async function trainTo(page: Page, steps: number) {
  await button(page, 'Play').click();
  await page.waitForFunction(
    ([sel, n]) =>
      [...document.querySelectorAll(`${sel} .lane`)].every(
        (l) => Number(l.getAttribute('data-steps')) >= Number(n),
      ),
    [fig, steps] as const,
    { timeout: 120_000, polling: 250 },
  );
  await button(page, 'Pause').click();
  // Frames posted before the pause may still arrive: wait for the paused frame's numbers.
  await page.waitForSelector(`${fig} .lane .speed:text-is("paused")`);
  let last = '';
  await expect
    .poll(
      async () => {
        const now = (await laneSteps(page)).join();
        const same = now === last;
        last = now;
        return same;
      },
      { interval: 400 },
    )
    .toBe(true);
}

const laneSteps = (page: Page) =>
  page.$$eval(`${fig} .lane`, (lanes) => lanes.map((l) => l.getAttribute('data-steps')));

async function stroke(page: Page, from: [number, number], to: [number, number]) {
  const box = (await page.locator(`${fig} .pad`).boundingBox())!;
  await page.mouse.move(box.x + from[0] * box.width, box.y + from[1] * box.height);
  await page.mouse.down();
  await page.mouse.move(box.x + to[0] * box.width, box.y + to[1] * box.height, { steps: 24 });
  await page.mouse.up();
}

const violations = async (page: Page) =>
  (await new AxeBuilder({ page }).include(fig).analyze()).violations
    .filter((v) => v.impact !== 'minor')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);

describe('the race figure', () => {
  test('both models train side by side; the diffusion model closes in on the data; pause and step', async () => {
    const w = await open(browser, 'embed/race-2d/?race-2d.distribution=moons');
    const { page } = w;
    try {
      await ready(page);
      expect(await lane(page, 0).getAttribute('data-kind')).toBe('gan');
      expect(await lane(page, 1).getAttribute('data-kind')).toBe('diffusion');
      // The poster-to-live frame: both lanes show samples before any training.
      expect(await num(page, 0, 'steps')).toBe(0);

      await trainTo(page, 600);
      const first = await num(page, 1, 'first-distance');
      const last = await num(page, 1, 'distance');
      expect(first).toBeGreaterThan(0);
      expect(last).toBeLessThan(0.5 * first);
      expect(last).toBeLessThan(0.3);
      // Two curves over seconds on the distance chart, and the clock moved.
      const chart = page.locator(`${fig} .loss-curves`).last();
      expect(await chart.locator('path.curve').count()).toBe(2);
      expect(await chart.locator('svg').getAttribute('aria-label')).toMatch(/seconds/);
      expect(Number(await page.locator(`${fig} .race`).getAttribute('data-clock'))).toBeGreaterThan(
        1,
      );

      // Paused means paused.
      const paused = [await num(page, 0, 'steps'), await num(page, 1, 'steps')];
      await page.waitForTimeout(1200);
      expect([await num(page, 0, 'steps'), await num(page, 1, 'steps')]).toEqual(paused);
      await button(page, 'One step each').click();
      await page.waitForFunction(
        ([sel, n]) =>
          Number(document.querySelector(`${sel} .lane`)?.getAttribute('data-steps')) === n,
        [fig, paused[0]! + 1] as const,
      );
      expect(await num(page, 1, 'steps')).toBe(paused[1]! + 1);
      expect(await lane(page, 1).locator('.straightness').textContent()).toMatch(/^0\.\d\d$/);

      // The table alternative names both lanes.
      await page.locator(fig).getByText('Show the numbers as text and a table').click();
      expect(await page.locator(`${fig} table tbody tr`).count()).toBe(2);
      expect(await violations(page)).toEqual([]);
      expect(w.consoleErrors).toEqual([]);
      expect(w.cspViolations).toEqual([]);
      expect(w.foreignRequests).toEqual([]);
    } finally {
      await w.close();
    }
  });

  test('points drawn on the first plane become the data, and the diffusion model learns them', async () => {
    const w = await open(browser, 'embed/race-2d/?race-2d.distribution=draw&race-2d.left=flow');
    const { page } = w;
    try {
      await ready(page);
      expect(await button(page, 'Play').isDisabled()).toBe(true);
      await stroke(page, [0.75, 0.15], [0.75, 0.85]);
      await stroke(page, [0.2, 0.5], [0.6, 0.5]);
      expect(await button(page, 'Play').isDisabled()).toBe(false);
      await trainTo(page, 500);
      for (const i of [0, 1]) {
        const first = await num(page, i, 'first-distance');
        const last = await num(page, i, 'distance');
        expect(last, `lane ${i}`).toBeLessThan(0.5 * first);
      }
      // Flow matching in the first lane: its heading, and its paths measured.
      await expect(lane(page, 0).locator('.name').textContent()).resolves.toBe('Flow matching');
      expect(await lane(page, 0).locator('.straightness').textContent()).toMatch(/^0\.\d\d$/);

      // The drawing and the lanes are in the link and come back.
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
      await button(page, 'Copy link to this state').click();
      const link = new URL(await page.evaluate(() => navigator.clipboard.readText()));
      expect(link.searchParams.get('race-2d.left')).toBe('flow');
      expect(link.searchParams.get('race-2d.drawn')?.length).toBeGreaterThan(10);
      const count = async (p: Page) =>
        (await p.locator(`${fig} .draw-tools .count`).textContent())?.trim();
      const drawn = await count(page);
      const again = await open(browser, link.pathname + link.search);
      try {
        await ready(again.page);
        expect(await count(again.page)).toBe(drawn);
        expect(again.consoleErrors).toEqual([]);
      } finally {
        await again.close();
      }
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });

  test('a lane choice starts a new race; a bad link is clamped or ignored; the phone stacks the lanes', async () => {
    const w = await open(
      browser,
      'embed/race-2d/?race-2d.left=banana&race-2d.layers=99&race-2d.lr=7&race-2d.samplerSteps=5',
      { viewport: PHONE, hasTouch: true, isMobile: true },
    );
    const { page } = w;
    try {
      await ready(page);
      expect(await lane(page, 0).getAttribute('data-kind')).toBe('gan');
      await page
        .locator(fig)
        .getByText('Settings (a change starts a new race)')
        .scrollIntoViewIfNeeded();
      expect(
        await page
          .locator(
            `${fig} #${await page.locator(`${fig} input[type=range]`).first().getAttribute('id')}`,
          )
          .inputValue(),
      ).toBe('4');
      expect(
        await page.locator(`${fig} select`).filter({ hasText: '5 × 5 grid' }).inputValue(),
      ).toBe('ring');

      await lane(page, 1).getByRole('combobox', { name: 'Model in lane 2' }).selectOption('flow');
      await page.waitForFunction(
        (sel) => document.querySelectorAll(`${sel} .lane`)[1]?.getAttribute('data-kind') === 'flow',
        fig,
      );
      // Stacked on a phone: the second lane starts below the first, and nothing overflows.
      const [a, b] = [await lane(page, 0).boundingBox(), await lane(page, 1).boundingBox()];
      expect(b!.y).toBeGreaterThan(a!.y + a!.height - 1);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        PHONE.width,
      );
      expect(await violations(page)).toEqual([]);
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });

  test('download, reset, load: both lanes come back with the same samples; bad files change nothing', async () => {
    const w = await open(browser, 'embed/race-2d/?race-2d.distribution=moons&race-2d.units=32');
    const { page } = w;
    const status = page.locator(`${fig} .model-file [role="status"]`);
    const load = async (path: string) => {
      const chooser = page.waitForEvent('filechooser');
      await button(page, 'Load model…').click();
      await (await chooser).setFiles(path);
    };
    const shown = async () =>
      [0, 1].map(async (i) => [await num(page, i, 'steps'), await num(page, i, 'distance')]);
    const snapshot = async () => Promise.all(await shown());
    try {
      await ready(page);
      await trainTo(page, 150);
      const trained = await snapshot();

      const download = page.waitForEvent('download');
      await button(page, 'Download model').click();
      const saved = join(tmpdir(), `race-2d-${Date.now()}.json`);
      await (await download).saveAs(saved);
      expect((await download).suggestedFilename()).toBe('race-2d-models.json');
      const text = await readFile(saved, 'utf8');
      expect(JSON.parse(text)).toMatchObject({ figure: 'race-2d', settings: { units: '32' } });

      await button(page, 'Reset').click();
      await page.waitForFunction(
        (sel) => document.querySelector(`${sel} .lane`)?.getAttribute('data-steps') === '0',
        fig,
      );

      await load(saved);
      await expect.poll(() => status.textContent()).toMatch(/^Loaded race-2d-/);
      // The same weights draw the same samples from the same noise: the same distances.
      await expect.poll(snapshot, { timeout: 20_000 }).toEqual(trained);
      expect(
        await page
          .locator(fig)
          .getByRole('slider', { name: 'Units per layer' })
          .getAttribute('aria-valuetext'),
      ).toBe('32');

      // A damaged file and another figure's file are refused; nothing moves.
      const file = JSON.parse(text);
      const name = Object.keys(file.weights).find((k) => k.startsWith('b/'))!;
      file.weights[name] = file.weights[name].slice(0, 40);
      const damaged = join(tmpdir(), `race-2d-damaged-${Date.now()}.json`);
      await writeFile(damaged, JSON.stringify(file));
      await load(damaged);
      await expect.poll(() => status.textContent()).toMatch(/^Not loaded: /);
      const foreign = join(tmpdir(), `race-2d-foreign-${Date.now()}.json`);
      await writeFile(foreign, JSON.stringify({ ...JSON.parse(text), figure: 'gan-2d' }));
      await load(foreign);
      await expect.poll(() => status.textContent()).toMatch(/^Not loaded: .*gan-2d/);
      expect(await snapshot()).toEqual(trained);
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });
});
