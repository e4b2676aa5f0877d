/**
 * Plain stochastic gradient descent, θ ← θ − α·g, with the interface of `FlatAdam`, so the
 * live 2-D GAN can offer both optimisers as GAN Lab does. Without Adam's per-weight step
 * sizes the same learning rate moves the weights far less, which is the lesson: the reader
 * sees SGD crawl where Adam runs.
 */
import * as tf from '@tensorflow/tfjs-core';

/** What a trainer needs of an optimiser over one network. */
export interface FlatOptimizer {
  learningRate: number;
  readonly iterations: number;
  apply(grads: tf.Tensor[]): void;
  dispose(): void;
}

export class FlatSgd implements FlatOptimizer {
  learningRate: number;
  #weights: tf.Variable[];
  #t = 0;

  /** `weights` in a fixed order; `apply` takes their gradients in the same order. */
  constructor(weights: tf.Variable[], learningRate: number) {
    this.#weights = weights;
    this.learningRate = learningRate;
  }

  get iterations(): number {
    return this.#t;
  }

  apply(grads: tf.Tensor[]): void {
    this.#t++;
    tf.tidy(() => {
      grads.forEach((g, i) => {
        const w = this.#weights[i]!;
        w.assign(tf.sub(w, tf.mul(g, this.learningRate)));
      });
    });
  }

  /** SGD keeps no state beyond the weights it updates (which it does not own). */
  dispose(): void {}
}
