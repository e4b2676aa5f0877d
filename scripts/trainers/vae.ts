/** Trains `vae`: the 2-D-latent VAE of chapter 1 (see src/models/vae.ts). */
import * as tf from '@tensorflow/tfjs-core';
import { decode, encode, initVae, vaeLoss } from '../../src/models/vae.ts';
import type { Params } from '../../src/models/nn.ts';
import type { Trainer } from '../lib/harness.ts';
import {
  SEED,
  group,
  heldOut,
  imageTensor,
  minimizeTerms,
  noiseAt,
  readLosses,
  trainBatch,
  type TrainerOptions,
} from './common.ts';

export function vaeTrainer({ smoke = false }: TrainerOptions = {}): Trainer {
  const batch = 64;
  const net = group(
    initVae(SEED),
    'vae',
    smoke ? { start: 2e-3, end: 2e-3 } : { start: 1e-3, end: 1e-4 },
  );
  return {
    id: 'vae',
    steps: smoke ? 40 : 8000,
    batch,
    seed: SEED,
    groups: { vae: net },
    step: async (step) => {
      const data = trainBatch(step, batch);
      return readLosses(() =>
        minimizeTerms(net, () =>
          vaeLoss(
            net.vars,
            imageTensor(data.pixels, batch),
            noiseAt([batch, 2], SEED + step) as tf.Tensor2D,
          ),
        ),
      );
    },
    finish: async (weights) => {
      const p = weights.vae as Params;
      const n = smoke ? 64 : 1000;
      const test = heldOut(n);
      const mse = tf.tidy(() => {
        const x = imageTensor(test.pixels, n);
        return tf.mean(tf.squaredDifference(decode(p, encode(p, x).mu), x));
      });
      const reconstructionMse = (await mse.data())[0]!;
      mse.dispose();
      return {
        metrics: { heldOutImages: n, reconstructionMse },
        card: {
          title: 'VAE with a 2-D latent',
          purpose:
            'Chapter 1: encodes a face to a mean and spread in a 2-D latent plane and decodes points of that plane back to faces.',
          architecture:
            'encoder conv 16/32/64 (s2, ReLU) → dense 128 → μ, log σ² (2 each); decoder dense 128 → dense 1024 → up-conv 32/16/16 (ReLU) → conv 3, sigmoid',
          input: 'encoder: [batch, 32, 32, 3] RGB in [0, 1]; decoder: [batch, 2] latents',
          weightsPrefixes: { vae: 'enc*, mu, logvar: encoder; dec*, out: decoder' },
          loss: 'negative ELBO: Σ pixel binary cross-entropy + KL(q(z|x) ‖ N(0, I)), per image',
          data: 'Tiny Headshots training seeds 0…99,999, fresh batches in seed order',
        },
      };
    },
  };
}
