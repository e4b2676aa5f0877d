/**
 * Trains `gan`: the DCGAN of chapter 2 (see src/models/gan.ts) with the recipe of Radford et
 * al. 2015: Adam with learning rate 2e-4 and β₁ = 0.5, one discriminator step per generator
 * step. The card records both losses every 50 steps for the chapter's training-curve figure.
 */
import * as tf from '@tensorflow/tfjs-core';
import {
  NOISE,
  discriminate,
  discriminatorLoss,
  generate,
  generatorLoss,
  initDiscriminator,
  initGenerator,
  type BnStats,
} from '../../src/models/gan.ts';
import type { Params } from '../../src/models/nn.ts';
import type { Trainer } from '../lib/harness.ts';
import {
  SEED,
  group,
  heldOut,
  imageTensor,
  minimize,
  noiseAt,
  readLosses,
  trainBatch,
  type TrainerOptions,
} from './common.ts';

const BN_MOMENTUM = 0.99;

export function ganTrainer({ smoke = false }: TrainerOptions = {}): Trainer {
  const batch = 64;
  const lr = { start: 2e-4, end: smoke ? 2e-4 : 1e-4 };
  const g = group(initGenerator(SEED), 'gan/generator', lr, 0.5, 0.999);
  const d = group(initDiscriminator(SEED + 1), 'gan/discriminator', lr, 0.5);
  return {
    id: 'gan',
    steps: smoke ? 40 : 5000,
    batch,
    seed: SEED,
    groups: { generator: g, discriminator: d },
    step: async (step) => {
      const data = trainBatch(step, batch);
      return readLosses(() => {
        const real = imageTensor(data.pixels, batch);
        const z1 = noiseAt([batch, NOISE], SEED + 2 * step) as tf.Tensor2D;
        const z2 = noiseAt([batch, NOISE], SEED + 2 * step + 1) as tf.Tensor2D;
        // D step: fakes from the current G, held fixed (its weights are not in D's var list).
        const fakes = generate(g.vars, z1, true);
        const dLoss = minimize(d, () =>
          discriminatorLoss(discriminate(d.vars, real), discriminate(d.vars, fakes)),
        );
        // G step: the non-saturating loss through the just-updated D.
        const stats: BnStats = new Map();
        const gLoss = minimize(g, () =>
          generatorLoss(discriminate(d.vars, generate(g.vars, z2, true, stats))),
        );
        for (const [name, s] of stats) {
          const mean = g.vars[`${name}/movingMean`]!;
          const variance = g.vars[`${name}/movingVariance`]!;
          mean.assign(tf.add(tf.mul(mean, BN_MOMENTUM), tf.mul(s.mean, 1 - BN_MOMENTUM)));
          variance.assign(
            tf.add(tf.mul(variance, BN_MOMENTUM), tf.mul(s.variance, 1 - BN_MOMENTUM)),
          );
          s.mean.dispose();
          s.variance.dispose();
        }
        return { discriminator: dLoss, generator: gLoss };
      });
    },
    finish: async (weights) => {
      const gen = weights.generator as Params;
      const dis = weights.discriminator as Params;
      const n = smoke ? 64 : 1000;
      const test = heldOut(n);
      const scores = tf.tidy(() => {
        const realP = tf.mean(tf.sigmoid(discriminate(dis, imageTensor(test.pixels, n))));
        const fakeP = tf.mean(
          tf.sigmoid(
            discriminate(dis, generate(gen, noiseAt([n, NOISE], SEED - 1) as tf.Tensor2D)),
          ),
        );
        return tf.stack([realP, fakeP]);
      });
      const [realScore, fakeScore] = await scores.data();
      scores.dispose();
      return {
        metrics: { heldOutImages: n, meanDOnReal: realScore, meanDOnFakes: fakeScore },
        card: {
          title: 'DCGAN generator and discriminator',
          purpose:
            'Chapter 2: the generator draws faces from 64 random numbers; the discriminator scores how real a face looks.',
          architecture:
            'G: dense 4·4·64 → BN ReLU → up-conv 32 → BN ReLU → up-conv 16 → BN ReLU → up-conv 3, tanh; D: conv 4×4 16/32/64 s2 (leaky ReLU 0.2) → dense 1',
          input:
            'generator: [batch, 64] noise ~ N(0, I); discriminator: [batch, 32, 32, 3] RGB in [0, 1]',
          loss: 'D: binary cross-entropy (real vs fake); G: non-saturating −log D(G(z))',
          data: 'Tiny Headshots training seeds 0…99,999, fresh batches in seed order',
          note: 'The generator’s weights are an EMA (0.999) of its training weights; batch norm uses running statistics at inference.',
        },
      };
    },
  };
}
