/**
 * The chapter-2 GAN (Goodfellow et al. 2014), built the way small GANs are built since:
 * nearest-neighbour upsampling + 3×3 convolutions in the generator (no checkerboards from
 * transposed convolutions, Odena et al. 2016), pixelwise feature normalisation instead of
 * batch norm (Karras et al. 2018, so a face renders the same alone or in a batch), and a
 * discriminator of strided convolutions with leaky ReLU and no normalisation at all.
 *
 * Generator G(z), z: [B, 64] ~ N(0, I):
 *   dense 4·4·128 → [B,4,4,128] → (up ×2, conv 3×3, leaky ReLU, pixel norm) to
 *   [B,8,8,64] → [B,16,16,32] → [B,32,32,16] → conv 3×3 to RGB, tanh, mapped to [0, 1]
 * Discriminator D(x), x: [B, 32, 32, 3] in [0, 1] (shifted to [−1, 1]):
 *   conv 4×4/32 s2 → [B,16,16,32] → conv 4×4/64 s2 → [B,8,8,64] → conv 4×4/128 s2 →
 *   [B,4,4,128] (leaky ReLU 0.2) → flatten 2048 → dense 1: the logit of "real"
 */
import * as tf from '@tensorflow/tfjs-core';
import { Initializer, conv, dense, upsample2, type Params } from './nn.ts';

export const NOISE = 64;
/** Channels of the generator at 4×4, 8×8, 16×16 and 32×32. */
export const G_CHANNELS = [128, 64, 32, 16] as const;
/** Channels of the discriminator at 16×16, 8×8 and 4×4. */
export const D_CHANNELS = [32, 64, 128] as const;
const LEAK = 0.2;

export function initGenerator(seed: number): Params {
  const [c0, c1, c2, c3] = G_CHANNELS;
  return (
    new Initializer(seed)
      .dense('g1', NOISE, 4 * 4 * c0)
      .conv('g2', 3, c0, c1)
      .conv('g3', 3, c1, c2)
      .conv('g4', 3, c2, c3)
      // A small last layer: the first faces are flat grey, not saturated colour noise.
      .conv('rgb', 3, c3, 3, 0.1).params
  );
}

export function initDiscriminator(seed: number): Params {
  const [c1, c2, c3] = D_CHANNELS;
  return new Initializer(seed)
    .conv('d1', 4, 3, c1)
    .conv('d2', 4, c1, c2)
    .conv('d3', 4, c2, c3)
    .dense('d4', 4 * 4 * c3, 1, 0.5).params;
}

/** x / √(mean over channels of x² + ε): every pixel's feature vector to unit length. */
export function pixelNorm(x: tf.Tensor4D): tf.Tensor4D {
  return tf.mul(x, tf.rsqrt(tf.add(tf.mean(tf.square(x), 3, true), 1e-8)));
}

/** Faces [B, 32, 32, 3] in [0, 1] from noise z [B, 64]. */
export function generate(p: Params, z: tf.Tensor2D): tf.Tensor4D {
  const c0 = G_CHANNELS[0];
  let h = tf.reshape(dense(p, 'g1', pixelNorm2d(z)), [-1, 4, 4, c0]) as tf.Tensor4D;
  h = pixelNorm(tf.leakyRelu(h, LEAK));
  for (const name of ['g2', 'g3', 'g4']) {
    h = pixelNorm(tf.leakyRelu(conv(p, name, upsample2(h)), LEAK));
  }
  return tf.mul(tf.add(tf.tanh(conv(p, 'rgb', h)), 1), 0.5) as tf.Tensor4D;
}

/** z / √(mean z² + ε) per row: the noise on the unit sphere's scale, as in Karras et al. */
function pixelNorm2d(z: tf.Tensor2D): tf.Tensor2D {
  return tf.mul(z, tf.rsqrt(tf.add(tf.mean(tf.square(z), 1, true), 1e-8)));
}

/** The discriminator's logit [B, 1] that each face is real; σ(logit) is its confidence. */
export function discriminate(p: Params, x: tf.Tensor4D): tf.Tensor2D {
  let h = tf.sub(tf.mul(x, 2), 1) as tf.Tensor4D;
  h = tf.leakyRelu(conv(p, 'd1', h, 2), LEAK);
  h = tf.leakyRelu(conv(p, 'd2', h, 2), LEAK);
  h = tf.leakyRelu(conv(p, 'd3', h, 2), LEAK);
  return dense(p, 'd4', tf.reshape(h, [-1, 4 * 4 * D_CHANNELS[2]]) as tf.Tensor2D);
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

/**
 * The R1 penalty of Mescheder et al. 2018, (γ/2)·E‖∇ₓD(x)‖² on real faces, estimated
 * without second derivatives (which tfjs's wasm training kernels lack): for n ~ N(0, I),
 * E[(∇D·n)²] = ‖∇D‖², and ∇D·n ≈ (D(x + σn) − D(x)) / σ. Its gradient in D's weights is
 * the R1 gradient's, up to the finite-difference error, which is O(σ).
 * `x` in [0, 1]; the step σ is taken in D's own [−1, 1] units.
 */
export function r1Penalty(
  p: Params,
  x: tf.Tensor4D,
  realLogits: tf.Tensor2D,
  gamma: number,
  seed: number,
  sigma = 0.02,
): tf.Scalar {
  const n = tf.randomNormal(x.shape, 0, 1, 'float32', seed);
  const shifted = discriminate(p, tf.add(x, tf.mul(n, sigma / 2)) as tf.Tensor4D);
  const slope = tf.div(tf.sub(shifted, realLogits), sigma);
  return tf.mul(tf.mean(tf.square(slope)), gamma / 2);
}
