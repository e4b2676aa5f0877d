/**
 * Browser entry for `npm run bench`: the two live diffusion figures' model work on
 * TensorFlow.js wasm in Chromium, through the functions their sessions call (the sessions
 * themselves import the site's runtime, whose wasm URLs only Vite resolves). The prompting
 * figure's 50-step DDIM ldm sample + decode (one face and the four it redraws per slider
 * move) and one column of its guidance grid (12 faces and the probe's reading); the 2-D
 * figure's reverse process per step for 2,000 points; live tensors before and after each.
 * Bundled by the bench with esbuild; never part of the site.
 */
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { SIZE } from '../../src/data/headshots.ts';
import { makeSchedule } from '../../src/models/diffusion/schedule.ts';
import { denoise2d, toyOneHot } from '../../src/models/diffusion2d.ts';
import { reverseTrajectory } from '../../src/models/diffusion2dPaths.ts';
import { disposeOutputs, probeForward, readPredictions } from '../../src/models/probe.ts';
import { DIFFUSION_T, ldmSettings, readOut, sampleLdm } from '../../src/models/sampling.ts';
import { splitGroups } from '../../src/models/nn.ts';
import { fetchWeights } from '../../src/models/training/weightsUrl.ts';

export interface Diff2dBenchResult {
  backend: string;
  /** Median and first time of each job, ms. */
  timings: { label: string; first: number; median: number; budgetMs?: number }[];
  tensors: { label: string; before: number; after: number }[];
}

const PROMPT = { glasses: true, hairColour: 'red' } as const;

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

async function run(): Promise<Diff2dBenchResult> {
  setWasmPaths('/wasm/');
  if (!(await tf.setBackend('wasm'))) throw new Error('wasm backend did not start');
  const load = (id: string) => fetchWeights(`/models/${id}/model.json`);
  const [ae, ldm, probe, toy] = await Promise.all(
    ['ldm-ae', 'ldm', 'probe', 'diffusion-2d'].map(load),
  );
  const aeParams = splitGroups(ae!.weights)['ae']!;
  const den = splitGroups(ldm!.weights)['denoiser']!;
  const settings = ldmSettings(ldm!.modelJson);
  const sample = (n: number) =>
    sampleLdm(aeParams, den, { n, seed: 1, steps: 50, prompt: PROMPT, guidance: 3, ...settings });
  const readBack = async (images: Float32Array, n: number) => {
    const outputs = tf.tidy(() =>
      probeForward(probe!.weights, tf.tensor4d(images, [n, SIZE, SIZE, 3])),
    );
    try {
      return await readPredictions(outputs);
    } finally {
      disposeOutputs(outputs);
    }
  };
  const mlp = splitGroups(toy!.weights)['mlp']!;
  const schedule = makeSchedule({ kind: 'linear', T: DIFFUSION_T });
  const stepTimes: number[] = [];
  const film = () =>
    reverseTrajectory({
      n: 2000,
      steps: 50,
      seed: 1,
      schedule,
      denoise: async (x, t) => {
        const t0 = performance.now();
        const eps = await readOut(() =>
          denoise2d(
            mlp,
            tf.tensor2d(x, [2000, 2]),
            new Array<number>(2000).fill(t),
            toyOneHot(new Array<number>(2000).fill(2)),
          ),
        );
        stepTimes.push(performance.now() - t0);
        return eps;
      },
    });

  const timings: Diff2dBenchResult['timings'] = [];
  const tensors: Diff2dBenchResult['tensors'] = [];
  const measure = async (
    label: string,
    f: () => Promise<unknown>,
    warm: number,
    budgetMs?: number,
  ) => {
    const before = tf.memory().numTensors;
    timings.push({ label, ...(await time(f, warm)), ...(budgetMs ? { budgetMs } : {}) });
    tensors.push({ label, before, after: tf.memory().numTensors });
  };

  await measure('ldm 50-step DDIM + decode, 1 face, guidance 3', () => sample(1), 10, 300);
  await measure('ldm 50-step DDIM + decode, 4 faces (one slider move)', () => sample(4), 5);
  await measure('one grid column: 12 faces + probe', async () => readBack(await sample(12), 12), 3);
  await measure('2-D reverse process, 2,000 points, 50 steps (whole film)', film, 5);
  // Per step, the figures' frame cost: one model call on 2,000 points (after warm-up).
  const steps = stepTimes.slice(50).sort((a, b) => a - b);
  const median = steps[Math.floor(steps.length / 2)]!;
  timings.push({
    label: '2-D reverse process, one step (model call)',
    first: stepTimes[0]!,
    median,
  });
  return { backend: tf.getBackend(), timings, tensors };
}

(window as unknown as { diff2dBench: typeof run }).diff2dBench = run;
