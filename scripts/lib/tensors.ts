/**
 * Live tfjs tensors where a figure's model runs: on the page, or in the page's model worker
 * started for chapter `worker` ('vae', 'gan', 'diffusion' or 'compare': the name its client
 * gives the shared src/figures/models.worker.ts). The benches and the end-to-end tests read
 * leaks through this.
 */
import type { Page, Worker } from 'playwright-core';

const count = () =>
  (globalThis as unknown as { _tfengine: { state: { numTensors: number } } })._tfengine.state
    .numTensors;

/** The page's model worker of chapter `name`. */
export async function modelWorker(page: Page, name: string): Promise<Worker> {
  for (const w of page.workers()) {
    const own = await w.evaluate(() => (self as unknown as { name: string }).name).catch(() => '');
    if (own === name) return w;
  }
  throw new Error(`no ${name} model worker is running`);
}

export async function liveTensors(page: Page, worker?: string): Promise<number> {
  if (worker === undefined) return page.evaluate(count);
  return (await modelWorker(page, worker)).evaluate(count);
}
