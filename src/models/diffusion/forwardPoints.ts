/**
 * The forward process on a cloud of 2-D points, xₜ = √ᾱₜ·x₀ + √(1 − ᾱₜ)·ε, as the
 * forward-diffusion figure computes it on the page's TensorFlow.js runtime. `tf` is passed
 * in (only its type is imported here), so this module adds nothing to a page until the
 * figure has loaded tfjs, and a test can run it on the CPU backend.
 */
import type * as tfjs from '@tensorflow/tfjs-core';

type Tf = Pick<typeof tfjs, 'add' | 'mul' | 'tensor2d'>;

/**
 * xₜ for N points (x₀ and ε flat, [x, y] per point), as a tensor of shape [N, 2]. Build it
 * inside `runtime.read`, which frees every tensor made here once the numbers are read.
 */
export function noisePoints(
  tf: Tf,
  x0: Float32Array,
  eps: Float32Array,
  signal: number,
  noise: number,
): tfjs.Tensor2D {
  if (x0.length !== eps.length || x0.length % 2 !== 0)
    throw new Error(`noisePoints: ${x0.length} and ${eps.length} values, not N × 2 each`);
  const n = x0.length / 2;
  return tf.add(tf.mul(tf.tensor2d(x0, [n, 2]), signal), tf.mul(tf.tensor2d(eps, [n, 2]), noise));
}

export interface AxisMoments {
  mean: number;
  /** The population standard deviation. */
  sd: number;
}

/** Mean and standard deviation of each coordinate of a flat [x, y, x, y, …] point list. */
export function pointMoments(points: ArrayLike<number>): [AxisMoments, AxisMoments] {
  const n = points.length / 2;
  const axis = (a: 0 | 1): AxisMoments => {
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) sum += points[2 * i + a] ?? 0;
    const mean = sum / n;
    for (let i = 0; i < n; i++) sq += ((points[2 * i + a] ?? 0) - mean) ** 2;
    return { mean, sd: Math.sqrt(sq / n) };
  };
  return [axis(0), axis(1)];
}
