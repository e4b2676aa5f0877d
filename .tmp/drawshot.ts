import { chromium } from 'playwright-core';
import { serveDist } from '../scripts/lib/server.ts';
import { CHROMIUM_ARGS, ensureChromium } from '../scripts/lib/chromium.ts';
const server = await serveDist('dist', '/');
const browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
for (const width of [390, 1280]) {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  page.on('console', (m) => m.type() === 'error' && console.log('console error:', m.text()));
  await page.goto(server.url + 'gan/?gan-2d.distribution=draw#fig-gan-2d');
  const fig = page.locator('[data-figure="gan-2d"]');
  await fig.scrollIntoViewIfNeeded();
  await page.waitForSelector('[data-figure="gan-2d"][data-status="ready"]');
  const box = (await fig.locator('.pad').boundingBox())!;
  const go = async (pts: [number, number][]) => {
    await page.mouse.move(box.x + pts[0]![0] * box.width, box.y + pts[0]![1] * box.height);
    await page.mouse.down();
    for (const [fx, fy] of pts.slice(1)) await page.mouse.move(box.x + fx * box.width, box.y + fy * box.height, { steps: 8 });
    await page.mouse.up();
  };
  // a heart-ish loop and a dot cluster
  const loop: [number, number][] = Array.from({ length: 25 }, (_, i) => {
    const a = (i / 24) * 2 * Math.PI;
    return [0.5 + 0.28 * Math.cos(a), 0.5 + 0.28 * Math.sin(a)];
  });
  await go(loop);
  await go([[0.45, 0.45], [0.55, 0.55]]);
  await fig.screenshot({ path: `/tmp/shots/draw-${width}-drawn.png` });
  await fig.getByRole('button', { name: 'Play', exact: true }).click();
  await page.waitForTimeout(6000);
  await fig.getByRole('button', { name: 'Pause', exact: true }).click();
  await fig.screenshot({ path: `/tmp/shots/draw-${width}-trained.png` });
  await page.close();
}
await browser.close();
server.close();
