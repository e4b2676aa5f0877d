/**
 * The small GAN the GAN chapter trains live in the page on the 2-D toy distributions of
 * `src/data/toy2d.ts` (Goodfellow et al. 2014). Both players are multilayer perceptrons:
 *
 * Generator G(z), z: [B, noiseDim] ~ N(0, I):
 *   layers × (dense units → leaky ReLU) → dense 2: a point (x, y)
 * Discriminator D(x), x: [B, 2]:
 *   layers × (dense units → leaky ReLU) → dense 1: a score ℓ of "real"
 * Each player has its own `Shape2d` (1–4 hidden layers of 8–128 units, as in GAN Lab);
 * by default two layers of WIDTH units.
 *
 * Two losses over the same networks:
 * - non-saturating (Goodfellow et al. 2014): ℓ is a logit, D's belief is σ(ℓ);
 *   L_D = E[softplus(−ℓ_real)] + E[softplus(ℓ_fake)],  L_G = E[softplus(−ℓ_fake)]
 * - least squares (Mao et al. 2017, targets a = 0 fake, b = c = 1 real): ℓ is the belief;
 *   L_D = ½E[(ℓ_real − 1)²] + ½E[ℓ_fake²],  L_G = ½E[(ℓ_fake − 1)²]
 *
 * Both gradients are written out (`mlp2d.ts`), so training needs no gradient tape. Pure
 * tfjs ops, no DOM; the training loop is in `gan2dTrainer.ts`.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Params } from './nn.ts';
import { initMlp, layersOf, mlpBackward, mlpForward, type Shape2d, type Tape } from './mlp2d.ts';

export { MAX_LAYERS, mlpShapes, type Shape2d, type Tape } from './mlp2d.ts';

export const GAN_LOSSES = ['non-saturating', 'least-squares'] as const;
export type GanLoss = (typeof GAN_LOSSES)[number];

/** Hidden units per layer of both networks, unless a shape says otherwise. */
export const WIDTH = 64;
export const DEFAULT_SHAPE: Shape2d = { layers: 2, units: WIDTH };

/** Generator weights: noise [B, noiseDim] → point [B, 2]. */
export function initGenerator2d(seed: number, noiseDim: number, shape = DEFAULT_SHAPE): Params {
  return initMlp(seed, 'g', noiseDim, 2, shape);
}

/** Discriminator weights: point [B, 2] → score [B, 1]. */
export function initDiscriminator2d(seed: number, shape = DEFAULT_SHAPE): Params {
  return initMlp(seed, 'd', 2, 1, shape);
}

/** Points G(z) [B, 2] from noise z [B, noiseDim]. */
export function generate2d(p: Params, z: tf.Tensor2D, tape?: Tape): tf.Tensor2D {
  return mlpForward(p, layersOf(p, 'g'), z, 'leaky', tape);
}

/** D's raw score ℓ [B, 1] for points x [B, 2]: a logit or a belief, depending on the loss. */
export function discriminate2d(p: Params, x: tf.Tensor2D, tape?: Tape): tf.Tensor2D {
  return mlpForward(p, layersOf(p, 'd'), x, 'leaky', tape);
}

/** Backpropagation through one player (see mlp2d.ts). */
function backward(
  p: Params,
  layers: readonly string[],
  tape: Tape,
  dOut: tf.Tensor2D,
  options: { weights?: boolean; input?: boolean } = {},
) {
  return mlpBackward(p, layers, tape, dOut, 'leaky', options);
}

/**
 * ∂L/∂ℓ for scores ℓ whose target is `target` (1 real, 0 fake), per point (not divided by
 * the batch): σ(ℓ) − target for non-saturating, ℓ − target for least squares. (One form
 * covers all four cases: d softplus(−ℓ)/dℓ = σ(ℓ) − 1, d softplus(ℓ)/dℓ = σ(ℓ), and
 * d ½(ℓ − t)²/dℓ = ℓ − t.)
 */
function scoreGradient(loss: GanLoss, scores: tf.Tensor, target: tf.Tensor | number): tf.Tensor2D {
  const a = loss === 'non-saturating' ? tf.sigmoid(scores) : scores;
  return tf.sub(a, target) as tf.Tensor2D;
}

/** A type rather than an interface, so that `tf.tidy` can return it. */
export type Gradients = {
  loss: tf.Scalar;
  /** By weight name, e.g. 'd2/kernel'. */
  grads: tf.NamedTensorMap;
};

/**
 * L_D and its gradient for D's weights on real points [B, 2] and fakes G(z), D seeing both
 * in one batch. G's weights are only read.
 */
export function discriminatorGradients(
  loss: GanLoss,
  d: Params,
  g: Params,
  real: tf.Tensor2D,
  z: tf.Tensor2D,
): Gradients {
  const n = real.shape[0];
  const tape: Tape = [];
  const scores = discriminate2d(d, tf.concat([real, generate2d(g, z)]), tape);
  const [realScores, fakeScores] = tf.split(scores, 2);
  const targets = tf.concat([tf.ones([n, 1]), tf.zeros([n, 1])]);
  // Each half is averaged over its n points: ∂L_D/∂ℓ = (a(ℓ) − target) / n.
  const dScores = tf.div(scoreGradient(loss, scores, targets), n) as tf.Tensor2D;
  return {
    loss: discriminatorLoss2d(loss, realScores!, fakeScores!),
    grads: backward(d, layersOf(d, 'd'), tape, dScores).grads,
  };
}

/** L_G and its gradient for G's weights on noise z, through the current D (only read). */
export function generatorGradients(loss: GanLoss, d: Params, g: Params, z: tf.Tensor2D): Gradients {
  const gTape: Tape = [];
  const dTape: Tape = [];
  const scores = discriminate2d(d, generate2d(g, z, gTape), dTape);
  const dScores = tf.div(scoreGradient(loss, scores, 1), z.shape[0]) as tf.Tensor2D;
  const dFakes = backward(d, layersOf(d, 'd'), dTape, dScores, {
    weights: false,
    input: true,
  }).dInput!;
  return {
    loss: generatorLoss2d(loss, scores),
    grads: backward(g, layersOf(g, 'g'), gTape, dFakes).grads,
  };
}

/** D's belief that each point is real, in [0, 1]: σ(ℓ), or ℓ clipped for least squares. */
export function belief(loss: GanLoss, scores: tf.Tensor): tf.Tensor {
  return loss === 'non-saturating' ? tf.sigmoid(scores) : tf.clipByValue(scores, 0, 1);
}

/** The discriminator's loss on a batch of real and fake scores (formulas in the header). */
export function discriminatorLoss2d(
  loss: GanLoss,
  realScores: tf.Tensor,
  fakeScores: tf.Tensor,
): tf.Scalar {
  if (loss === 'non-saturating') {
    return tf.add(tf.mean(tf.softplus(tf.neg(realScores))), tf.mean(tf.softplus(fakeScores)));
  }
  return tf.mul(
    tf.add(tf.mean(tf.square(tf.sub(realScores, 1))), tf.mean(tf.square(fakeScores))),
    0.5,
  );
}

/** The generator's loss on a batch of fake scores (formulas in the header). */
export function generatorLoss2d(loss: GanLoss, fakeScores: tf.Tensor): tf.Scalar {
  return tf.mean(
    loss === 'non-saturating'
      ? tf.softplus(tf.neg(fakeScores))
      : tf.mul(tf.square(tf.sub(fakeScores, 1)), 0.5),
  );
}

/**
 * Where the generator would like each fake point to go: −∂ℓ_G/∂x at the points x [B, 2],
 * ℓ_G being one point's generator loss under the current D. G can only follow these arrows
 * by changing its weights, which moves every point at once; they show what D is teaching
 * it. Returns [B, 2].
 */
export function generatorPull(loss: GanLoss, d: Params, x: tf.Tensor2D): tf.Tensor2D {
  const tape: Tape = [];
  const scores = discriminate2d(d, x, tape);
  const dX = backward(d, layersOf(d, 'd'), tape, scoreGradient(loss, scores, 1), {
    weights: false,
    input: true,
  }).dInput!;
  return tf.neg(dX);
}
