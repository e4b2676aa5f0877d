/**
 * Browser entry for `npm run bench` (the "why latent" section): the cost of one denoising
 * step of the latent model (its guided batch of two), one ldm-ae decode, one step of the
 * pixel-space ddpm, and a whole 50-step picture of each, with TensorFlow.js on wasm, through
 * the same functions the figure calls, with nothing drawn. Also live tensors before and after.
 */
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerInferenceKernels } from '../../src/models/training/wasmKernels.ts';
import { IMAGE_LENGTH } from '../../src/data/headshots.ts';
import type { Params } from '../../src/models/nn.ts';
import {
  ddpmDenoiser,
  gaussians,
  ldmDecode,
  ldmDenoiser,
  ldmSettings,
  sampleDdpm,
  sampleLdm,
} from '../../src/models/sampling.ts';
import { splitGroups } from '../../src/models/nn.ts';
import { fetchWeights } from '../../src/models/training/weightsUrl.ts';

export interface WhyLatentLoopResult {
  backend: string;
  latentValues: number;
  latentStepMs: number;
  decodeMs: number;
  pixelStepMs: number;
  latentSampleMs: number;
  pixelSampleMs: number;
  tensorsBefore: number;
  tensorsAfter: number;
}

async function load(id: string) {
  const { modelJson, weights } = await fetchWeights(`/models/${id}/model.json`);
  return { groups: splitGroups(weights), modelJson };
}

/** Median time of `f` over `n` calls, after one untimed warm-up call. */
async function median(f: () => Promise<unknown>, n: number): Promise<number> {
  await f();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await f();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[n >> 1]!;
}

async function run(): Promise<WhyLatentLoopResult> {
  setWasmPaths('/wasm/');
  registerInferenceKernels(); // as the site's runtime does (src/models/runtime.ts)
  if (!(await tf.setBackend('wasm'))) throw new Error('wasm backend did not start');
  const ldm = await load('ldm');
  const ae = (await load('ldm-ae')).groups['ae'] as Params;
  const den = ldm.groups['denoiser'] as Params;
  const unet = (await load('ddpm')).groups['unet'] as Params;
  const settings = ldmSettings(ldm.modelJson);
  const latentValues = den['in/kernel']!.shape[0]!;
  const tensorsBefore = tf.memory().numTensors;

  const latentEps = ldmDenoiser(den, { n: 1, prompt: {}, guidance: 1, ...settings });
  const z = gaussians(latentValues, 1);
  const x = gaussians(IMAGE_LENGTH, 1);
  const pixelEps = ddpmDenoiser(unet);
  const result = {
    backend: tf.getBackend(),
    latentValues,
    latentStepMs: await median(() => latentEps(z, 500), 100),
    decodeMs: await median(() => ldmDecode(ae, z, settings.latentScale), 100),
    pixelStepMs: await median(() => pixelEps(x, 500), 50),
    latentSampleMs: await median(
      () => sampleLdm(ae, den, { n: 1, seed: 1, steps: 50, prompt: {}, guidance: 1, ...settings }),
      5,
    ),
    pixelSampleMs: await median(() => sampleDdpm(unet, { n: 1, seed: 1, steps: 50 }), 5),
  };
  return { ...result, tensorsBefore, tensorsAfter: tf.memory().numTensors };
}

(window as unknown as { whyLatentBench: typeof run }).whyLatentBench = run;
