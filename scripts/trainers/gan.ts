/**
 * Trains `gan`: the chapter-2 GAN (see src/models/gan.ts) with the recipe that makes small GANs
 * converge (Mescheder et al. 2018): the non-saturating loss, an R1 penalty on real faces
 * (γ = 0.01, estimated by finite differences, see `r1Penalty`), Adam 2e-4 with β₁ = 0.5, one
 * discriminator step per generator step, and an EMA (0.999) of the generator for sampling.
 * The card records both losses every 50 steps for the chapter's training-curve figure.
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
  r1Penalty,
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

const GAMMA = 0.01;

export function ganTrainer({ smoke = false }: TrainerOptions = {}): Trainer {
  const batch = 64;
  const lr = { start: 2e-4, end: smoke ? 2e-4 : 1e-4 };
  const g = group(initGenerator(SEED), 'gan/generator', lr, 0.5, 0.999);
  const d = group(initDiscriminator(SEED + 1), 'gan/discriminator', lr, 0.5);
  return {
    id: 'gan',
    steps: smoke ? 40 : 8000,
    batch,
    seed: SEED,
    groups: { generator: g, discriminator: d },
    step: async (_step, seen) => {
      const data = trainBatch(seen, batch);
      return readLosses(() => {
        const real = imageTensor(data.pixels, batch);
        const z1 = noiseAt([batch, NOISE], SEED + 2 * seen) as tf.Tensor2D;
        const z2 = noiseAt([batch, NOISE], SEED + 2 * seen + 1) as tf.Tensor2D;
        // D step: fakes from the current G, held fixed (its weights are not in D's var list).
        const fakes = generate(g.vars, z1);
        // Logged apart: the game's own loss (whose draw the figure marks at 2 ln 2) and R1.
        let r1: tf.Scalar | undefined;
        let game: tf.Scalar | undefined;
        minimize(d, () => {
          const realLogits = discriminate(d.vars, real);
          r1 = tf.keep(r1Penalty(d.vars, real, realLogits, GAMMA, SEED + 7 * seen + 3));
          game = tf.keep(discriminatorLoss(realLogits, discriminate(d.vars, fakes)));
          return tf.add(game, r1);
        });
        // G step: the non-saturating loss through the just-updated D.
        const gLoss = minimize(g, () => generatorLoss(discriminate(d.vars, generate(g.vars, z2))));
        return { discriminator: game!, generator: gLoss, r1: r1! };
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
          title: 'GAN generator and discriminator',
          purpose:
            'Chapter 2: the generator draws faces from 64 random numbers; the discriminator scores how real a face looks.',
          architecture:
            'G: pixel-normed z → dense 4·4·128 → 3 × (nearest up ×2 → conv 3×3 → leaky ReLU 0.2 → pixel norm) to 64/32/16 channels → conv 3×3 to RGB, tanh; D: conv 4×4 32/64/128 s2 (leaky ReLU 0.2) → dense 1, no normalisation',
          input:
            'generator: [batch, 64] noise ~ N(0, I); discriminator: [batch, 32, 32, 3] RGB in [0, 1]',
          loss: 'D: binary cross-entropy (real vs fake) + R1 penalty (γ/2)·E‖∇D(x)‖² on reals, γ = 0.01, by finite differences; G: non-saturating −log D(G(z))',
          data: 'Tiny Headshots training seeds 0…99,999, fresh batches in seed order',
          note: 'The generator’s weights are an EMA (0.999) of its training weights. Weights: He-normal, the RGB layer scaled by 0.1 so training starts from grey faces.',
        },
      };
    },
  };
}
