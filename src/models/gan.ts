/**
 * The chapter-2 DCGAN (Goodfellow et al. 2014; Radford et al. 2015): transposed convolutions
 * with batch norm in the generator, strided convolutions with leaky ReLU in the
 * discriminator, no pooling and no hidden dense layers.
 *
 * Generator G(z), z: [B, 64] ~ N(0, I):
 *   dense 4·4·64 → [B,4,4,64] BN ReLU → up-conv 32 → [B,8,8,32] BN ReLU
 *   → up-conv 16 → [B,16,16,16] BN ReLU → up-conv 3 → [B,32,32,3], tanh, mapped to [0, 1]
 * Discriminator D(x), x: [B, 32, 32, 3] in [0, 1] (shifted to [−1, 1]):
 *   conv 4×4/16 s2 → [B,16,16,16] → conv 4×4/32 s2 → [B,8,8,32] → conv 4×4/64 s2 → [B,4,4,64]
 *   (leaky ReLU 0.2) → flatten 1024 → dense 1: the logit of "real"
 */
import * as tf from '@tensorflow/tfjs-core';
import { Initializer, batchNorm, conv, dense, upConv, type Params } from './nn.ts';

export const NOISE = 64;
export type BnStats = Map<string, { mean: tf.Tensor; variance: tf.Tensor }>;

export function initGenerator(seed: number): Params {
  return new Initializer(seed)
    .dense('g1', NOISE, 4 * 4 * 64)
    .batchNorm('bn1', 64)
    .convT('g2', 4, 64, 32)
    .batchNorm('bn2', 32)
    .convT('g3', 4, 32, 16)
    .batchNorm('bn3', 16)
    .convT('g4', 4, 16, 3).params;
}

export function initDiscriminator(seed: number): Params {
  return new Initializer(seed)
    .conv('d1', 4, 3, 16)
    .conv('d2', 4, 16, 32)
    .conv('d3', 4, 32, 64)
    .dense('d4', 1024, 1, 0.5).params;
}

/**
 * Faces [B, 32, 32, 3] in [0, 1] from noise z [B, 64]. While training, batch norm uses the
 * batch's statistics and reports them in `stats`; otherwise the running averages.
 */
export function generate(p: Params, z: tf.Tensor2D, training = false, stats?: BnStats) {
  let h = tf.reshape(dense(p, 'g1', z), [-1, 4, 4, 64]) as tf.Tensor4D;
  h = tf.relu(batchNorm(p, 'bn1', h, training, stats));
  h = tf.relu(batchNorm(p, 'bn2', upConv(p, 'g2', h), training, stats));
  h = tf.relu(batchNorm(p, 'bn3', upConv(p, 'g3', h), training, stats));
  return tf.mul(tf.add(tf.tanh(upConv(p, 'g4', h)), 1), 0.5) as tf.Tensor4D;
}

/** The discriminator's logit [B, 1] that each face is real; σ(logit) is its confidence. */
export function discriminate(p: Params, x: tf.Tensor4D): tf.Tensor2D {
  let h = tf.sub(tf.mul(x, 2), 1) as tf.Tensor4D;
  h = tf.leakyRelu(conv(p, 'd1', h, 2), 0.2);
  h = tf.leakyRelu(conv(p, 'd2', h, 2), 0.2);
  h = tf.leakyRelu(conv(p, 'd3', h, 2), 0.2);
  return dense(p, 'd4', tf.reshape(h, [-1, 1024]) as tf.Tensor2D);
}

/** softplus(x) = log(1 + eˣ), computed stably as max(x, 0) + log(1 + e^−|x|). */
export function softplus(x: tf.Tensor): tf.Tensor {
  return tf.add(tf.relu(x), tf.log(tf.add(1, tf.exp(tf.neg(tf.abs(x))))));
}

/**
 * Discriminator loss, the binary cross-entropy of Goodfellow et al. 2014:
 *   L_D = E[−log D(x)] + E[−log(1 − D(G(z)))] = E[softplus(−ℓ_real)] + E[softplus(ℓ_fake)]
 */
export function discriminatorLoss(realLogits: tf.Tensor, fakeLogits: tf.Tensor): tf.Scalar {
  return tf.add(tf.mean(softplus(tf.neg(realLogits))), tf.mean(softplus(fakeLogits)));
}

/**
 * The non-saturating generator loss (Goodfellow et al. 2014, §3): L_G = E[−log D(G(z))]
 * = E[softplus(−ℓ_fake)], which still gives strong gradients when D is winning.
 */
export function generatorLoss(fakeLogits: tf.Tensor): tf.Scalar {
  return tf.mean(softplus(tf.neg(fakeLogits)));
}
