/**
 * The chapter-1 VAE (Kingma & Welling 2013; Rezende et al. 2014) with a 2-D latent, so the
 * whole space of faces it can draw is a plane the reader can explore.
 *
 * Encoder q(z | x), x: [B, 32, 32, 3] in [0, 1]:
 *   conv 3×3/16 s2 → [B,16,16,16] → conv 3×3/32 s2 → [B,8,8,32] → conv 3×3/64 s2 → [B,4,4,64]
 *   (ReLU) → flatten 1024 → dense 128 (ReLU) → μ [B, 2], log σ² [B, 2]
 * Decoder p(x | z), z: [B, 2]:
 *   dense 128 (ReLU) → dense 4·4·64 (ReLU) → [B,4,4,64] → up-conv 32 → [B,8,8,32]
 *   → up-conv 16 → [B,16,16,16] → up-conv 16 → [B,32,32,16] (ReLU) → conv 3×3/3, sigmoid
 */
import * as tf from '@tensorflow/tfjs-core';
import { Initializer, conv, dense, upConv, type Params } from './nn.ts';

export const LATENT = 2;

export function initVae(seed: number): Params {
  return new Initializer(seed)
    .conv('enc1', 3, 3, 16)
    .conv('enc2', 3, 16, 32)
    .conv('enc3', 3, 32, 64)
    .dense('enc4', 1024, 128)
    .dense('mu', 128, LATENT, 0.1)
    .dense('logvar', 128, LATENT, 0.1)
    .dense('dec1', LATENT, 128)
    .dense('dec2', 128, 1024)
    .convT('dec3', 3, 64, 32)
    .convT('dec4', 3, 32, 16)
    .convT('dec5', 3, 16, 16)
    .conv('out', 3, 16, 3).params;
}

/** μ and log σ² of q(z | x): each [B, 2]. */
export function encode(p: Params, x: tf.Tensor4D): { mu: tf.Tensor2D; logvar: tf.Tensor2D } {
  let h = tf.relu(conv(p, 'enc1', x, 2));
  h = tf.relu(conv(p, 'enc2', h, 2));
  h = tf.relu(conv(p, 'enc3', h, 2));
  const flat = tf.relu(dense(p, 'enc4', tf.reshape(h, [-1, 1024]) as tf.Tensor2D));
  return { mu: dense(p, 'mu', flat), logvar: dense(p, 'logvar', flat) };
}

/** The decoder's mean image [B, 32, 32, 3] in [0, 1] for latents z [B, 2]. */
export function decode(p: Params, z: tf.Tensor2D): tf.Tensor4D {
  let h: tf.Tensor = tf.relu(dense(p, 'dec1', z));
  h = tf.relu(dense(p, 'dec2', h as tf.Tensor2D));
  let g = tf.reshape(h, [-1, 4, 4, 64]) as tf.Tensor4D;
  g = tf.relu(upConv(p, 'dec3', g));
  g = tf.relu(upConv(p, 'dec4', g));
  g = tf.relu(upConv(p, 'dec5', g));
  return tf.sigmoid(conv(p, 'out', g));
}

/**
 * The negative ELBO per image, averaged over the batch:
 *   −log p(x | z) = Σ_pixels BCE(x, x̂) − H(x)  (Bernoulli likelihood on intensities in [0, 1],
 *   less the data's entropy, a constant)
 *   KL(q(z|x) ‖ N(0, I)) = ½ Σ_dims (μ² + σ² − 1 − log σ²)
 * with z = μ + σ·ε (the reparameterisation trick) and ε = `noise` [B, 2].
 */
export function vaeLoss(p: Params, x: tf.Tensor4D, noise: tf.Tensor2D) {
  const { mu, logvar } = encode(p, x);
  const z = tf.add(mu, tf.mul(tf.exp(tf.mul(logvar, 0.5)), noise)) as tf.Tensor2D;
  const xHat = tf.clipByValue(decode(p, z), 1e-6, 1 - 1e-6);
  // Cross-entropy minus the data's own entropy (a constant): the Bernoulli KL, which is 0
  // for a perfect reconstruction, so logged losses are readable; gradients are unchanged.
  const xc = tf.clipByValue(x, 1e-6, 1 - 1e-6);
  const bce = tf.add(
    tf.mul(x, tf.sub(tf.log(xc), tf.log(xHat))),
    tf.mul(tf.sub(1, x), tf.sub(tf.log(tf.sub(1, xc)), tf.log(tf.sub(1, xHat)))),
  );
  const reconstruction = tf.mean(tf.sum(bce, [1, 2, 3]));
  const kl = tf.mean(
    tf.mul(0.5, tf.sum(tf.sub(tf.add(tf.square(mu), tf.exp(logvar)), tf.add(1, logvar)), 1)),
  );
  return { loss: tf.add(reconstruction, kl) as tf.Scalar, reconstruction, kl };
}
