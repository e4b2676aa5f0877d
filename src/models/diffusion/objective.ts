/**
 * The training objective of DDPM (Ho et al. 2020, Algorithm 1, the "simple" loss), shared
 * by every diffusion model of the site: pick a step t, noise the clean x₀ to
 *   xₜ = √ᾱₜ·x₀ + √(1 − ᾱₜ)·ε,  ε ~ N(0, I),
 * and regress the network's ε̂ = ε_θ(xₜ, t) onto ε:  L = E‖ε − ε̂‖² (mean over elements).
 * Plain regression: no adversary, which is why diffusion trains stably.
 * With `target: 'x0'` the network regresses the clean x₀ instead (L = E‖x₀ − x̂₀‖²), the
 * parameterisation Ramesh et al. 2022 use for their prior: at high noise it does not
 * multiply the network's error by 1/√ᾱₜ the way recovering x₀ from a predicted ε does.
 * With `target: 'v'` it regresses the velocity v = √ᾱₜ·ε − √(1 − ᾱₜ)·x₀ (Salimans & Ho
 * 2022): a unit-variance target at every step, and x̂₀ = √ᾱₜ·xₜ − √(1 − ᾱₜ)·v̂ carries xₜ
 * itself through at low noise, so a network narrower than its input need not copy it.
 */
import * as tf from '@tensorflow/tfjs-core';

/** What a denoiser outputs: the noise ε, the clean x₀, or the velocity v. */
export type Prediction = 'eps' | 'x0' | 'v';

/**
 * x0: [B, …] clean data; ts: B steps in 1…T; noise: ε, same shape as x0; alphaBars: ᾱ with
 * index t − 1 for step t; predict(xₜ, ts) returns ε̂ shaped like x0. `weights`, when given,
 * broadcasts against x0 and weighs each element's squared error (a mean of 1 keeps the scale).
 */
export function diffusionLoss<T extends tf.Tensor>(
  predict: (xt: T, ts: ArrayLike<number>) => tf.Tensor,
  x0: T,
  ts: ArrayLike<number>,
  noise: T,
  alphaBars: ArrayLike<number>,
  target: Prediction = 'eps',
  weights?: tf.Tensor,
): tf.Scalar {
  const b = ts.length;
  const signal = new Float32Array(b);
  const spread = new Float32Array(b);
  for (let i = 0; i < b; i++) {
    const ab = alphaBars[ts[i]! - 1]!;
    signal[i] = Math.sqrt(ab);
    spread[i] = Math.sqrt(1 - ab);
  }
  // Coefficients shaped [B, 1, …] so they broadcast over each example.
  const shape = [b, ...x0.shape.slice(1).map(() => 1)];
  const xt = tf.add(
    tf.mul(x0, tf.tensor(signal, shape)),
    tf.mul(noise, tf.tensor(spread, shape)),
  ) as T;
  const wanted =
    target === 'eps'
      ? noise
      : target === 'x0'
        ? x0
        : tf.sub(tf.mul(noise, tf.tensor(signal, shape)), tf.mul(x0, tf.tensor(spread, shape)));
  const squared = tf.squaredDifference(predict(xt, ts), wanted);
  return tf.mean(weights ? tf.mul(squared, weights) : squared);
}
