/**
 * The GAN chapter's figures talk to the GAN through this: GanSession's calls (ganSession.ts),
 * answered in a Web Worker (ganServe.ts, run by the shared ../models.worker.ts) that a page's
 * figures share, so the model's start-up and every face it draws stay off the main thread.
 */
import { WorkerClient, sharedClient } from '../shell/workerClient.ts';
import type { GanCall, GanResult, Scored } from './ganProtocol.ts';
import type { GanApi, Measured } from './ganSession.ts';

export class GanClient extends WorkerClient<GanCall, GanResult> implements GanApi {
  constructor(worker: Worker, base: string, search?: string) {
    super(worker, base, 'GAN', search);
  }

  generate(z: Float32Array): Promise<Float32Array> {
    return this.call({ op: 'generate', z });
  }

  score(pixels: Float32Array, n: number): Promise<Float32Array> {
    return this.call({ op: 'score', pixels, n });
  }

  generateScored(z: Float32Array, chunk?: number): Promise<Scored> {
    return this.call({ op: 'generate-scored', z, chunk });
  }

  measure(
    n: number,
    seed: number,
    chunk?: number,
    progress?: (done: number) => void,
  ): Promise<Measured> {
    return this.call({ op: 'measure', n, seed, chunk }, { progress });
  }

  vaeSamples(n: number, seed: number): Promise<Float32Array> {
    return this.call({ op: 'vae-samples', n, seed });
  }
}

/** The page's GAN worker, started on first use and shared by its figures. */
export const openGan = sharedClient(
  (base) =>
    new GanClient(
      new Worker(new URL('../models.worker.ts', import.meta.url), { type: 'module', name: 'gan' }),
      base,
    ),
);
