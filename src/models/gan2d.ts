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
 * Both gradients are written out (`backward`), so training needs no gradient tape. Pure
 * tfjs ops, no DOM; the training loop is in `gan2dTrainer.ts`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { Initializer, param, type Params } from './nn.ts';

export const GAN_LOSSES = ['non-saturating', 'least-squares'] as const;
export type GanLoss = (typeof GAN_LOSSES)[number];

/** Hidden units per layer of both networks, unless a shape says otherwise. */
export const WIDTH = 64;
/** Slope of the leaky ReLU for negative inputs. */
const LEAK = 0.2;

/** The size of one player's network: hidden layers and units per hidden layer. */
export interface Shape2d {
  layers: number;
  units: number;
}
export const DEFAULT_SHAPE: Shape2d = { layers: 2, units: WIDTH };
export const MAX_LAYERS = 4;

/** Dense layers `prefix`1 … `prefix`(layers + 1): `inputs` → hidden → `outputs`. */
function initMlp(seed: number, prefix: string, inputs: number, outputs: number, shape: Shape2d) {
  const init = new Initializer(seed);
  for (let i = 0; i < shape.layers; i++) {
    init.dense(`${prefix}${i + 1}`, i === 0 ? inputs : shape.units, shape.units);
  }
  // The last layer starts small, so the first fakes and scores sit near zero.
  return init.dense(`${prefix}${shape.layers + 1}`, shape.units, outputs, 0.5).params;
}

/** The weights `initMlp` makes, by name, with their shapes (what a saved model must hold). */
export function mlpShapes(
  prefix: string,
  inputs: number,
  outputs: number,
  shape: Shape2d,
): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (let i = 0; i <= shape.layers; i++) {
    const fanIn = i === 0 ? inputs : shape.units;
    const fanOut = i === shape.layers ? outputs : shape.units;
    out[`${prefix}${i + 1}/kernel`] = [fanIn, fanOut];
    out[`${prefix}${i + 1}/bias`] = [fanOut];
  }
  return out;
}

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
  return forward(p, layersOf(p, 'g'), z, tape);
}

/** D's raw score ℓ [B, 1] for points x [B, 2]: a logit or a belief, depending on the loss. */
export function discriminate2d(p: Params, x: tf.Tensor2D, tape?: Tape): tf.Tensor2D {
  return forward(p, layersOf(p, 'd'), x, tape);
}

/** A network's layer names in order, read off its weights once (a step asks many times). */
const layerNames = new WeakMap<Params, string[]>();
function layersOf(p: Params, prefix: 'g' | 'd'): string[] {
  let names = layerNames.get(p);
  if (!names) {
    const count = Object.keys(p).filter((k) => new RegExp(`^${prefix}\\d+/kernel$`).test(k)).length;
    names = Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`);
    layerNames.set(p, names);
  }
  return names;
}

/** What a forward pass keeps for the backward pass: each layer's input and pre-activation. */
export type Tape = { input: tf.Tensor2D; pre: tf.Tensor2D }[];

/** Dense layers with a leaky ReLU after all but the last: h ← act(h·W + b). */
function forward(p: Params, layers: readonly string[], x: tf.Tensor2D, tape?: Tape): tf.Tensor2D {
  let h = x;
  layers.forEach((name, i) => {
    const pre = tf.add(tf.matMul(h, param(p, `${name}/kernel`)), param(p, `${name}/bias`));
    tape?.push({ input: h, pre: pre as tf.Tensor2D });
    h = (i < layers.length - 1 ? tf.leakyRelu(pre, LEAK) : pre) as tf.Tensor2D;
  });
  return h;
}

/**
 * Backpropagation through a taped forward pass, written out: with δ = ∂L/∂(pre-activation),
 * ∂L/∂W = inputᵀ·δ, ∂L/∂b = Σ_batch δ, and δ of the layer below = (δ·Wᵀ) ⊙ act′(its pre).
 * Returns the gradients of the weights (unless `weights` is false) and ∂L/∂x (if `input`).
 *
 * Why by hand: tfjs's tape records every op and its gradient multiplies with transpose
 * flags, which the wasm backend runs slowly. For these tiny networks that overhead, not
 * arithmetic, is the cost of a step; writing the backward pass out made a step about twice
 * as fast in Chromium, and the page need not load tfjs's gradient functions at all.
 * `tests/unit/models/gan2d.test.ts` checks it against tfjs's autodiff.
 */
function backward(
  p: Params,
  layers: readonly string[],
  tape: Tape,
  dOut: tf.Tensor2D,
  { weights = true, input = false } = {},
): { grads: Record<string, tf.Tensor>; dInput: tf.Tensor2D | null } {
  const grads: Record<string, tf.Tensor> = {};
  let delta = dOut;
  for (let i = layers.length - 1; i >= 0; i--) {
    const name = layers[i]!;
    const layer = tape[i]!;
    if (i < layers.length - 1) delta = tf.mul(delta, tf.step(layer.pre, LEAK));
    if (weights) {
      grads[`${name}/kernel`] = tf.matMul(tf.transpose(layer.input), delta);
      grads[`${name}/bias`] = tf.sum(delta, 0);
    }
    if (i > 0 || input) {
      delta = tf.matMul(delta, tf.transpose(param(p, `${name}/kernel`) as tf.Tensor2D));
    }
  }
  return { grads, dInput: input ? delta : null };
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
