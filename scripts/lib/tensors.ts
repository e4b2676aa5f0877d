/**
 * Live tfjs tensors where a figure's model runs: on the page, or in the page's Web Worker
 * whose script name contains `worker` (the comparison page and the VAE chapter keep tfjs
 * there). The benches and the end-to-end tests read leaks through this.
 */
import type { Page } from 'playwright-core';

const count = () =>
  (globalThis as unknown as { _tfengine: { state: { numTensors: number } } })._tfengine.state
    .numTensors;

export async function liveTensors(page: Page, worker?: string): Promise<number> {
  if (worker === undefined) return page.evaluate(count);
  const found = page.workers().find((w) => w.url().includes(worker));
  if (!found) throw new Error(`no ${worker} worker is running`);
  return found.evaluate(count);
}
