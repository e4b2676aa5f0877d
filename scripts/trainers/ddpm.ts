/**
 * Trains `ddpm`: the pixel-space U-Net noise predictor of chapter 3 (src/models/unet.ts)
 * with the DDPM objective (Ho et al. 2020) on the linear schedule, T = 1000. Images are
 * scaled to [−1, 1] as in the paper. An EMA of the weights (0.999) is shipped.
 */
import * as tf from '@tensorflow/tfjs-core';
import { diffusionLoss } from '../../src/models/diffusion/objective.ts';
import { makeSchedule } from '../../src/models/diffusion/schedule.ts';
import { initUnet, unet } from '../../src/models/unet.ts';
import { mulberry32 } from '../../src/data/random.ts';
import type { Trainer } from '../lib/harness.ts';
import {
  SEED,
  group,
  imageTensor,
  minimize,
  noiseAt,
  readLosses,
  trainBatch,
  type TrainerOptions,
} from './common.ts';

export const DDPM_T = 1000;

export function ddpmTrainer({ smoke = false }: TrainerOptions = {}): Trainer {
  const batch = smoke ? 16 : 32;
  const schedule = makeSchedule({ kind: 'linear', T: DDPM_T });
  const net = group(
    initUnet(SEED),
    'ddpm',
    smoke ? { start: 2e-3, end: 2e-3 } : { start: 1e-3, end: 5e-5 },
    0.9,
    smoke ? undefined : 0.999,
  );
  return {
    id: 'ddpm',
    steps: smoke ? 40 : 6000,
    batch,
    seed: SEED,
    groups: { unet: net },
    step: async (_step, seen) => {
      const data = trainBatch(seen, batch);
      const uniform = mulberry32(SEED + seen);
      const ts = Array.from({ length: batch }, () => 1 + Math.floor(uniform() * DDPM_T));
      return readLosses(() => {
        const x0 = tf.sub(tf.mul(imageTensor(data.pixels, batch), 2), 1) as tf.Tensor4D;
        const noise = noiseAt(x0.shape, SEED + seen) as tf.Tensor4D;
        return {
          loss: minimize(net, () =>
            diffusionLoss((xt, t) => unet(net.vars, xt, t), x0, ts, noise, schedule.alphaBars),
          ),
        };
      });
    },
    finish: async () => ({
      metrics: {},
      card: {
        title: 'DDPM: a pixel-space U-Net noise predictor',
        purpose:
          'Chapter 3: removes noise from 32×32 faces a step at a time, unconditionally (Ho et al. 2020); sampled with DDPM or DDIM.',
        architecture:
          'U-Net: channels 16 @32², 32 @16², 64 @8²; one residual block per level down (16, 32) and up (32, 16), one at 8² in the middle; SiLU; sinusoidal step embedding (32 → MLP 64) added in every block; skip connections by concatenation',
        input: 'xₜ [batch, 32, 32, 3] in [−1, 1] scale, steps t in 1…1000',
        schedule: { kind: 'linear', T: DDPM_T, betaStart: 1e-4, betaEnd: 0.02 },
        loss: 'E‖ε − ε_θ(√ᾱₜ x₀ + √(1−ᾱₜ) ε, t)‖² (Ho et al. 2020, Algorithm 1)',
        data: 'Tiny Headshots training seeds 0…99,999, fresh batches in seed order',
      },
    }),
  };
}
