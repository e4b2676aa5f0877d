/**
 * The trained 2-D diffusion model in the page: one tfjs runtime, one download of the MLP,
 * shared by every figure that runs it. Imported with a dynamic `import()` (it pulls in
 * TensorFlow.js); every tensor is made and freed inside `runtime.read`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { TOY_DISTRIBUTIONS, type ToyDistribution } from '../../../data/toy2d.ts';
import { makeSchedule, type Schedule } from '../../../models/diffusion/schedule.ts';
import { forwardChain, reverseTimes, reverseTrajectory } from '../../../models/diffusion2dPaths.ts';
import type { Trajectory } from '../../../models/diffusion2dPaths.ts';
import { TOY_ORDER, denoise2d, toyOneHot } from '../../../models/diffusion2d.ts';
import type { Params } from '../../../models/nn.ts';
import { getRuntime, type Runtime } from '../../../models/runtime.ts';
import { DIFFUSION_T } from '../../../models/sampling.ts';
import { loadModel } from '../../../models/zoo.ts';
import { openOnce } from '../openOnce.ts';

export { BackendChanged } from '../../../models/runtime.ts';

export class Diffusion2dSession {
  readonly schedule: Schedule = makeSchedule({ kind: 'linear', T: DIFFUSION_T });
  /** Milliseconds of the last reverse run's model calls, per step (for the readout). */
  lastStepMs = 0;

  constructor(
    readonly runtime: Runtime,
    readonly params: Params,
  ) {}

  /** n points of `which` denoised from N(0, I) noise by `steps` DDIM steps, every frame kept. */
  async reverse(
    which: ToyDistribution,
    n: number,
    steps: number,
    seed: number,
    onProgress?: (done: number) => void,
  ) {
    const d = TOY_ORDER.indexOf(which);
    let modelMs = 0;
    const path = await reverseTrajectory({
      n,
      steps,
      seed,
      schedule: this.schedule,
      ...(onProgress ? { onProgress } : {}),
      denoise: async (x, t) => {
        const t0 = performance.now();
        const eps = await this.runtime.read(() =>
          denoise2d(
            this.params,
            tf.tensor2d(x, [n, 2]),
            new Array<number>(n).fill(t),
            toyOneHot(new Array<number>(n).fill(d)),
          ),
        );
        modelMs += performance.now() - t0;
        return eps;
      },
    });
    this.lastStepMs = modelMs / steps;
    return path;
  }

  /** n real points of `which` noised step by step through the same steps, 0 first. */
  forward(which: ToyDistribution, n: number, steps: number, seed: number): Trajectory {
    const x0 = TOY_DISTRIBUTIONS[which].sample(n, seed);
    return forwardChain(x0, reverseTimes(DIFFUSION_T, steps).reverse(), this.schedule, seed + 1);
  }
}

/** The page's 2-D diffusion session: starts the runtime and loads the weights once. */
export const openDiffusion2d: (base: string) => Promise<Diffusion2dSession> = openOnce(
  async (base) => {
    const runtime = await getRuntime();
    const model = await loadModel('diffusion-2d', base);
    const params = model.groups['mlp'];
    if (!params) throw new Error('The 2-D diffusion model file has no "mlp" weights.');
    return new Diffusion2dSession(runtime, params);
  },
);
