/**
 * The reverse-process figure in `npm run bench`: the built site in Chromium on TensorFlow.js's
 * wasm backend, DDPM played through all 1,000 steps as a reader would. Reports steps per
 * second while playing (one U-Net call and one redraw per step), the figure's own per-step
 * timing (performance measure "reverse-process:step": the update, the model call and the
 * read-back), long tasks while playing, the time to scrub back to a kept step, whether
 * pausing leaves any animation frame or timer running, and live tensors before and after.
 */
import type { Browser, Page } from 'playwright-core';
import { liveTensors } from './tensors.ts';

const FIG = '[data-figure="reverse-process"]';
const STATE = `${FIG} .reverse`;
const STEP = 'reverse-process:step';

export interface ReverseBench {
  backend: string | null;
  steps: number;
  stepsPerSecond: number;
  medianStepMs: number;
  p90StepMs: number;
  longTasks: number;
  longestTaskMs: number;
  scrubMs: number;
  scrubCalls: number;
  pausedFrames: number;
  pausedTimers: number;
  tensorsBefore: number;
  tensorsAfter: number;
  /** Main-thread CPU time per step (Chrome's ThreadTime): what a step costs on an idle machine. */
  cpuMsPerStep: number | null;
}

/** Live tensors in the page's diffusion worker, where the chapter's models run. */
const numTensors = (page: Page) => liveTensors(page, 'diffusion');
const attr = async (page: Page, name: string) =>
  Number(await page.locator(STATE).getAttribute(`data-${name}`));

export async function benchReverseProcess(
  browser: Browser,
  siteUrl: string,
): Promise<ReverseBench> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  try {
    // Frames and timers the page asks for, and long tasks, counted from before any script.
    await page.addInitScript(`(() => {
      const w = window;
      w.__bench = { frames: 0, timers: 0, long: [] };
      const raf = w.requestAnimationFrame.bind(w);
      w.requestAnimationFrame = (cb) => { w.__bench.frames++; return raf(cb); };
      const st = w.setTimeout.bind(w);
      w.setTimeout = (...a) => { w.__bench.timers++; return st(...a); };
      const si = w.setInterval.bind(w);
      w.setInterval = (...a) => { w.__bench.timers++; return si(...a); };
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__bench.long.push(e.duration);
      }).observe({ type: 'longtask' });
    })()`);
    await page.goto(`${siteUrl}embed/reverse-process/?backend=wasm`);
    await page.waitForSelector(`${FIG}[data-status="ready"]`, { timeout: 120_000 });
    await page.waitForSelector(`${STATE}:not([data-calls="0"])`);
    const button = (name: string) => page.locator(FIG).getByRole('button', { name, exact: true });
    // Warm up: the first U-Net calls compile wasm kernels.
    for (let i = 0; i < 5; i++) await button('One step').click();
    await page.waitForFunction(
      (sel) => document.querySelector(sel)?.getAttribute('data-cursor') === '5',
      STATE,
    );
    const tensorsBefore = await numTensors(page);
    const longBefore = (await page.evaluate('window.__bench.long.length')) as number;
    await page.evaluate((name) => performance.clearMeasures(name), STEP);

    // CPU time of the page's main thread, which wall-clock times hide on a busy machine.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const threadTime = async () =>
      (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime')
        ?.value;
    const cpu0 = await threadTime();
    const t0 = await page.evaluate(() => performance.now());
    const s0 = await attr(page, 'taken');
    await button('Play').click();
    await page.waitForFunction(
      (sel) => document.querySelector(sel)?.getAttribute('data-playing') === 'false',
      STATE,
      { timeout: 600_000, polling: 100 },
    );
    const t1 = await page.evaluate(() => performance.now());
    const cpu1 = await threadTime();
    const steps = (await attr(page, 'taken')) - s0;
    const durations = await page.evaluate(
      (name) => performance.getEntriesByName(name, 'measure').map((e) => e.duration),
      STEP,
    );
    const longTasks = ((await page.evaluate('window.__bench.long')) as number[]).slice(longBefore);
    const tensorsAfter = await numTensors(page);

    // Scrub back to a kept step: the time from the input to the redrawn screen.
    const calls = await attr(page, 'calls');
    const scrubMs = await page.evaluate(async (sel) => {
      const input = document.querySelector<HTMLInputElement>(`${sel} input[type="range"]`)!;
      const canvas = document.querySelector<HTMLCanvasElement>(`${sel} canvas.xt`)!;
      const before = canvas.toDataURL();
      const start = performance.now();
      input.value = '500';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      while (canvas.toDataURL() === before) await new Promise(requestAnimationFrame);
      return performance.now() - start;
    }, FIG);
    const scrubCalls = (await attr(page, 'calls')) - calls;

    // Paused: nothing scheduled for a second.
    const a = (await page.evaluate('window.__bench')) as { frames: number; timers: number };
    await page.waitForTimeout(1000);
    const b = (await page.evaluate('window.__bench')) as { frames: number; timers: number };

    const sorted = [...durations].sort((x, y) => x - y);
    const at = (q: number) =>
      sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
    return {
      backend: await page.locator(FIG).getAttribute('data-backend'),
      steps,
      stepsPerSecond: steps / ((t1 - t0) / 1000),
      medianStepMs: at(0.5),
      p90StepMs: at(0.9),
      longTasks: longTasks.filter((d) => d > 50).length,
      longestTaskMs: Math.max(0, ...longTasks),
      scrubMs,
      scrubCalls,
      pausedFrames: b.frames - a.frames,
      pausedTimers: b.timers - a.timers,
      tensorsBefore,
      tensorsAfter,
      cpuMsPerStep:
        cpu0 === undefined || cpu1 === undefined ? null : ((cpu1 - cpu0) * 1000) / steps,
    };
  } finally {
    await context.close();
  }
}

/** The bench's report lines for the reverse process. */
export function reverseProcessReport(r: ReverseBench): string[] {
  const pass = (ok: boolean) => (ok ? 'PASS' : 'OVER');
  return [
    `  backend: ${r.backend}; DDPM played through ${r.steps} steps`,
    `  steps per second while playing (one U-Net call and one redraw each): ${r.stepsPerSecond.toFixed(1)} — budget ≥ 30: ${pass(r.stepsPerSecond >= 30)}`,
    r.cpuMsPerStep === null
      ? '  main-thread CPU time per step: not reported by this Chromium'
      : `  main-thread CPU time per step (all of it: update, U-Net, redraw): ${r.cpuMsPerStep.toFixed(1)} ms, enough for ${(1000 / r.cpuMsPerStep).toFixed(0)} steps/s on an idle core (the loop takes at most one step per frame)`,
    `  one step, wall clock (update + U-Net + read-back): median ${r.medianStepMs.toFixed(1)} ms, p90 ${r.p90StepMs.toFixed(1)} ms`,
    `  long tasks (> 50 ms) while playing: ${r.longTasks} (longest task ${r.longestTaskMs.toFixed(0)} ms) — budget 0: ${pass(r.longTasks === 0)}`,
    `  scrub back to step 500: ${r.scrubMs.toFixed(1)} ms to the redrawn screen, ${r.scrubCalls} model calls — ${pass(r.scrubCalls === 0)}`,
    `  paused for 1 s: ${r.pausedFrames} animation frames, ${r.pausedTimers} timers — ${pass(r.pausedFrames === 0 && r.pausedTimers === 0)}`,
    `  live tensors: ${r.tensorsBefore} before, ${r.tensorsAfter} after ${r.steps} steps — ${r.tensorsBefore === r.tensorsAfter ? 'PASS' : 'LEAK'}`,
  ];
}
