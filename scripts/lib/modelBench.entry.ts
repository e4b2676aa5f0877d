/**
 * Browser entry for `npm run bench`: times the generative models with TensorFlow.js on wasm
 * in Chromium, through the same sampling functions the figures call, and checks that
 * repeated calls leave no tensors behind. Bundled by the bench with esbuild; never part of
 * the site. The bench copies only the trained models into /models/ and passes their ids.
 */
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { NOISE } from '../../src/models/gan.ts';
import type { Params } from '../../src/models/nn.ts';
import {
  gaussians,
  ganGenerate,
  sampleDdpm,
  sampleLdm,
  sampleGan,
  ldmSettings,
  vaeDecode,
} from '../../src/models/sampling.ts';
import { splitGroups } from '../../src/models/nn.ts';
import { fetchWeights } from '../../src/models/training/weightsUrl.ts';
import { registerInferenceKernels } from '../../src/models/training/wasmKernels.ts';

export interface Timing {
  /** Which model folders it needs; the bench prints "not trained yet" if one is missing. */
  needs: string[];
  label: string;
  budgetMs: number;
  /** Absent when a needed model is missing. */
  first?: number;
  median?: number;
}

export interface LeakCheck {
  needs: string[];
  label: string;
  before?: number;
  after?: number;
}

export interface ModelBenchResult {
  backend: string;
  timings: Timing[];
  leaks: LeakCheck[];
}

/** Runs `f` once cold, then `warm` times; the first run compiles kernels and fills caches. */
async function time(f: () => Promise<unknown>, warm: number) {
  const times: number[] = [];
  for (let i = 0; i <= warm; i++) {
    const t0 = performance.now();
    await f();
    times.push(performance.now() - t0);
  }
  const rest = times.slice(1).sort((a, b) => a - b);
  return { first: times[0]!, median: rest[Math.floor(rest.length / 2)]! };
}

/** Live tensors before and after `calls` calls of `f` (after one untimed warm-up call). */
async function leak(f: () => Promise<unknown>, calls: number) {
  await f();
  const before = tf.memory().numTensors;
  for (let i = 0; i < calls; i++) await f();
  return { before, after: tf.memory().numTensors };
}

/** The weight groups of /models/<id>/ and its model.json (for extras like latentScale). */
async function load(id: string) {
  const { modelJson, weights } = await fetchWeights(`/models/${id}/model.json`);
  return { groups: splitGroups(weights), modelJson };
}

async function run(present: string[]): Promise<ModelBenchResult> {
  setWasmPaths('/wasm/');
  // As the site's runtime does (src/models/runtime.ts).
  registerInferenceKernels();
  if (!(await tf.setBackend('wasm'))) throw new Error('wasm backend did not start');
  const has = (ids: string[]) => ids.every((id) => present.includes(id));
  const timings: Timing[] = [];
  const leaks: LeakCheck[] = [];
  const bench = async (t: Timing, f: () => Promise<unknown>, warm: number) => {
    timings.push(has(t.needs) ? { ...t, ...(await time(f, warm)) } : t);
  };
  const check = async (l: LeakCheck, f: () => Promise<unknown>) => {
    leaks.push(has(l.needs) ? { ...l, ...(await leak(f, 1000)) } : l);
  };

  const vae = has(['vae']) ? ((await load('vae')).groups['vae'] as Params) : {};
  const z2 = gaussians(2, 1);
  // 200 calls, not 20: a decode is a few ms, and over the first few dozen calls the browser is
  // still optimising the JavaScript around the kernels (measured: median 6.9 ms over 20 calls,
  // 2.0 over 200, 1.6 over 1,000). A reader dragging the latent map makes hundreds of calls.
  await bench(
    { needs: ['vae'], label: 'VAE decode, 1 face', budgetMs: 3 },
    () => vaeDecode(vae, z2),
    200,
  );

  const gan = has(['gan']) ? ((await load('gan')).groups['generator'] as Params) : {};
  await bench(
    { needs: ['gan'], label: 'GAN, batch of 64 faces', budgetMs: 150 },
    () => sampleGan(gan, 64, 1),
    10,
  );

  // Each of the 50 steps runs the denoiser on a batch of 2 (prompt and ∅, for guidance).
  const ldmIds = ['ldm-ae', 'ldm'];
  let ldm: { ae: Params; den: Params; settings: ReturnType<typeof ldmSettings> } | undefined;
  if (has(ldmIds)) {
    const den = await load('ldm');
    ldm = {
      ae: (await load('ldm-ae')).groups['ae'] as Params,
      den: den.groups['denoiser'] as Params,
      settings: ldmSettings(den.modelJson),
    };
  }
  await bench(
    { needs: ldmIds, label: 'LDM, 50-step DDIM, 1 face, guidance 3', budgetMs: 300 },
    () =>
      sampleLdm(ldm!.ae, ldm!.den, {
        n: 1,
        seed: 1,
        steps: 50,
        prompt: { eyeColour: 'blue' },
        guidance: 3,
        ...ldm!.settings,
      }),
    5,
  );

  const ddpm = has(['ddpm']) ? ((await load('ddpm')).groups['unet'] as Params) : {};
  await bench(
    { needs: ['ddpm'], label: 'DDPM, 50-step DDIM, 1 face', budgetMs: 1500 },
    () => sampleDdpm(ddpm, { n: 1, seed: 1, steps: 50, method: 'ddim' }),
    5,
  );

  // A figure redraws on every drag, so one leaked tensor per call adds up; count them.
  await check({ needs: ['vae'], label: 'VAE decode × 1,000' }, () => vaeDecode(vae, z2));
  const z1 = gaussians(NOISE, 2);
  await check({ needs: ['gan'], label: 'GAN, 1 face × 1,000' }, () => ganGenerate(gan, z1));

  return { backend: tf.getBackend(), timings, leaks };
}

(window as unknown as { modelBench: typeof run }).modelBench = run;
