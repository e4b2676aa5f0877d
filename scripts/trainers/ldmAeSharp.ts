/**
 * Trains `ldm-ae`'s second stage: the decoder alone, against a patch critic, so that it draws
 * sharp faces from the same latents. The encoder is frozen, so every latent (and the `ldm`
 * denoiser trained on them) stays valid: the same trick as the fine-tuned decoders released
 * for Stable Diffusion's autoencoder. Starts from the shipped stage-1 `ldm-ae` and ships over
 * it, keeping the stage-1 card as `stages[0]`.
 *
 * Decoder loss per image: Σ (x − x̂)² + EDGE_WEIGHT · edges + ADV_WEIGHT · Σ_patches −log D.
 * Critic loss: the binary cross-entropy of real patches against decoded ones.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import {
  EDGE_WEIGHT,
  aeDecode,
  aeEncode,
  edgeLoss,
  initLatentAe,
} from '../../src/models/latentAe.ts';
import { initPatchCritic, patchGeneratorLoss, patchLogits } from '../../src/models/patchCritic.ts';
import { discriminatorLoss } from '../../src/models/gan.ts';
import { sharpness } from '../../src/models/metrics.ts';
import { SIZE } from '../../src/data/headshots.ts';
import type { Params } from '../../src/models/nn.ts';
import type { Group, Trainer } from '../lib/harness.ts';
import { loadAe } from './ldm.ts';
import {
  SEED,
  group,
  heldOut,
  imageTensor,
  minimize,
  readLosses,
  trainBatch,
  type TrainerOptions,
} from './common.ts';

/**
 * Weight of the critic's verdict against the squared error (≈ 4.3 per face at the start):
 * gentle while the critic is still learning, stronger once it is (from step ADV_RAMP_AT; at
 * 0.05 alone, sharpness rose only from 0.59 to 0.66 of real faces' in the first 500 steps).
 */
export const ADV_WEIGHT = 0.05;
export const ADV_WEIGHT_LATER = 0.2;
const ADV_RAMP_AT = 500;
/** Steps in which only the critic learns, so the decoder is not steered by a random critic. */
const CRITIC_WARMUP = 100;

export async function ldmAeSharpTrainer({ smoke = false }: TrainerOptions = {}): Promise<Trainer> {
  const batch = smoke ? 16 : 32;
  const cardPath = join('public', 'models', 'ldm-ae', 'card.json');
  const base = existsSync(cardPath) ? JSON.parse(await readFile(cardPath, 'utf8')) : null;
  if (!smoke && base?.stages) {
    throw new Error(
      'public/models/ldm-ae already has a sharpened decoder: retrain its first stage (`npm run train -- ldm-ae`) before this one',
    );
  }
  // A smoke run starts fresh, so that its reconstruction error has somewhere to fall.
  const start = smoke ? initLatentAe(SEED) : await loadAe(false);
  // The encoder's weights become non-trainable variables; only the decoder is optimised.
  const ae: Group = group(
    start,
    'ldm-ae-sharp',
    smoke ? { start: 2e-3, end: 2e-3 } : { start: 2e-4, end: 1e-5 },
  );
  for (const [k, v] of Object.entries(ae.vars)) {
    if (k.startsWith('enc') || k.startsWith('moments')) {
      ae.vars[k] = tf.variable(v, false, `${v.name}-frozen`);
      v.dispose();
    }
  }
  const critic: Group = {
    ...group(
      initPatchCritic(SEED + 7),
      'ldm-ae-critic',
      smoke ? { start: 5e-3, end: 5e-3 } : { start: 2e-4, end: 2e-4 },
      0.5,
    ),
    ship: false,
  };
  const warmup = smoke ? 5 : CRITIC_WARMUP;
  // Stage 2 continues with the faces after the ones stage 1 saw.
  const stage1Steps: number = base?.training?.steps ?? 0;

  return {
    id: 'ldm-ae-sharp',
    shipAs: 'ldm-ae',
    steps: smoke ? 40 : 1500,
    batch,
    seed: SEED,
    groups: { ae, critic },
    step: async (step) => {
      const data = trainBatch(stage1Steps + step, batch);
      return readLosses(() => {
        const x = imageTensor(data.pixels, batch);
        const z = aeEncode(ae.vars, x).mu;
        const critique = minimize(critic, () =>
          discriminatorLoss(
            patchLogits(critic.vars, x),
            patchLogits(critic.vars, aeDecode(ae.vars, z)),
          ),
        );
        const parts: Record<string, tf.Scalar> = { critic: critique };
        if (step < warmup) return parts;
        parts.loss = minimize(ae, () => {
          const xHat = aeDecode(ae.vars, z);
          const reconstruction = tf.mean(tf.sum(tf.squaredDifference(xHat, x), [1, 2, 3]));
          const edges = tf.mean(edgeLoss(xHat, x));
          const adversarial = patchGeneratorLoss(patchLogits(critic.vars, xHat));
          parts.reconstruction = tf.keep(reconstruction as tf.Scalar);
          parts.adversarial = tf.keep(adversarial);
          return tf.addN([
            reconstruction,
            tf.mul(EDGE_WEIGHT, edges),
            tf.mul(step < ADV_RAMP_AT ? ADV_WEIGHT : ADV_WEIGHT_LATER, adversarial),
          ]) as tf.Scalar;
        });
        return parts;
      });
    },
    finish: async (weights) => {
      const p = weights.ae as Params;
      const n = smoke ? 64 : 1000;
      const test = heldOut(n);
      const out = tf.tidy(() => aeDecode(p, aeEncode(p, imageTensor(test.pixels, n)).mu));
      const rec = (await out.data()) as Float32Array;
      out.dispose();
      let se = 0;
      for (let i = 0; i < rec.length; i++) se += (rec[i]! - test.pixels[i]!) ** 2;
      const images = (pixels: Float32Array) => ({ pixels, n, size: SIZE });
      return {
        metrics: {
          heldOutImages: n,
          reconstructionMse: se / rec.length,
          reconstructionSharpness: sharpness(images(rec), images(test.pixels)),
        },
        card: {
          ...(base && !smoke ? stripGenerated(base) : {}),
          loss: `stage 2 (decoder only, encoder frozen): Σ pixel squared error + ${EDGE_WEIGHT} · edges + w · Σ_patches −log D(patch) (w = ${ADV_WEIGHT} for steps 1–${ADV_RAMP_AT}, then ${ADV_WEIGHT_LATER}), against a patch critic (not shipped)`,
          stages:
            base && !smoke
              ? [
                  {
                    loss: base.loss,
                    note: base.note,
                    training: base.training,
                    metrics: base.metrics,
                  },
                ]
              : [],
          note: 'Stage 1 trained the whole autoencoder (see stages[0]). Stage 2 trained only the decoder against a patch critic, with the encoder frozen, so the latents (and the ldm trained on them) are unchanged while the decoder draws sharper faces.',
        },
      };
    },
  };
}

/** The stage-1 card without the fields the harness writes anew. */
function stripGenerated(card: Record<string, unknown>) {
  const generated = new Set(['id', 'parameters', 'training', 'metrics', 'weights']);
  return Object.fromEntries(Object.entries(card).filter(([k]) => !generated.has(k)));
}
