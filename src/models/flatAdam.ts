/**
 * Adam (Kingma & Ba 2014) over a whole network at once: the gradients of all its weights are
 * concatenated into one vector, the moments are one vector each, and the update is split
 * back into the weights. The arithmetic is that of `tf.train.adam`; the difference is the
 * number of kernel calls. tfjs's optimizer runs about a dozen small ops per weight tensor,
 * and for networks as small as the live 2-D GAN's the cost of a call, not its arithmetic,
 * dominates a training step (measured in Chromium on wasm: binary-op calls were the largest
 * cost of a step). Here a step is about twenty calls whatever the number of weights.
 *
 * With mₜ = β₁mₜ₋₁ + (1 − β₁)g and vₜ = β₂vₜ₋₁ + (1 − β₂)g², tfjs updates
 *   θ ← θ − α · m̂ / (√v̂ + ε),  m̂ = mₜ / (1 − β₁ᵗ), v̂ = vₜ / (1 − β₂ᵗ).
 * This computes the same in the paper's "more efficient order" (Section 2):
 *   θ ← θ − αₜ · mₜ / (√vₜ + ε̂ₜ),  αₜ = α·√(1 − β₂ᵗ)/(1 − β₁ᵗ),  ε̂ₜ = ε·√(1 − β₂ᵗ).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { FlatOptimizer } from './flatSgd.ts';

export class FlatAdam implements FlatOptimizer {
  learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  #weights: tf.Variable[];
  #sizes: number[];
  #m: tf.Variable;
  #v: tf.Variable;
  #t = 0;

  /** `weights` in a fixed order; `apply` takes their gradients in the same order. */
  constructor(
    weights: tf.Variable[],
    learningRate: number,
    beta1 = 0.9,
    beta2 = 0.999,
    epsilon = 1e-7,
  ) {
    this.#weights = weights;
    this.#sizes = weights.map((w) => w.size);
    const total = this.#sizes.reduce((a, b) => a + b, 0);
    [this.#m, this.#v] = tf.tidy(() => [
      tf.variable(tf.zeros([total]), false),
      tf.variable(tf.zeros([total]), false),
    ]);
    this.learningRate = learningRate;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
  }

  /** Steps taken. */
  get iterations(): number {
    return this.#t;
  }

  /** One Adam step from the gradients of the weights, in the constructor's order. */
  apply(grads: tf.Tensor[]): void {
    this.#t++;
    const { beta1, beta2 } = this;
    const correction = Math.sqrt(1 - beta2 ** this.#t);
    const rate = (this.learningRate * correction) / (1 - beta1 ** this.#t);
    tf.tidy(() => {
      const g = tf.concat(grads.map((x) => tf.reshape(x, [-1])));
      const m = tf.add(tf.mul(this.#m, beta1), tf.mul(g, 1 - beta1));
      const v = tf.add(tf.mul(this.#v, beta2), tf.mul(tf.square(g), 1 - beta2));
      this.#m.assign(m);
      this.#v.assign(v);
      const step = tf.mul(tf.div(m, tf.add(tf.sqrt(v), this.epsilon * correction)), rate);
      tf.split(step, this.#sizes).forEach((piece, i) => {
        const w = this.#weights[i]!;
        w.assign(tf.sub(w, tf.reshape(piece, w.shape)));
      });
    });
  }

  dispose(): void {
    tf.dispose([this.#m, this.#v]);
  }
}
