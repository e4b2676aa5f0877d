/**
 * Trains `diffusion-2d`: the MLP noise predictor for the 2-D toy distributions
 * (src/models/diffusion2d.ts), all five at once, conditioned on which one; linear schedule,
 * T = 1000 (the same process as the image models, so the chapter can compare them).
 */
import * as tf from '@tensorflow/tfjs-core';
import { mulberry32 } from '../../src/data/random.ts';
import { TOY_DISTRIBUTIONS } from '../../src/data/toy2d.ts';
import { diffusionLoss } from '../../src/models/diffusion/objective.ts';
import { makeSchedule } from '../../src/models/diffusion/schedule.ts';
import { TOY_ORDER, denoise2d, initDiffusion2d, toyOneHot } from '../../src/models/diffusion2d.ts';
import type { Trainer } from '../lib/harness.ts';
import { SEED, group, minimize, noiseAt, readLosses, type TrainerOptions } from './common.ts';

export const TOY_T = 1000;
const POOL = 20_000;

export function diffusion2dTrainer({ smoke = false }: TrainerOptions = {}): Trainer {
  const batch = smoke ? 256 : 1024;
  const schedule = makeSchedule({ kind: 'linear', T: TOY_T });
  // A fixed pool of points per distribution; batches draw from it by seed.
  const pools = TOY_ORDER.map((name, i) => TOY_DISTRIBUTIONS[name].sample(POOL, SEED + i));
  const net = group(
    initDiffusion2d(SEED),
    'diffusion-2d',
    smoke ? { start: 3e-3, end: 3e-3 } : { start: 2e-3, end: 5e-5 },
    0.9,
    smoke ? undefined : 0.995,
  );
  return {
    id: 'diffusion-2d',
    steps: smoke ? 60 : 6000,
    batch,
    seed: SEED,
    groups: { mlp: net },
    step: async (step) => {
      const uniform = mulberry32(SEED + step);
      const x = new Float32Array(batch * 2);
      const which = new Array<number>(batch);
      const ts = new Array<number>(batch);
      for (let b = 0; b < batch; b++) {
        const d = Math.floor(uniform() * TOY_ORDER.length);
        const i = Math.floor(uniform() * POOL);
        which[b] = d;
        x[2 * b] = pools[d]![2 * i]!;
        x[2 * b + 1] = pools[d]![2 * i + 1]!;
        ts[b] = 1 + Math.floor(uniform() * TOY_T);
      }
      return readLosses(() => {
        const x0 = tf.tensor2d(x, [batch, 2]);
        const oneHot = toyOneHot(which);
        const noise = noiseAt([batch, 2], SEED + step) as tf.Tensor2D;
        return {
          loss: minimize(net, () =>
            diffusionLoss(
              (xt, t) => denoise2d(net.vars, xt, t, oneHot),
              x0,
              ts,
              noise,
              schedule.alphaBars,
            ),
          ),
        };
      });
    },
    finish: async () => ({
      metrics: {},
      card: {
        title: '2-D diffusion: an MLP noise predictor for toy point clouds',
        purpose:
          'Chapter 3: denoises points of five toy distributions (ring of 8, 5×5 grid, swiss roll, two moons, smiley), chosen by a one-hot condition.',
        architecture:
          'MLP: (xₜ ‖ sinusoidal step embedding 16 ‖ one-hot 5) → 3 × dense 128 SiLU → dense 2',
        input:
          'xₜ [batch, 2], steps t in 1…1000, distribution one-hot [batch, 5] in the order ' +
          TOY_ORDER.join(', '),
        schedule: { kind: 'linear', T: TOY_T, betaStart: 1e-4, betaEnd: 0.02 },
        loss: 'E‖ε − ε_θ(√ᾱₜ x₀ + √(1−ᾱₜ) ε, t, d)‖²',
        data: `${POOL} points per distribution from src/data/toy2d.ts (seeds ${SEED}…${SEED + 4})`,
      },
    }),
  };
}
