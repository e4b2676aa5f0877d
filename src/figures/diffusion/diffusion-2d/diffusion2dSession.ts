/**
 * The trained 2-D diffusion model, in the diffusion chapter's worker (diffusionModels.ts
 * makes it; the figure reaches it through diffusionClient.ts): every tensor is made and freed
 * inside `runtime.read`. The forward film needs no model and is drawn on the page
 * (forwardFilm in diffusion2dPaths.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ToyDistribution } from '../../../data/toy2d.ts';
import type { Schedule } from '../../../models/diffusion/schedule.ts';
import { trainedSchedule } from '../../../models/diffusion/trained.ts';
import { reverseTrajectory } from '../../../models/diffusion2dPaths.ts';
import type { Trajectory } from '../../../models/diffusion2dPaths.ts';
import { TOY_ORDER, denoise2d, toyOneHot } from '../../../models/diffusion2d.ts';
import type { Params } from '../../../models/nn.ts';
import type { Runtime } from '../../../models/runtime.ts';

export class Diffusion2dSession {
  readonly schedule: Schedule = trainedSchedule;
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
  ): Promise<Trajectory> {
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
}
