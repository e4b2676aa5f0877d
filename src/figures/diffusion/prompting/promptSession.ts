/**
 * The prompted latent diffusion model: the ldm denoiser, the ldm-ae decoder and the probe that
 * checks what was drawn. It runs in the diffusion chapter's worker (diffusionModels.ts makes
 * it); the prompting figure reaches it through diffusionClient.ts as a `PromptApi`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { SIZE } from '../../../data/headshots.ts';
import type { Prompt } from '../../../models/latentDenoiser.ts';
import type { Params } from '../../../models/nn.ts';
import {
  CONTINUOUS_FACTORS,
  disposeOutputs,
  probeForward,
  readPredictions,
} from '../../../models/probe.ts';
import type { ProbeReading } from '../../../models/promptAgreement.ts';
import type { Runtime } from '../../../models/runtime.ts';
import { type ldmSettings, sampleLdm } from '../../../models/sampling.ts';

/** DDIM steps per sample, as the evaluation and the bench use. */
export const PROMPT_STEPS = 50;

export class PromptSession {
  constructor(
    readonly runtime: Runtime,
    readonly ae: Params,
    readonly denoiser: Params,
    readonly probe: Record<string, tf.Tensor>,
    readonly settings: ReturnType<typeof ldmSettings>,
  ) {}

  /** n faces (flat [n, 32, 32, 3] in [0, 1]) for one prompt at guidance w, from `seed`. */
  sample(prompt: Prompt, guidance: number, n: number, seed: number): Promise<Float32Array> {
    if (this.runtime.status.error) throw new Error(this.runtime.status.error);
    return sampleLdm(this.ae, this.denoiser, {
      n,
      seed,
      steps: PROMPT_STEPS,
      prompt,
      guidance,
      ...this.settings,
    });
  }

  /** What the probe reads from each of n faces. */
  async read(images: Float32Array, n: number): Promise<ProbeReading[]> {
    const outputs = tf.tidy(() =>
      probeForward(this.probe, tf.tensor4d(images, [n, SIZE, SIZE, 3])),
    );
    try {
      const p = await readPredictions(outputs);
      const skin = CONTINUOUS_FACTORS.indexOf('skinTone');
      return Array.from({ length: n }, (_, i) => ({
        eyeColour: p.categorical.eyeColour[i]!,
        hairStyle: p.categorical.hairStyle[i]!,
        hairColour: p.categorical.hairColour[i]!,
        backdrop: p.categorical.backdrop[i]!,
        glasses: p.glasses[i]!,
        skinTone: p.continuous[CONTINUOUS_FACTORS[skin]!][i]!,
      }));
    } finally {
      disposeOutputs(outputs);
    }
  }
}
