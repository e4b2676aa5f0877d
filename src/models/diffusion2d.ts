/**
 * The 2-D toy diffusion model: an MLP noise predictor ε_θ(xₜ, t, d) for points of the toy
 * distributions of `src/data/toy2d.ts`, conditioned on which distribution d (one-hot). Small
 * enough (≈ 40 k weights) to train in the page as well as in Node.
 *
 * xₜ: [B, 2], t: B steps in 1…T, d: [B, 5] one-hot.
 *   h = SiLU(dense 128 (xₜ ‖ sin(t) ‖ d)) → 2 × SiLU(dense 128) → dense 2 = ε̂
 */
import * as tf from '@tensorflow/tfjs-core';
import { TOY_DISTRIBUTIONS, type ToyDistribution } from '../data/toy2d.ts';
import { Initializer, dense, silu, timeEmbedding, type Params } from './nn.ts';

/** The condition's one-hot order: the distributions in their order in toy2d.ts. */
export const TOY_ORDER = Object.keys(TOY_DISTRIBUTIONS) as ToyDistribution[];
const TIME_DIM = 16;
const WIDTH = 128;

export function initDiffusion2d(seed: number): Params {
  return new Initializer(seed)
    .dense('fc1', 2 + TIME_DIM + TOY_ORDER.length, WIDTH)
    .dense('fc2', WIDTH, WIDTH)
    .dense('fc3', WIDTH, WIDTH)
    .dense('out', WIDTH, 2, 0.1).params;
}

/** One-hot rows [B, 5] for the distribution of each point. */
export function toyOneHot(which: ArrayLike<number>): tf.Tensor2D {
  return tf.cast(
    tf.oneHot(tf.tensor1d(Array.from(which), 'int32'), TOY_ORDER.length),
    'float32',
  ) as tf.Tensor2D;
}

/** ε̂ [B, 2] for noisy points xₜ [B, 2] at steps ts of distributions d [B, 5]. */
export function denoise2d(
  p: Params,
  xt: tf.Tensor2D,
  ts: ArrayLike<number>,
  d: tf.Tensor2D,
): tf.Tensor2D {
  const sinusoid = tf.tensor2d(timeEmbedding(ts, TIME_DIM), [ts.length, TIME_DIM]);
  let h = silu(dense(p, 'fc1', tf.concat([xt, sinusoid, d], 1)));
  h = silu(dense(p, 'fc2', h));
  h = silu(dense(p, 'fc3', h));
  return dense(p, 'out', h);
}
