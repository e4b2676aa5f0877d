/**
 * A patch critic: a small convolutional discriminator that judges each ~11×11-pixel patch of
 * a face as real or drawn, in the spirit of the patch discriminators (Isola et al. 2017) that
 * latent diffusion's autoencoder is trained against to keep its decoder sharp (Esser et al.
 * 2021; Rombach et al. 2022). Squared error alone rewards the average of every face a latent
 * could mean, which is blurry; a critic that has seen real patches penalises that blur.
 *
 * x: [B, 32, 32, 3] in [0, 1] → (×2 − 1) → conv 3×3/32 s2 → [B,16,16,32] → conv 3×3/64 s2
 *   → [B,8,8,64] → conv 3×3/64 (leaky ReLU 0.2 throughout) → conv 1×1/1 → logits [B, 8, 8, 1]
 * It is a training aid only: it is not shipped.
 */
import * as tf from '@tensorflow/tfjs-core';
import { Initializer, conv, type Params } from './nn.ts';
import { softplus } from './gan.ts';

export function initPatchCritic(seed: number): Params {
  return new Initializer(seed)
    .conv('p1', 3, 3, 32)
    .conv('p2', 3, 32, 64)
    .conv('p3', 3, 64, 64)
    .conv('p4', 1, 64, 1, 0.5).params;
}

/** One logit per patch, [B, 8, 8, 1]: how real each patch of `x` looks. */
export function patchLogits(p: Params, x: tf.Tensor4D): tf.Tensor4D {
  let h = tf.sub(tf.mul(x, 2), 1) as tf.Tensor4D;
  h = tf.leakyRelu(conv(p, 'p1', h, 2), 0.2);
  h = tf.leakyRelu(conv(p, 'p2', h, 2), 0.2);
  h = tf.leakyRelu(conv(p, 'p3', h), 0.2);
  return conv(p, 'p4', h);
}

/**
 * The decoder's adversarial term, per image: Σ_patches softplus(−ℓ) = Σ −log D(patch), the
 * non-saturating loss of Goodfellow et al. 2014 summed over the 64 patches, batch-averaged.
 */
export function patchGeneratorLoss(fakeLogits: tf.Tensor4D): tf.Scalar {
  return tf.mean(tf.sum(softplus(tf.neg(fakeLogits)), [1, 2, 3]));
}
