/**
 * `npm run bench`: what a reader pays and waits for. Prints, per page, the bytes of HTML,
 * CSS and JavaScript loaded before any figure is visible (raw and gzip) and in all once
 * every figure is awake; the tfjs a live figure loads and how fast it responds; and
 * Lighthouse mobile scores. Builds the site first if dist/ is missing.
 */
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { headshotBatch } from '../src/data/headshots.ts';
import lighthouse from 'lighthouse';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, ensureChromium } from './lib/chromium.ts';
import { serveDist } from './lib/server.ts';
import type { ModelBenchResult } from './lib/modelBench.entry.ts';
import type { Diff2dBenchResult } from './lib/diff2dBench.entry.ts';
import { benchGan2d } from './lib/gan2dBench.ts';
import { benchRace } from './lib/raceBench.ts';
import { benchGanFaces } from './lib/ganFacesBench.ts';
import { benchCompare } from './lib/compareBench.ts';
import { benchLatentMap, latentMapReport } from './lib/vaeBench.ts';
import { benchOffline } from './lib/offlineBench.ts';
import { benchReverseProcess, reverseProcessReport } from './lib/reverseBench.ts';
import { benchWhyLatent } from './lib/whyLatentBench.ts';
import { kb, total, weigh, type Weighed } from './lib/pageWeight.ts';

const PAGES = [
  '',
  'vae/',
  'gan/',
  'diffusion/',
  'compare/',
  'figures/',
  'lessons/vae/draw-again/',
  'embed/forward-diffusion/',
];
/** What every page must score on Lighthouse mobile. */
const LIGHTHOUSE_BUDGET = { performance: 98, lcpMs: 2000, tbtMs: 50, cls: 0 };
const DEBUG_PORT = 9333;

if (!existsSync('dist/index.html')) execFileSync('npm', ['run', 'build'], { stdio: 'inherit' });
const executablePath = ensureChromium();
process.env['CHROME_PATH'] ??= executablePath;
const server = await serveDist('dist', '/');
const browser = await chromium.launch({
  executablePath,
  args: [...CHROMIUM_ARGS, `--remote-debugging-port=${DEBUG_PORT}`],
});

const cell = (files: Weighed[], kind?: Weighed['kind']) => {
  const t = total(files, kind);
  return `${kb(t.raw)} / ${kb(t.gzip)}`.padEnd(22);
};

console.log(
  "\nPage weight, phone viewport (raw / gzip; CSS is the page's inline <style>, HTML the rest)",
);
console.log(
  `${'page'.padEnd(28)}${'HTML'.padEnd(22)}${'CSS'.padEnd(22)}${'JS initial'.padEnd(22)}${'total initial'.padEnd(22)}total with figures`,
);
for (const path of PAGES) {
  // The offline worker's background download is measured on its own, below.
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    serviceWorkers: 'block',
  });
  const page = await context.newPage();
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(server.url + path);
  await page.waitForLoadState('networkidle');
  const initial = weigh(requests, 'dist', '/');
  await wakeAll(page);
  const all = weigh(requests, 'dist', '/');
  console.log(
    `/${path}`.padEnd(28) +
      cell(initial, 'html') +
      cell(initial, 'css') +
      cell(initial, 'js') +
      cell(initial) +
      cell(all).trim(),
  );
  await context.close();
}

console.log('\nOffline: a first visit to /vae/, then "Keep the whole site"');
{
  const o = await benchOffline(browser, server);
  console.log(
    `  first visit: the page's own ${o.pageFiles} files and the worker script; anything else: ` +
      `${o.extraFiles.length ? o.extraFiles.join(', ') : 'nothing'} — budget nothing: ${o.extraFiles.length ? 'FAIL' : 'PASS'}`,
  );
  console.log(
    `  keep the whole site: ${o.entries} files, ${kb(o.cachedBytes)} cached in ${o.secondsToKeepSite.toFixed(1)} s, ` +
      `${o.keepRequests} requests (no-store server: nothing came from the HTTP cache)`,
  );
}

console.log('\nThe forward-diffusion figure (plain arithmetic: no model, no TensorFlow.js)');
{
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  // On its embed page, where it is the only island: on the article, its neighbours wake with
  // it. So everything the page loads counts, the shell and Svelte included.
  const started = Date.now();
  await page.goto(server.url + 'embed/forward-diffusion/');
  const fig = page.locator('[data-figure="forward-diffusion"]');
  await page.waitForSelector('[data-figure="forward-diffusion"][data-status="ready"]');
  const startMs = Date.now() - started;
  await page.waitForLoadState('networkidle');
  const loaded = weigh(requests, 'dist', '/');
  const slider = fig.getByRole('slider', { name: /Step/ });
  const times: number[] = [];
  for (let i = 1; i <= 30; i++) {
    const old = await fig.locator('path.pts').first().getAttribute('d');
    const t0 = await page.evaluate(() => performance.now());
    await slider.fill(String(i * 33));
    await page.waitForFunction(
      (prev) =>
        document.querySelector('[data-figure="forward-diffusion"] path.pts')?.getAttribute('d') !==
        prev,
      old,
    );
    times.push((await page.evaluate(() => performance.now())) - t0);
  }
  times.sort((a, b) => a - b);
  console.log(`  JS its embed page loads, all of it: ${cell(loaded, 'js').trim()}`);
  console.log(`  wasm binary: ${cell(loaded, 'wasm').trim()} (none is needed)`);
  console.log(`  embed page to live: ${startMs} ms (local server, no throttling)`);
  console.log(
    `  slider update to redrawn 700 points: median ${times[15]!.toFixed(1)} ms, p90 ${times[27]!.toFixed(1)} ms`,
  );
  await context.close();
}

console.log('\nA live model figure: the reverse process alone on its embed page (wasm)');
{
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const requests: string[] = [];
  // The model worker's requests (its script, tfjs, the wasm binary, the weights) count too.
  context.on('request', (r) => requests.push(r.url()));
  const started = Date.now();
  await page.goto(server.url + 'embed/reverse-process/');
  await page.waitForSelector('[data-figure="reverse-process"] .reverse:not([data-calls="0"])', {
    timeout: 120_000,
  });
  const startMs = Date.now() - started;
  await page.waitForLoadState('networkidle');
  const loaded = weigh(requests, 'dist', '/');
  const js = loaded.filter((w) => w.kind === 'js');
  const largest = [...js].sort((a, b) => b.gzip - a.gzip)[0];
  console.log(
    `  JS it loads, page and model worker: ${cell(loaded, 'js').trim()}; the largest file ${largest ? `${largest.path.split('/').pop()} ${kb(largest.gzip)} gzip` : '?'} (budget for the tfjs chunk: 180 KB gzip, aim 150: ${largest && largest.gzip <= 180_000 ? 'PASS' : 'FAIL'})`,
  );
  console.log(
    `  wasm binary: ${cell(loaded, 'wasm').trim()}; weights: ${cell(loaded, 'other').trim()}`,
  );
  console.log(`  embed page to the first ε̂: ${startMs} ms (local server, no throttling)`);
  await context.close();
}

console.log(
  `\nLighthouse 12.2.3, mobile (performance / accessibility / best practices / SEO); budget: performance ≥ ${LIGHTHOUSE_BUDGET.performance}, the rest 100, LCP ≤ ${LIGHTHOUSE_BUDGET.lcpMs / 1000} s, TBT ≤ ${LIGHTHOUSE_BUDGET.tbtMs} ms, CLS ${LIGHTHOUSE_BUDGET.cls}`,
);
for (const path of PAGES) {
  const result = await lighthouse(server.url + path, {
    port: DEBUG_PORT,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
  });
  const categories = result?.lhr.categories ?? {};
  const score = (id: string) => Math.round((categories[id]?.score ?? 0) * 100);
  const audits = result?.lhr.audits ?? {};
  const value = (id: string) => audits[id]?.numericValue ?? Infinity;
  const pass =
    score('performance') >= LIGHTHOUSE_BUDGET.performance &&
    ['accessibility', 'best-practices', 'seo'].every((id) => score(id) === 100) &&
    value('largest-contentful-paint') <= LIGHTHOUSE_BUDGET.lcpMs &&
    value('total-blocking-time') <= LIGHTHOUSE_BUDGET.tbtMs &&
    value('cumulative-layout-shift') <= LIGHTHOUSE_BUDGET.cls;
  console.log(
    `  /${path}`.padEnd(28) +
      `${score('performance')} / ${score('accessibility')} / ${score('best-practices')} / ${score('seo')}` +
      `   LCP ${audits['largest-contentful-paint']?.displayValue ?? '?'}, TBT ${audits['total-blocking-time']?.displayValue ?? '?'}, CLS ${audits['cumulative-layout-shift']?.displayValue ?? '?'}` +
      `   ${pass ? 'PASS' : 'FAIL'}`,
  );
}

console.log('\nTiny Headshots and the probe');
{
  const rates: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    headshotBatch(i * 2000, 2000);
    rates.push(2000 / ((performance.now() - t0) / 1000));
  }
  console.log(
    `  headshots generated per second (Node, one core, best of 3 × 2000): ${Math.round(Math.max(...rates))}`,
  );
  const weights = readFileSync('public/models/probe/weights.bin');
  console.log(
    `  probe weights: ${kb(weights.length)} raw, ${kb(gzipSync(weights, { level: 9 }).length)} gzip`,
  );
  const probe = await probeInChromium();
  console.log(
    `  probe inference, 256 images, Chromium ${probe.backend}: median ${probe.median.toFixed(1)} ms (first run ${probe.first.toFixed(1)} ms)`,
  );
}

console.log('\nThe generative models in the browser (TensorFlow.js, own page, no figure)');
{
  // Models still training have no folder yet; say so instead of failing the whole bench.
  const ids = ['vae', 'gan', 'ddpm', 'ldm-ae', 'ldm'];
  const present = ids.filter((id) => existsSync(join('public/models', id, 'model.json')));
  const missing = (needs: string[]) =>
    needs
      .filter((id) => !present.includes(id))
      .map((id) => `not trained yet (public/models/${id} missing)`)
      .join('; ');
  const r = await inChromium<ModelBenchResult>(
    'scripts/lib/modelBench.entry.ts',
    'modelBench',
    present,
    present,
  );
  console.log(`  backend: ${r.backend}`);
  const ms = (t: number) =>
    t >= 1000 ? `${(t / 1000).toFixed(2)} s` : `${t.toFixed(t < 10 ? 1 : 0)} ms`;
  const budget = (t: number) => (t >= 1000 ? `${t / 1000} s` : `${t} ms`);
  for (const t of r.timings) {
    console.log(
      t.median === undefined || t.first === undefined
        ? `  ${t.label}: ${missing(t.needs)}`
        : `  ${t.label}: median ${ms(t.median)} (first ${ms(t.first)}) — budget ${budget(t.budgetMs)}: ${t.median <= t.budgetMs ? 'PASS' : 'OVER'}`,
    );
  }
  for (const l of r.leaks) {
    console.log(
      l.before === undefined || l.after === undefined
        ? `  live tensors, ${l.label}: ${missing(l.needs)}`
        : `  live tensors, ${l.label}: ${l.before} before, ${l.after} after — ${l.before === l.after ? 'PASS' : 'LEAK'}`,
    );
  }
}

console.log('\nThe VAE latent map, dragged for 1,000 frames (built site, wasm)');
if (existsSync('public/models/vae/model.json')) {
  console.log(latentMapReport(await benchLatentMap(browser, server.url)).join('\n'));
} else {
  console.log('  not trained yet (public/models/vae missing)');
}

console.log('\nThe live 2-D GAN: training while drawing, and the same loop alone (wasm)');
await benchGan2d(browser, server.url, inChromium);

console.log('\nThe race: a GAN and a diffusion model training side by side in a Web Worker');
await benchRace(browser, server.url);

console.log('\nThe live diffusion figures: 2-D reverse process and prompted ldm (wasm)');
if (
  ['diffusion-2d', 'ldm', 'ldm-ae', 'probe'].every((id) =>
    existsSync(join('public/models', id, 'model.json')),
  )
) {
  const r = await inChromium<Diff2dBenchResult>('scripts/lib/diff2dBench.entry.ts', 'diff2dBench', [
    'diffusion-2d',
    'ldm',
    'ldm-ae',
    'probe',
  ]);
  console.log(`  backend: ${r.backend}`);
  for (const t of r.timings) {
    const verdict = t.budgetMs
      ? ` — budget ${t.budgetMs} ms: ${t.median <= t.budgetMs ? 'PASS' : 'OVER'}`
      : '';
    console.log(
      `  ${t.label}: median ${t.median.toFixed(1)} ms (first ${t.first.toFixed(1)} ms)${verdict}`,
    );
  }
  for (const l of r.tensors) {
    console.log(
      `  live tensors, ${l.label}: ${l.before} before, ${l.after} after — ${l.before === l.after ? 'PASS' : 'LEAK'}`,
    );
  }
} else {
  console.log('  not trained yet (diffusion-2d, ldm, ldm-ae or probe missing)');
}

console.log('\nThe GAN headshot figures: grid, verdicts and live diversity (built site, wasm)');
if (existsSync('public/models/gan/model.json')) {
  console.log((await benchGanFaces(browser, server.url)).join('\n'));
} else {
  console.log('  not trained yet (public/models/gan missing)');
}

console.log('\nWhy latent: one picture in the ldm latent (+ decode) vs in pixels (ddpm), wasm');
if (['ldm', 'ldm-ae', 'ddpm'].every((id) => existsSync(join('public/models', id, 'model.json')))) {
  await benchWhyLatent(browser, server.url, inChromium);
} else {
  console.log('  not trained yet (ldm, ldm-ae or ddpm missing)');
}

console.log('\nThe reverse process, DDPM played through 1,000 steps (built site, wasm)');
if (existsSync('public/models/ddpm/model.json')) {
  console.log(reverseProcessReport(await benchReverseProcess(browser, server.url)).join('\n'));
} else {
  console.log('  not trained yet (public/models/ddpm missing)');
}

console.log('\nSame faces, three eras: grids and the live measurement (built site, wasm)');
if (
  ['vae', 'gan', 'ddpm', 'ldm', 'ldm-ae', 'probe'].every((id) =>
    existsSync(join('public/models', id, 'model.json')),
  )
) {
  console.log((await benchCompare(browser, server.url)).join('\n'));
} else {
  console.log('  not trained yet (a model of the comparison is missing)');
}

await browser.close();
await server.close();

/** Bundles scripts/lib/probeBench.entry.ts and times the probe in the bench's Chromium. */
function probeInChromium() {
  return inChromium<{ backend: string; first: number; median: number }>(
    'scripts/lib/probeBench.entry.ts',
    'probeBench',
    ['probe'],
  );
}

/**
 * Runs a browser entry in the bench's Chromium: bundles `entry` with esbuild, serves it with
 * the tfjs wasm binaries under /wasm/ and the folders of `models` under /models/, and
 * returns what `window[call](arg)` resolves to. A page of its own rather than the built
 * site, so timings measure the models, not the figures around them.
 */
async function inChromium<T>(
  entry: string,
  call: string,
  models: string[],
  arg?: unknown,
): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-'));
  await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    outfile: join(dir, 'bench.js'),
    logLevel: 'error',
  });
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><script type="module" src="/bench.js"></script>',
  );
  mkdirSync(join(dir, 'wasm'));
  const wasmDist = 'node_modules/@tensorflow/tfjs-backend-wasm/dist';
  for (const f of [
    'tfjs-backend-wasm.wasm',
    'tfjs-backend-wasm-simd.wasm',
    'tfjs-backend-wasm-threaded-simd.wasm',
  ]) {
    copyFileSync(join(wasmDist, f), join(dir, 'wasm', f));
  }
  for (const id of models) {
    cpSync(join('public/models', id), join(dir, 'models', id), { recursive: true });
  }
  const benchServer = await serveDist(dir, '/');
  const page = await browser.newPage();
  await page.goto(benchServer.url);
  await page.waitForFunction((name) => name in window, call);
  const result = await page.evaluate(
    ([name, a]) =>
      (window as unknown as Record<string, (a: unknown) => Promise<unknown>>)[name]!(a),
    [call, arg] as const,
  );
  await page.close();
  await benchServer.close();
  return result as T;
}

async function wakeAll(page: Page) {
  for (const figure of await page.$$('[data-figure]')) {
    await figure.scrollIntoViewIfNeeded();
    await page.waitForTimeout(50);
  }
  await page.waitForFunction(() =>
    [...document.querySelectorAll('[data-figure]')].every(
      (f) =>
        f.getAttribute('data-hydrated') === 'true' && f.getAttribute('data-status') !== 'loading',
    ),
  );
  await page.waitForLoadState('networkidle');
}
