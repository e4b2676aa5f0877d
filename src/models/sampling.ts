/**
 * Drawing samples from every shipped model, the same way in Node (evaluation, tests) and in
 * the browser (figures). Functions take the weights and return plain Float32Arrays of
 * images [n, 32, 32, 3] in [0, 1] (or 2-D points), freeing every tensor they make.
 */
import * as tf from '@tensorflow/tfjs-core';
import { IMAGE_LENGTH, SIZE } from '../data/headshots.ts';
import { mulberry32, normal } from '../data/random.ts';
import { guide, sample } from './diffusion/sampler.ts';
import { alphaBarAt } from './diffusion/schedule.ts';
import { DIFFUSION_T, PIXEL_CLIP, toImages, trainedSchedule } from './diffusion/trained.ts';
import type { Prediction } from './diffusion/objective.ts';
import { denoise2d, toyOneHot } from './diffusion2d.ts';
import { NOISE, generate } from './gan.ts';
import { LATENT_CHANNELS, LATENT_SIZE, aeDecode } from './latentAe.ts';
import { CONDITION_SIZE, encodePrompt, latentDenoise, type Prompt } from './latentDenoiser.ts';
import type { Params } from './nn.ts';
import { unet } from './unet.ts';
import { decode } from './vae.ts';

export { DIFFUSION_T, PIXEL_CLIP, toImages, trainedSchedule };
const schedule = trainedSchedule;

/** Runs `build` in tidy, reads its result and frees it. */
export async function readOut(build: () => tf.Tensor): Promise<Float32Array> {
  const t = tf.tidy(build);
  try {
    return (await t.data()) as Float32Array;
  } finally {
    t.dispose();
  }
}

/** n standard-normal numbers from a seed. */
export function gaussians(n: number, seed: number): Float32Array {
  const g = normal(mulberry32(seed));
  return Float32Array.from({ length: n }, g);
}

/**
 * Runs `f` on chunks of at most `chunk` examples of `x` (each `size` long) and joins the
 * outputs (whose length per example may differ from the input's).
 */
async function chunked(
  x: Float32Array,
  size: number,
  chunk: number,
  f: (part: Float32Array, m: number) => Promise<Float32Array>,
): Promise<Float32Array> {
  const n = x.length / size;
  if (n <= chunk) return f(x, n);
  const parts: Float32Array[] = [];
  for (let start = 0; start < n; start += chunk) {
    const m = Math.min(chunk, n - start);
    parts.push(await f(x.subarray(start * size, (start + m) * size), m));
  }
  const out = new Float32Array(parts.reduce((total, p) => total + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** VAE faces decoded from latents z [n, 2]. */
export function vaeDecode(p: Params, z: Float32Array): Promise<Float32Array> {
  return readOut(() => decode(p, tf.tensor2d(z, [z.length / 2, 2])));
}

/** n VAE samples: z ~ N(0, I), decoded (the decoder's mean image). */
export function sampleVae(p: Params, n: number, seed: number): Promise<Float32Array> {
  return vaeDecode(p, gaussians(n * 2, seed));
}

/** GAN faces from noise z [n, 64]. */
export function ganGenerate(p: Params, z: Float32Array): Promise<Float32Array> {
  return chunked(z, NOISE, 256, (part, m) =>
    readOut(() => generate(p, tf.tensor2d(part, [m, NOISE]))),
  );
}

export function sampleGan(p: Params, n: number, seed: number): Promise<Float32Array> {
  return ganGenerate(p, gaussians(n * NOISE, seed));
}

export interface DiffusionOptions {
  n: number;
  seed: number;
  /** DDIM steps (DDPM always runs all 1000). */
  steps?: number;
  method?: 'ddpm' | 'ddim';
  eta?: number;
  /** Called after each step with the current x̂₀ as images in [0, 1]. */
  onStep?: (t: number, preview: Float32Array) => void | Promise<void>;
}

/** The ddpm's noise prediction ε̂(xₜ, t) for images flat [n, 32, 32, 3] in [-1, 1]. */
export function ddpmDenoiser(p: Params): (xt: Float32Array, t: number) => Promise<Float32Array> {
  return (xt, t) =>
    chunked(xt, IMAGE_LENGTH, 128, (part, m) =>
      readOut(() => unet(p, tf.tensor4d(part, [m, SIZE, SIZE, 3]), new Array(m).fill(t))),
    );
}

/** Unconditional DDPM-model faces (Ho et al. 2020), by DDIM (default) or DDPM sampling. */
export async function sampleDdpm(p: Params, o: DiffusionOptions): Promise<Float32Array> {
  const x = await sample({
    n: o.n * IMAGE_LENGTH,
    schedule,
    steps: o.steps ?? 50,
    method: o.method ?? 'ddim',
    eta: o.eta ?? 0,
    rng: mulberry32(o.seed),
    clip: PIXEL_CLIP,
    denoise: ddpmDenoiser(p),
    ...(o.onStep ? { onStep: (_x, t, x0) => o.onStep!(t, toImages(x0)) } : {}),
  });
  return toImages(x);
}

export interface LatentOptions extends DiffusionOptions {
  /** One prompt for all samples, or one per sample. */
  prompt: Prompt | Prompt[];
  /** Classifier-free guidance weight w (1 = plain conditional, 0 = unconditional). */
  guidance: number;
  /** The scale the latents were multiplied by in training (ldm's model.json). */
  latentScale: number;
  /** What the network predicts: the noise ε (default), the clean latent or the velocity (ldm's model.json). */
  prediction?: Prediction;
}

/** The sampling settings an ldm's model.json carries. */
export function ldmSettings(meta: Record<string, unknown>): {
  latentScale: number;
  prediction: Prediction;
} {
  const latentScale = Number(meta['latentScale']);
  if (!(latentScale > 0)) throw new Error('ldm model.json has no valid latentScale');
  const p = meta['prediction'];
  return { latentScale, prediction: p === 'x0' || p === 'v' ? p : 'eps' };
}

/** ε implied by a predicted velocity: ε = √ᾱₜ·v̂ + √(1 − ᾱₜ)·zₜ. */
export function epsFromV(zt: Float32Array, v: Float32Array, t: number): Float32Array {
  const ab = alphaBarAt(schedule.alphaBars, t);
  const a = Math.sqrt(ab);
  const b = Math.sqrt(1 - ab);
  return zt.map((z, i) => a * v[i]! + b * z);
}

/** ε implied by a predicted clean latent: ε = (zₜ − √ᾱₜ·ẑ₀) / √(1 − ᾱₜ). */
function epsFromX0(zt: Float32Array, x0: Float32Array, t: number): Float32Array {
  const ab = alphaBarAt(schedule.alphaBars, t);
  const a = Math.sqrt(ab);
  const b = Math.sqrt(1 - ab);
  return zt.map((z, i) => (z - a * x0[i]!) / b);
}

/**
 * Latent-diffusion faces: DDIM in the 8×8×8 latent space with classifier-free guidance
 * (conditional and unconditional predictions in one batch), then the ldm-ae decoder.
 */
export async function sampleLdm(ae: Params, den: Params, o: LatentOptions): Promise<Float32Array> {
  const z = await sample({
    n: o.n * LATENT_SIZE,
    schedule,
    steps: o.steps ?? 50,
    method: o.method ?? 'ddim',
    eta: o.eta ?? 0,
    rng: mulberry32(o.seed),
    denoise: ldmDenoiser(den, o),
    ...(o.onStep
      ? { onStep: async (_x, t, z0) => o.onStep!(t, await ldmDecode(ae, z0, o.latentScale)) }
      : {}),
  });
  return ldmDecode(ae, z, o.latentScale);
}

/**
 * The ldm's guided noise prediction ε̃(zₜ, t) for o.n latents: conditional and unconditional
 * predictions in one batch of 2n, converted to ε if the network predicts z₀ or v, then mixed.
 */
export function ldmDenoiser(
  den: Params,
  o: Pick<LatentOptions, 'n' | 'prompt' | 'guidance' | 'prediction'>,
): (zt: Float32Array, t: number) => Promise<Float32Array> {
  const cond = new Float32Array(o.n * 2 * CONDITION_SIZE); // rows n…2n−1 stay ∅ (all zeros)
  for (let i = 0; i < o.n; i++) {
    const prompt = Array.isArray(o.prompt) ? o.prompt[i]! : o.prompt;
    encodePrompt(prompt, cond, i * CONDITION_SIZE);
  }
  return async (zt, t) => {
    const both = await readOut(() => {
      const x = tf.tensor2d(zt, [o.n, LATENT_SIZE]);
      return latentDenoise(
        den,
        tf.concat([x, x]),
        new Array(2 * o.n).fill(t),
        tf.tensor2d(cond, [2 * o.n, CONDITION_SIZE]),
      );
    });
    const half = o.n * LATENT_SIZE;
    let epsCond = both.subarray(0, half);
    let epsUncond = both.subarray(half);
    if (o.prediction === 'x0') {
      epsCond = epsFromX0(zt, epsCond, t);
      epsUncond = epsFromX0(zt, epsUncond, t);
    } else if (o.prediction === 'v') {
      epsCond = epsFromV(zt, epsCond, t);
      epsUncond = epsFromV(zt, epsUncond, t);
    }
    // Guidance mixes noise predictions (Ho & Salimans 2022), whatever the network outputs.
    return guide(epsUncond, epsCond, o.guidance);
  };
}

/** Decodes scaled latents [n, LATENT_SIZE] to faces. */
export function ldmDecode(ae: Params, z: Float32Array, latentScale: number): Promise<Float32Array> {
  return chunked(z, LATENT_SIZE, 256, (part, m) =>
    readOut(() =>
      aeDecode(
        ae,
        tf.div(tf.tensor4d(part, [m, 8, 8, LATENT_CHANNELS]), latentScale) as tf.Tensor4D,
      ),
    ),
  );
}

/** Points [n, 2] of toy distribution `which` (index into TOY_ORDER) by DDIM. */
export async function sample2d(
  p: Params,
  o: { n: number; which: number; seed: number; steps?: number; eta?: number },
): Promise<Float32Array> {
  return sample({
    n: o.n * 2,
    schedule,
    steps: o.steps ?? 100,
    method: 'ddim',
    eta: o.eta ?? 0,
    rng: mulberry32(o.seed),
    denoise: (xt, t) =>
      readOut(() =>
        denoise2d(
          p,
          tf.tensor2d(xt, [o.n, 2]),
          new Array(o.n).fill(t),
          toyOneHot(new Array(o.n).fill(o.which)),
        ),
      ),
  });
}
