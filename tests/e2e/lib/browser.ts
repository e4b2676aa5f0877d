/**
 * Helpers shared by the end-to-end tests: launch Chromium, open a page while recording
 * console errors, CSP violations and requests to other origins, and bring figures to life.
 */
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { CHROMIUM_ARGS } from '../../../scripts/lib/chromium.ts';

export const siteUrl = () => inject('siteUrl');
/** The build under test: dist/, or DIST_DIR (parallel work builds into its own folder). */
export const DIST = process.env['DIST_DIR'] ?? 'dist';

export function launch(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: inject('chromium'),
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
}

export interface Watched {
  page: Page;
  consoleErrors: string[];
  cspViolations: string[];
  foreignRequests: string[];
  requests: string[];
  close(): Promise<void>;
}

export const PHONE = { width: 390, height: 844 } as const;
export const LAPTOP = { width: 1280, height: 800 } as const;

/**
 * A fresh context without the offline worker. Tests that block requests with `page.route`
 * need this: once the worker controls a page, the page's requests are the worker's fetches,
 * which routes do not see.
 */
export const workerlessContext = (browser: Browser, options: BrowserContextOptions = {}) =>
  browser.newContext({ serviceWorkers: 'block', ...options });

/** Opens `path` (relative to the site root) and records everything a test may assert on. */
export async function open(
  browser: Browser,
  path: string,
  options: BrowserContextOptions & { base?: string } = {},
): Promise<Watched> {
  const { base = siteUrl(), ...contextOptions } = options;
  // No offline worker: it would cache what every page a test opens loads, and answer later
  // requests itself; offline.test.ts lets it run (`serviceWorkers: 'allow'`).
  const context = await browser.newContext({
    viewport: LAPTOP,
    serviceWorkers: 'block',
    ...contextOptions,
  });
  const page = await context.newPage();
  const origin = new URL(base).origin;
  const watched: Watched = {
    page,
    consoleErrors: [],
    cspViolations: [],
    foreignRequests: [],
    requests: [],
    close: () => context.close(),
  };
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI}`);
    });
  });
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    (text.includes('CSP violation') || text.includes('Content Security Policy')
      ? watched.cspViolations
      : watched.consoleErrors
    ).push(text);
  });
  page.on('pageerror', (error) => watched.consoleErrors.push(String(error)));
  page.on('request', (request) => {
    const url = request.url();
    watched.requests.push(url);
    if (!url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== origin) {
      watched.foreignRequests.push(url);
    }
  });
  await page.goto(new URL(path, base).toString(), { waitUntil: 'load' });
  return watched;
}

/** Scrolls each figure into view (they hydrate near the viewport) and waits until it is live. */
export async function wakeFigures(page: Page): Promise<string[]> {
  const ids = await page.$$eval('[data-figure]', (els) =>
    els.map((el) => el.getAttribute('data-figure') ?? ''),
  );
  for (const id of ids) {
    const figure = page.locator(`[data-figure="${id}"]`);
    await figure.scrollIntoViewIfNeeded();
    await page.waitForSelector(`[data-figure="${id}"][data-hydrated="true"]`);
    await page.waitForSelector(`[data-figure="${id}"]:not([data-status="loading"])`);
  }
  return ids;
}

/**
 * Counts the animation frames and timers a page asks for, and its long tasks: how the tests
 * check that a paused figure does no work at all.
 */
const WATCH_SCHEDULING = `(() => {
  const w = window;
  w.__scheduled = { frames: 0, timers: 0, long: [] };
  const raf = w.requestAnimationFrame.bind(w);
  w.requestAnimationFrame = (cb) => { w.__scheduled.frames++; return raf(cb); };
  const st = w.setTimeout.bind(w);
  w.setTimeout = (...a) => { w.__scheduled.timers++; return st(...a); };
  const si = w.setInterval.bind(w);
  w.setInterval = (...a) => { w.__scheduled.timers++; return si(...a); };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__scheduled.long.push(Math.round(e.duration));
  }).observe({ type: 'longtask' });
})()`;

export interface Scheduled {
  frames: number;
  timers: number;
  /** Durations of long tasks (> 50 ms), in ms. */
  long: number[];
}

/** Starts counting from before any script of the page's next load runs. */
export const watchScheduling = (page: Page) => page.addInitScript(WATCH_SCHEDULING);

/** Starts counting now, in the page as it is. */
export const watchSchedulingNow = (page: Page) => page.evaluate(WATCH_SCHEDULING);

export const scheduled = (page: Page): Promise<Scheduled> =>
  page.evaluate(() => (window as unknown as { __scheduled: Scheduled }).__scheduled);

/** Frames and timers asked for so far: unchanged over a pause means no work was scheduled. */
export async function workCalls(page: Page): Promise<{ frames: number; timers: number }> {
  const { frames, timers } = await scheduled(page);
  return { frames, timers };
}
