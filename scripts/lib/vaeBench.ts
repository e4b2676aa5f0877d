/**
 * The latent map under a dragging pointer, as a reader would use it: the built site in
 * Chromium on TensorFlow.js's wasm backend, the cursor dragged in circles with real mouse
 * events until the figure has decoded and drawn `frames` faces. Reports the figure's own
 * per-frame timing (performance measure "vae-latent-map:frame", from the decode request to
 * the drawn pixels), long tasks during the drag, and live tensors before and after.
 */
import type { Browser, Page } from 'playwright-core';
import { liveTensors } from './tensors.ts';

export interface LatentMapBench {
  backend: string | null;
  frames: number;
  medianMs: number;
  p90Ms: number;
  maxMs: number;
  longTasks: number;
  longestTaskMs: number;
  tensorsBefore: number;
  tensorsAfter: number;
  dragSeconds: number;
}

const FIG = '[data-figure="vae-latent-map"]';
const FRAME = 'vae-latent-map:frame';

/** The chapter's model runs in the page's VAE worker. */
const numTensors = (page: Page) => liveTensors(page, 'vae');

export async function benchLatentMap(
  browser: Browser,
  siteUrl: string,
  frames = 1000,
): Promise<LatentMapBench> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  try {
    await page.goto(`${siteUrl}vae/?backend=wasm#fig-vae-latent-map`);
    const figure = page.locator(FIG);
    await figure.scrollIntoViewIfNeeded();
    await page.waitForSelector(`${FIG}[data-status="ready"]`, { timeout: 60_000 });
    const plane = figure.locator('svg[role="application"]');
    const box = (await plane.boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    const r = box.width * 0.35;

    // Warm up (first decodes compile wasm kernels), then start counting from a clean slate.
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    for (let i = 0; i < 20; i++) await page.mouse.move(cx + i, cy);
    await page.mouse.up();
    await page.waitForTimeout(200);
    const tensorsBefore = await numTensors(page);
    await page.evaluate((name) => {
      performance.clearMeasures(name);
      const w = window as unknown as { benchLongTasks: number[] };
      w.benchLongTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.benchLongTasks.push(e.duration);
      }).observe({ type: 'longtask' });
    }, FRAME);

    const started = Date.now();
    await page.mouse.move(cx + r, cy);
    await page.mouse.down();
    const durations: number[] = [];
    // Read the figure's measures as they come (it clears its own buffer every 2,000 frames).
    for (let step = 0; durations.length < frames && step < frames * 20; step++) {
      const a = step * 0.05;
      await page.mouse.move(cx + r * Math.cos(a), cy + r * Math.sin(a));
      if (step % 50 === 49) {
        durations.push(...(await takeMeasures(page)));
      }
    }
    await page.mouse.up();
    await page.waitForTimeout(300);
    durations.push(...(await takeMeasures(page)));
    const dragSeconds = (Date.now() - started) / 1000;
    const longTasks = await page.evaluate(
      () => (window as unknown as { benchLongTasks: number[] }).benchLongTasks,
    );
    const tensorsAfter = await numTensors(page);
    const sorted = [...durations].sort((x, y) => x - y);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
    return {
      backend: await figure.getAttribute('data-backend'),
      frames: durations.length,
      medianMs: at(0.5),
      p90Ms: at(0.9),
      maxMs: sorted.at(-1)!,
      longTasks: longTasks.filter((d) => d > 50).length,
      longestTaskMs: Math.max(0, ...longTasks),
      tensorsBefore,
      tensorsAfter,
      dragSeconds,
    };
  } finally {
    await context.close();
  }
}

/** The frame measures recorded since the last call (and clears them). */
function takeMeasures(page: Page): Promise<number[]> {
  return page.evaluate((name) => {
    const d = performance.getEntriesByName(name, 'measure').map((e) => e.duration);
    performance.clearMeasures(name);
    return d;
  }, FRAME);
}

/** The bench's report lines for the latent map. */
export function latentMapReport(b: LatentMapBench): string[] {
  const pass = (ok: boolean) => (ok ? 'PASS' : 'OVER');
  return [
    `  backend: ${b.backend}; ${b.frames} frames decoded and drawn while dragging for ${b.dragSeconds.toFixed(1)} s`,
    `  decode + draw per frame: median ${b.medianMs.toFixed(1)} ms, p90 ${b.p90Ms.toFixed(1)} ms, max ${b.maxMs.toFixed(1)} ms — budget 16 ms median: ${pass(b.medianMs <= 16)}`,
    `  long tasks (> 50 ms) while dragging: ${b.longTasks} (longest task ${b.longestTaskMs.toFixed(0)} ms) — budget 0: ${pass(b.longTasks === 0)}`,
    `  live tensors: ${b.tensorsBefore} before, ${b.tensorsAfter} after ${b.frames} frames — ${b.tensorsBefore === b.tensorsAfter ? 'PASS' : 'LEAK'}`,
  ];
}
