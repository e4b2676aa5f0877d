/**
 * The two terms of the VAE's loss (the negative ELBO, see `vaeLoss` in ./vae.ts) for one face
 * at a time, as the chapter's figures show them: the reader moves the encoder's answer
 * (μ, σ) and watches each term respond. Same formulas and units (nats) as training:
 *
 *   reconstruction = E_{z ~ N(μ, σ²)} [ Σ_pixels BCE(x, decode(z)) − H(x) ]
 *   KL             = ½ Σ_dims (μ² + σ² − 1 − log σ²)
 *
 * The expectation is a Monte Carlo average over fixed standard-normal draws ε (z = μ + σ·ε),
 * so a figure that passes the same ε every time gets a smooth, repeatable number.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Params } from './nn.ts';
import { decode } from './vae.ts';

/** KL(N(μ, diag σ²) ‖ N(0, I)) in nats, with log σ² given; 0 exactly at μ = 0, σ = 1. */
export function klToPrior(mu: ArrayLike<number>, logvar: ArrayLike<number>): number {
  let kl = 0;
  for (let i = 0; i < mu.length; i++) {
    const m = mu[i]!;
    const lv = logvar[i]!;
    kl += 0.5 * (m * m + Math.exp(lv) - 1 - lv);
  }
  return kl;
}

/** z = μ + σ·ε for each row of ε [n, d]: the reparameterisation trick, on plain numbers. */
export function reparameterise(
  mu: ArrayLike<number>,
  sigma: ArrayLike<number>,
  eps: ArrayLike<number>,
): Float32Array {
  const d = mu.length;
  const z = new Float32Array(eps.length);
  for (let i = 0; i < eps.length; i++) z[i] = mu[i % d]! + sigma[i % d]! * eps[i]!;
  return z;
}

/**
 * Per image, Σ over pixels and channels of BCE(x, x̂) − H(x): the Bernoulli KL that
 * `vaeLoss` trains on (0 for a perfect reconstruction). x [1 or B, 32, 32, 3] broadcasts
 * against x̂ [B, 32, 32, 3]. Returns [B].
 */
export function bernoulliReconstruction(x: tf.Tensor4D, xHat: tf.Tensor4D): tf.Tensor1D {
  return tf.tidy(() => {
    const xh = tf.clipByValue(xHat, 1e-6, 1 - 1e-6);
    const xc = tf.clipByValue(x, 1e-6, 1 - 1e-6);
    const bce = tf.add(
      tf.mul(x, tf.sub(tf.log(xc), tf.log(xh))),
      tf.mul(tf.sub(1, x), tf.sub(tf.log(tf.sub(1, xc)), tf.log(tf.sub(1, xh)))),
    );
    return tf.sum(bce, [1, 2, 3]) as tf.Tensor1D;
  });
}

/**
 * The reconstruction term for one face x [1, 32, 32, 3] at each latent of z [S, 2]:
 * decodes all S codes in one batch and scores each drawing against x. Returns [S]; the
 * mean over draws z = μ + σ·ε is the ELBO's reconstruction term.
 */
export function reconstructionAt(p: Params, x: tf.Tensor4D, z: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => bernoulliReconstruction(x, decode(p, z)));
}
