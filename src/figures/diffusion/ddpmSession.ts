/**
 * The trained pixel-space DDPM in the page (Ho et al. 2020): one tfjs runtime, one download
 * of the U-Net's weights, shared by every figure that runs it. Figures import this module
 * with a dynamic `import()` (it pulls in TensorFlow.js) and get plain Float32Arrays back:
 * every tensor is made and freed inside `runtime.read`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { IMAGE_LENGTH, SIZE } from '../../data/headshots.ts';
import type { Params } from '../../models/nn.ts';
import { getRuntime, type Runtime } from '../../models/runtime.ts';
import { unet } from '../../models/unet.ts';
import { loadModel } from '../../models/zoo.ts';
import { openOnce } from './openOnce.ts';

export { BackendChanged } from '../../models/runtime.ts';

export class DdpmSession {
  /** Model calls so far; tests read it to prove that looking back costs none. */
  calls = 0;

  constructor(
    readonly runtime: Runtime,
    readonly params: Params,
  ) {}

  /** ε̂ = ε_θ(xₜ, t) for one image xₜ (flat [32, 32, 3], model scale [−1, 1] plus noise). */
  predictNoise(x: Float32Array, t: number): Promise<Float32Array> {
    if (x.length !== IMAGE_LENGTH)
      throw new Error(`DDPM: expected ${IMAGE_LENGTH} values, got ${x.length}`);
    this.calls++;
    return this.runtime.read(() => unet(this.params, tf.tensor4d(x, [1, SIZE, SIZE, 3]), [t]));
  }
}

/** The page's DDPM session: starts the runtime and loads the weights once. */
export const openDdpm: (base: string) => Promise<DdpmSession> = openOnce(async (base) => {
  const runtime = await getRuntime();
  const model = await loadModel('ddpm', base);
  const params = model.groups['unet'];
  if (!params) throw new Error('The DDPM model file has no "unet" weights.');
  return new DdpmSession(runtime, params);
});
