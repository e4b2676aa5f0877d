/**
 * Scores every shipped model with the yardstick (src/models/yardstick.ts) on fixed seeds:
 * used by `npm run evaluate` (which writes public/models/metrics.json) and by the
 * quality-floor test (with fewer samples). Node only: reads public/models/ from disk.
 */
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { IMAGE_LENGTH, SIZE, TEST_SEEDS, headshotBatch } from '../../src/data/headshots.ts';
import { TOY_DISTRIBUTIONS } from '../../src/data/toy2d.ts';
import { TOY_ORDER } from '../../src/models/diffusion2d.ts';
import { aeDecode, aeEncode } from '../../src/models/latentAe.ts';
import type { Prompt } from '../../src/models/latentDenoiser.ts';
import { distribution, reconstructionError, sharpness } from '../../src/models/metrics.ts';
import type { Params } from '../../src/models/nn.ts';
import {
  CATEGORICAL,
  CATEGORICAL_FACTORS,
  CONTINUOUS_FACTORS,
  rSquared,
} from '../../src/models/probe.ts';
import {
  readOut,
  sample2d,
  sampleDdpm,
  sampleGan,
  sampleLdm,
  sampleVae,
  ldmSettings,
} from '../../src/models/sampling.ts';
import { splitGroups } from '../../src/models/nn.ts';
import { decode, encode } from '../../src/models/vae.ts';
import { probeSet, scoreSet, type ImageSet, type Score } from '../../src/models/yardstick.ts';
import { readWeightsDir } from '../../src/models/training/io.ts';

export const MODELS_DIR = join('public', 'models');
/** Seeds of the samples each model draws for its score. */
export const SAMPLE_SEED = 4242;

export async function loadModel(id: string) {
  const { modelJson, weights } = await readWeightsDir(join(MODELS_DIR, id));
  return { modelJson, weights, groups: splitGroups(weights) };
}

export type Probe = Record<string, tf.Tensor>;
export const loadProbe = async (): Promise<Probe> => (await loadModel('probe')).weights;

/** Held-out real faces: `n` from the start of the test seeds (the reference of every score). */
export function realSet(n: number, offset = 0) {
  const b = headshotBatch(TEST_SEEDS.first + offset, n);
  return { set: { pixels: b.pixels, n } as ImageSet, factors: b.factors };
}

export type Distributions = Record<string, number[]>;

/** Probe-predicted share of each value of each categorical factor (and glasses) in a set. */
export async function factorDistributions(probe: Probe, set: ImageSet): Promise<Distributions> {
  const p = await probeSet(probe, set);
  const out: Distributions = {};
  for (const f of CATEGORICAL_FACTORS)
    out[f] = distribution(p.categorical[f], CATEGORICAL[f] as readonly string[]);
  out.glasses = distribution(p.glasses, [true, false]);
  return out;
}

export interface ModelScore extends Score {
  samples: number;
  distributions: Distributions;
}

async function scoreImages(probe: Probe, pixels: Float32Array, n: number, real: ImageSet) {
  const set = { pixels, n };
  return {
    samples: n,
    ...(await scoreSet(probe, set, real)),
    distributions: await factorDistributions(probe, set),
  } satisfies ModelScore;
}

/** What survives a reconstruction: probe accuracy (categorical) and R² (continuous) on it. */
async function survival(
  probe: Probe,
  recon: ImageSet,
  truth: ReturnType<typeof realSet>['factors'],
) {
  const p = await probeSet(probe, recon);
  const accuracy: Record<string, number> = {};
  for (const f of CATEGORICAL_FACTORS)
    accuracy[f] = p.categorical[f].filter((v, i) => v === truth[i]![f]).length / recon.n;
  accuracy.glasses = p.glasses.filter((v, i) => v === truth[i]!.glasses).length / recon.n;
  const r2: Record<string, number> = {};
  for (const f of CONTINUOUS_FACTORS)
    r2[f] = rSquared(
      truth.map((x) => x[f]),
      p.continuous[f],
    );
  return { accuracy, r2 };
}

async function reconstructions(
  real: ReturnType<typeof realSet>,
  probe: Probe,
  roundTrip: (x: tf.Tensor4D) => tf.Tensor4D,
) {
  const n = real.set.n;
  const pixels = await readOut(() => roundTrip(tf.tensor4d(real.set.pixels, [n, SIZE, SIZE, 3])));
  const set = { pixels, n };
  return {
    reconstructionMse: reconstructionError(real.set.pixels, pixels),
    reconstructionSharpness: sharpness({ ...set, size: SIZE }, { ...real.set, size: SIZE }),
    survives: await survival(probe, set, real.factors),
  };
}

export async function evaluateVae(
  probe: Probe,
  n: number,
  real: ImageSet,
  recon: ReturnType<typeof realSet>,
) {
  const p = (await loadModel('vae')).groups.vae as Params;
  const t0 = performance.now();
  const pixels = await sampleVae(p, n, SAMPLE_SEED);
  const ms = (performance.now() - t0) / n;
  return {
    ...(await scoreImages(probe, pixels, n, real)),
    nodeMsPerImage: ms,
    ...(await reconstructions(recon, probe, (x) => decode(p, encode(p, x).mu))),
  };
}

export async function evaluateGan(probe: Probe, n: number, real: ImageSet) {
  const p = (await loadModel('gan')).groups.generator as Params;
  const t0 = performance.now();
  const pixels = await sampleGan(p, n, SAMPLE_SEED);
  const ms = (performance.now() - t0) / n;
  return { ...(await scoreImages(probe, pixels, n, real)), nodeMsPerImage: ms };
}

export async function evaluateDdpm(probe: Probe, n: number, real: ImageSet, steps = 50) {
  const p = (await loadModel('ddpm')).groups.unet as Params;
  const t0 = performance.now();
  const pixels = await sampleDdpm(p, { n, seed: SAMPLE_SEED, steps });
  const ms = (performance.now() - t0) / n;
  return {
    ...(await scoreImages(probe, pixels, n, real)),
    sampler: `DDIM, ${steps} steps, η = 0`,
    nodeMsPerImage: ms,
  };
}

export async function evaluateLdmAe(
  probe: Probe,
  real: ImageSet,
  recon: ReturnType<typeof realSet>,
) {
  const p = (await loadModel('ldm-ae')).groups.ae as Params;
  const r = await reconstructions(recon, probe, (x) => aeDecode(p, aeEncode(p, x).mu));
  const rec = await readOut(() =>
    aeDecode(p, aeEncode(p, tf.tensor4d(recon.set.pixels, [recon.set.n, SIZE, SIZE, 3])).mu),
  );
  return {
    ...r,
    reconstructionFid: (await scoreSet(probe, { pixels: rec, n: recon.set.n }, real)).fid,
  };
}

/** Prompts the ldm is scored with: the full factors of held-out faces (like class-conditional FID). */
export function promptsOf(factors: ReturnType<typeof realSet>['factors']): Prompt[] {
  return factors.map((f) => ({
    eyeColour: f.eyeColour,
    hairStyle: f.hairStyle,
    hairColour: f.hairColour,
    backdrop: f.backdrop,
    glasses: f.glasses,
    skinTone: f.skinTone,
  }));
}

/** Share of samples whose probe-read factor matches a one-factor prompt, per factor. */
export async function promptAccuracy(
  probe: Probe,
  ae: Params,
  den: Params,
  settings: ReturnType<typeof ldmSettings>,
  perValue: number,
  guidance: number,
) {
  const cases: {
    factor: 'eyeColour' | 'hairStyle' | 'glasses';
    values: readonly (string | boolean)[];
  }[] = [
    { factor: 'eyeColour', values: CATEGORICAL.eyeColour },
    { factor: 'hairStyle', values: CATEGORICAL.hairStyle },
    { factor: 'glasses', values: [true, false] },
  ];
  const result: Record<string, { accuracy: number; perValue: Record<string, number> }> = {};
  let seed = SAMPLE_SEED + 100;
  for (const { factor, values } of cases) {
    const prompts: Prompt[] = values.flatMap((v) => new Array(perValue).fill({ [factor]: v }));
    const pixels = await sampleLdm(ae, den, {
      n: prompts.length,
      prompt: prompts,
      guidance,
      ...settings,
      seed: seed++,
    });
    const p = await probeSet(probe, { pixels, n: prompts.length });
    const read = factor === 'glasses' ? p.glasses : p.categorical[factor];
    const hits: Record<string, number> = {};
    values.forEach((v, k) => {
      const slice = read.slice(k * perValue, (k + 1) * perValue);
      hits[String(v)] = slice.filter((x) => x === v).length / perValue;
    });
    const all = Object.values(hits);
    result[factor] = { accuracy: all.reduce((a, b) => a + b, 0) / all.length, perValue: hits };
  }
  return result;
}

export async function evaluateLdm(
  probe: Probe,
  n: number,
  real: ImageSet,
  prompts: Prompt[],
  perValue: number,
) {
  const ae = (await loadModel('ldm-ae')).groups.ae as Params;
  const { groups, modelJson } = await loadModel('ldm');
  const den = groups.denoiser as Params;
  const settings = ldmSettings(modelJson);
  const t0 = performance.now();
  const prompted = await sampleLdm(ae, den, {
    n,
    prompt: prompts.slice(0, n),
    guidance: 1,
    ...settings,
    seed: SAMPLE_SEED,
  });
  const ms = (performance.now() - t0) / n;
  const unconditional = await sampleLdm(ae, den, {
    n,
    prompt: {},
    guidance: 1,
    ...settings,
    seed: SAMPLE_SEED + 1,
  });
  const guided = await sampleLdm(ae, den, {
    n,
    prompt: prompts.slice(0, n),
    guidance: 3,
    ...settings,
    seed: SAMPLE_SEED + 2,
  });
  return {
    ...(await scoreImages(probe, prompted, n, real)),
    sampler: 'DDIM, 50 steps, η = 0; prompts: the full factors of held-out faces, guidance 1',
    nodeMsPerImage: ms,
    unconditional: await scoreImages(probe, unconditional, n, real),
    guidance3: await scoreImages(probe, guided, n, real),
    promptAccuracyAtGuidance3: await promptAccuracy(probe, ae, den, settings, perValue, 3),
  };
}

/**
 * 2-D toy model: per distribution, precision (share of generated points within `radius` of
 * a real point) and recall (share of real points within `radius` of a generated point).
 */
export async function evaluate2d(n: number, radius = 0.15) {
  const p = (await loadModel('diffusion-2d')).groups.mlp as Params;
  const out: Record<string, { precision: number; recall: number }> = {};
  for (const [which, name] of TOY_ORDER.entries()) {
    const fake = await sample2d(p, { n, which, seed: SAMPLE_SEED + which });
    const real = TOY_DISTRIBUTIONS[name].sample(n, 777 + which);
    out[name] = { precision: near(fake, real, radius), recall: near(real, fake, radius) };
  }
  return out;
}

function near(a: Float32Array, b: Float32Array, r: number): number {
  let hits = 0;
  for (let i = 0; i < a.length; i += 2) {
    for (let j = 0; j < b.length; j += 2) {
      const dx = a[i]! - b[j]!;
      const dy = a[i + 1]! - b[j + 1]!;
      if (dx * dx + dy * dy <= r * r) {
        hits++;
        break;
      }
    }
  }
  return hits / (a.length / 2);
}

export { IMAGE_LENGTH };
