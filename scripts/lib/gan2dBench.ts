/**
 * The live 2-D GAN in `npm run bench`: steps per second and frames per second of the figure
 * while it trains and draws (on the built GAN chapter, phone-sized viewport), beside the same
 * training loop with nothing drawn (`gan2dBench.entry.ts`, a page of its own). The gap is
 * what the visualisation costs. Also the longest task while playing and the live tensors
 * before and after.
 */
import { watchMainThread } from './mainThread.ts';
import type { Browser } from 'playwright-core';
import type { Gan2dLoopResult } from './gan2dBench.entry.ts';

/** The bench's helper that runs a bundled browser entry in its Chromium (see bench.ts). */
type InChromium = <T>(entry: string, call: string, models: string[], arg?: unknown) => Promise<T>;

const SECONDS = 8;
const fig = '[data-figure="gan-2d"]';

export async function benchGan2d(browser: Browser, siteUrl: string, inChromium: InChromium) {
  const loop = await inChromium<Gan2dLoopResult>(
    'scripts/lib/gan2dBench.entry.ts',
    'gan2dBench',
    [],
    3000,
  );

  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(`${siteUrl}gan/`);
  await page.locator(fig).scrollIntoViewIfNeeded();
  await page.waitForSelector(`${fig}[data-status="ready"]`, { timeout: 120_000 });
  const backend = await page.locator(fig).getAttribute('data-backend');
  const tensors = () =>
    page.evaluate(
      () =>
        (globalThis as unknown as { _tfengine: { state: { numTensors: number } } })._tfengine.state
          .numTensors,
    );
  const tensorsBefore = await tensors();
  // Frames the page paints and tasks over 50 ms, counted by the page itself.
  await watchMainThread(page);
  const step = async () =>
    Number(await page.locator(`${fig} [data-step]`).getAttribute('data-step'));
  const redraws = `window.__redraws`;
  await page.evaluate(`(() => {
    ${redraws} = 0;
    new MutationObserver(() => ${redraws}++).observe(
      document.querySelector('${fig} path.fake'), { attributes: true });
  })()`);
  await page.locator(fig).getByRole('button', { name: 'Play', exact: true }).click();
  await page.waitForTimeout(1000); // kernels warm up in the first frames
  const read = () =>
    page.evaluate(`({ t: performance.now(), frames: window.__bench.frames, redraws: ${redraws},
      long: window.__bench.long.length })`) as Promise<{
      t: number;
      frames: number;
      redraws: number;
      long: number;
    }>;
  const [s0, a] = [await step(), await read()];
  await page.waitForTimeout(SECONDS * 1000);
  const [s1, b] = [await step(), await read()];
  await page.locator(fig).getByRole('button', { name: 'Pause', exact: true }).click();
  const longTasks = (await page.evaluate('window.__bench.long')) as number[];
  const tensorsAfter = await tensors();
  await context.close();

  const seconds = (b.t - a.t) / 1000;
  const live = {
    stepsPerSecond: (s1 - s0) / seconds,
    fps: (b.frames - a.frames) / seconds,
    redrawsPerSecond: (b.redraws - a.redraws) / seconds,
    longest: Math.max(0, ...longTasks.slice(a.long)),
    longTasks: longTasks.length - a.long,
  };
  const r = (x: number) => Math.round(x);
  console.log(`  backend: ${backend}`);
  console.log(
    `  training loop alone (${loop.steps} steps, nothing drawn, ${loop.backend}): ${r(loop.stepsPerSecond)} steps/s, median step ${loop.stepMs.toFixed(2)} ms; one picture (512 fakes, 64 arrows, 40 × 40 field) ${loop.pictureMs.toFixed(1)} ms`,
  );
  console.log(
    `  the figure, playing for ${SECONDS} s: ${r(live.stepsPerSecond)} steps/s (${r((100 * live.stepsPerSecond) / loop.stepsPerSecond)}% of the loop alone) at ${live.fps.toFixed(0)} fps, picture redrawn ${live.redrawsPerSecond.toFixed(0)} times/s — target ≥ 150 steps/s at ≥ 30 fps: ${live.stepsPerSecond >= 150 && live.fps >= 30 ? 'PASS' : 'UNDER'}`,
  );
  console.log(
    `  long tasks while playing: ${live.longTasks} (longest ${r(live.longest)} ms) — target none over 50 ms: ${live.longest <= 50 ? 'PASS' : 'OVER'}`,
  );
  console.log(
    `  live tensors: ${tensorsBefore} before playing, ${tensorsAfter} after; loop alone ${loop.tensorsBefore} → ${loop.tensorsAfter} — ${tensorsBefore === tensorsAfter && loop.tensorsBefore === loop.tensorsAfter ? 'PASS' : 'LEAK'}`,
  );
}
