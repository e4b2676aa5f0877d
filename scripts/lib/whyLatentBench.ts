/**
 * The "why latent" figure in `npm run bench`: the same 50-step reverse process in the latent
 * model (+ its decoder) and in the pixel-space ddpm, timed by the figure itself on the built
 * diffusion chapter (phone-sized viewport, wasm), with the longest task while it runs and the
 * live tensors before and after; beside it the same model calls alone, with nothing drawn
 * (`whyLatentBench.entry.ts`, a page of its own).
 */
import type { Browser, Page } from 'playwright-core';
import { liveTensors } from './tensors.ts';
import type { WhyLatentLoopResult } from './whyLatentBench.entry.ts';

/** The bench's helper that runs a bundled browser entry in its Chromium (see bench.ts). */
type InChromium = <T>(entry: string, call: string, models: string[], arg?: unknown) => Promise<T>;

const fig = '[data-figure="why-latent"]';
const STEPS = 50;

/** Live tensors in the page's diffusion worker, where the chapter's models run. */
const tensors = (page: Page) => liveTensors(page, 'diffusion');

/** Waits for the figure's run to end and reads its measured cells. */
async function readRun(page: Page) {
  const cell = (key: string) => `${fig} [data-value="${key}"]`;
  await page.waitForFunction(
    (sel) => /\d (ms|s)$/.test(document.querySelector(sel)?.textContent?.trim() ?? ''),
    cell('pixel-sample'),
    { timeout: 120_000 },
  );
  const read = async (key: string) => (await page.locator(cell(key)).textContent())?.trim() ?? '';
  return {
    latentStep: await read('latent-step'),
    decode: await read('latent-decode'),
    latentSample: await read('latent-sample'),
    pixelStep: await read('pixel-step'),
    pixelSample: await read('pixel-sample'),
  };
}

export async function benchWhyLatent(browser: Browser, siteUrl: string, inChromium: InChromium) {
  const loop = await inChromium<WhyLatentLoopResult>(
    'scripts/lib/whyLatentBench.entry.ts',
    'whyLatentBench',
    ['ldm', 'ldm-ae', 'ddpm'],
  );

  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(`${siteUrl}diffusion/?why-latent.steps=${STEPS}`);
  await page.evaluate(`(() => {
    window.__long = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__long.push(e.duration);
    }).observe({ type: 'longtask' });
  })()`);
  await page.locator(fig).scrollIntoViewIfNeeded();
  await page.waitForSelector(`${fig}[data-status="ready"]`, { timeout: 120_000 });
  const backend = await page.locator(fig).getAttribute('data-backend');
  await readRun(page); // the first run starts by itself and warms the kernels up
  const tensorsBefore = await tensors(page);
  const longBefore = ((await page.evaluate('window.__long')) as number[]).length;
  await page.locator(fig).getByRole('button', { name: 'Run again' }).click();
  await page.waitForSelector(`${fig} [data-value="pixel-sample"]:text-is("…")`);
  const run = await readRun(page);
  const long = ((await page.evaluate('window.__long')) as number[]).slice(longBefore);
  const tensorsAfter = await tensors(page);
  await context.close();

  const f = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
  console.log(`  backend: ${backend} (figure), ${loop.backend} (alone)`);
  console.log(
    `  model calls alone: latent step ${f(loop.latentStepMs)} (${loop.latentValues} values, batch of 2 for guidance), decode ${f(loop.decodeMs)}, pixel step ${f(loop.pixelStepMs)} — ${(loop.pixelStepMs / loop.latentStepMs).toFixed(1)}× per step`,
  );
  console.log(
    `  ${STEPS}-step picture alone: latent + 1 decode ${f(loop.latentSampleMs)} (budget 300 ms: ${loop.latentSampleMs <= 300 ? 'PASS' : 'OVER'}), pixel ${f(loop.pixelSampleMs)} — ${(loop.pixelSampleMs / loop.latentSampleMs).toFixed(1)}×`,
  );
  console.log(
    `  the figure, ${STEPS} steps (second run): latent step ${run.latentStep}, decode ${run.decode}, picture ${run.latentSample}; pixel step ${run.pixelStep}, picture ${run.pixelSample}`,
  );
  console.log(
    `  long tasks during the run: ${long.length} (longest ${Math.round(Math.max(0, ...long))} ms) — target none over 50 ms: ${Math.max(0, ...long) <= 50 ? 'PASS' : 'OVER'}`,
  );
  console.log(
    `  live tensors: figure ${tensorsBefore} before the run, ${tensorsAfter} after; alone ${loop.tensorsBefore} → ${loop.tensorsAfter} — ${tensorsBefore === tensorsAfter && loop.tensorsBefore === loop.tensorsAfter ? 'PASS' : 'LEAK'}`,
  );
}
