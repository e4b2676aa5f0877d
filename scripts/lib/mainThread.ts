/**
 * Counts, inside a benchmarked page, the frames it paints and its main-thread tasks over
 * 50 ms (the Long Tasks API), in `window.__bench`, for the live-figure benches to read.
 */
import type { Page } from 'playwright-core';

export function watchMainThread(page: Page): Promise<void> {
  return page.evaluate(`(() => {
    window.__bench = { frames: 0, long: [] };
    const count = () => { window.__bench.frames++; requestAnimationFrame(count); };
    requestAnimationFrame(count);
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__bench.long.push(e.duration);
    }).observe({ type: 'longtask' });
  })()`);
}
