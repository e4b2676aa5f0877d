/**
 * The diffusion chapter's models, in its Web Worker (diffusionServe.ts): the pixel-space
 * ddpm (Ho et al. 2020), the prompted latent model (the ldm denoiser and the ldm-ae decoder),
 * the probe and the 2-D toy model, each downloaded the first time a figure needs it and then shared. A failed
 * download is forgotten, so the next call tries again. Latent sizes and the prediction type
 * come from ldm's model.json (`ldmSettings`), so a retrained ldm with the same interface just
 * works.
 */
import * as tf from '@tensorflow/tfjs-core';
import { IMAGE_LENGTH, SIZE } from '../../data/headshots.ts';
import type { Prompt } from '../../models/latentDenoiser.ts';
import type { Params } from '../../models/nn.ts';
import type { Runtime } from '../../models/runtime.ts';
import { ldmDecode, ldmDenoiser, ldmSettings } from '../../models/sampling.ts';
import { unet } from '../../models/unet.ts';
import { loadModel } from '../../models/zoo.ts';
import { Diffusion2dSession } from './diffusion-2d/diffusion2dSession.ts';
import { PromptSession } from './prompting/promptSession.ts';
import { latentShapeOf, type LatentShape } from './why-latent/latentShape.ts';

interface Ldm {
  ae: Params;
  denoiser: Params;
  settings: ReturnType<typeof ldmSettings>;
  latent: LatentShape;
}

/** `load` once; a failure is forgotten so the next call retries. */
function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | null = null;
  return () => {
    value ??= load();
    value.catch(() => (value = null));
    return value;
  };
}

export class DiffusionModels {
  constructor(
    readonly runtime: Runtime,
    readonly base: string,
  ) {}

  readonly ddpm = lazy(async () => {
    const params = (await loadModel('ddpm', this.base)).groups['unet'];
    if (!params) throw new Error('The DDPM model file has no "unet" weights.');
    return params;
  });

  readonly ldm = lazy(async (): Promise<Ldm> => {
    const [ae, ldm] = await Promise.all([
      loadModel('ldm-ae', this.base),
      loadModel('ldm', this.base),
    ]);
    const decoder = ae.groups['ae'];
    const denoiser = ldm.groups['denoiser'];
    if (!decoder || !denoiser) throw new Error('The ldm or ldm-ae model file lacks its weights.');
    return {
      ae: decoder,
      denoiser,
      settings: ldmSettings(ldm.meta),
      latent: latentShapeOf(decoder, denoiser),
    };
  });

  readonly prompting = lazy(async () => {
    const [ldm, probe] = await Promise.all([this.ldm(), loadModel('probe', this.base)]);
    return new PromptSession(this.runtime, ldm.ae, ldm.denoiser, probe.weights, ldm.settings);
  });

  readonly diffusion2d = lazy(async () => {
    const params = (await loadModel('diffusion-2d', this.base)).groups['mlp'];
    if (!params) throw new Error('The 2-D diffusion model file has no "mlp" weights.');
    return new Diffusion2dSession(this.runtime, params);
  });

  /** ε̂ = ε_θ(xₜ, t) for one image xₜ (flat [32, 32, 3], model scale [−1, 1] plus noise). */
  async ddpmNoise(x: Float32Array, t: number): Promise<Float32Array> {
    if (x.length !== IMAGE_LENGTH)
      throw new Error(`DDPM: expected ${IMAGE_LENGTH} values, got ${x.length}`);
    const params = await this.ddpm();
    return this.runtime.read(() => unet(params, tf.tensor4d(x, [1, SIZE, SIZE, 3]), [t]));
  }

  /** The latent model's guided ε̃(zₜ, t) for one latent (as its sampler asks for it). */
  async ldmNoise(z: Float32Array, t: number, prompt: Prompt, guidance: number) {
    const { denoiser, settings } = await this.ldm();
    return ldmDenoiser(denoiser, { n: 1, prompt, guidance, prediction: settings.prediction })(z, t);
  }

  /** One latent ẑ₀ decoded to a face in [0, 1]. */
  async ldmDecode(z0: Float32Array): Promise<Float32Array> {
    const { ae, settings } = await this.ldm();
    return ldmDecode(ae, z0, settings.latentScale);
  }

  async latentShape(): Promise<LatentShape> {
    return (await this.ldm()).latent;
  }
}
