/** Pieces every trainer shares: data batches by step, Adam groups, held-out evaluation. */
import * as tf from '@tensorflow/tfjs-core';
import { headshotBatch, SIZE, TEST_SEEDS, TRAIN_SEEDS } from '../../src/data/headshots.ts';
import { toVariables, type Params } from '../../src/models/nn.ts';
import type { Group } from '../lib/harness.ts';

export interface TrainerOptions {
  /** A CI-sized run: a tiny number of steps, to prove the pipeline and that the loss falls. */
  smoke?: boolean;
}

export const SEED = 20261128;

/** The training faces of step `step` (fresh faces each step, in seed order; resumable), from seed `seed` on. */
export function trainBatch(step: number, batch: number) {
  const first = TRAIN_SEEDS.first + ((step * batch) % (TRAIN_SEEDS.count - batch));
  return { ...headshotBatch(first, batch), seed: first };
}

export function heldOut(n: number, offset = 0) {
  return headshotBatch(TEST_SEEDS.first + offset, n);
}

export const imageTensor = (pixels: Float32Array, n: number) =>
  tf.tensor4d(pixels, [n, SIZE, SIZE, 3]);

export function group(
  params: Params,
  prefix: string,
  lr: { start: number; end: number },
  beta1 = 0.9,
  emaDecay?: number,
): Group {
  return {
    vars: toVariables(params, prefix),
    optimizer: tf.train.adam(lr.start, beta1, 0.999),
    lr,
    ...(emaDecay ? { emaDecay } : {}),
  };
}

/** Runs `build` in tidy and reads the scalar losses it returns. */
export async function readLosses(
  build: () => Record<string, tf.Scalar>,
): Promise<Record<string, number>> {
  const out = tf.tidy(build);
  const values: Record<string, number> = {};
  for (const [k, t] of Object.entries(out)) {
    values[k] = (await t.data())[0]!;
    t.dispose();
  }
  return values;
}

/** Trainable variables of a group, for optimizer.minimize's var list. */
export const trainable = (g: Group) => Object.values(g.vars).filter((v) => v.trainable);

/** A standard-normal tensor seeded by step, so a resumed run draws the same noise. */
export const noiseAt = (shape: number[], seed: number) =>
  tf.randomNormal(shape, 0, 1, 'float32', seed);

export function minimize(g: Group, loss: () => tf.Scalar): tf.Scalar {
  const value = g.optimizer.minimize(loss, true, trainable(g));
  if (!value) throw new Error('optimizer.minimize returned no loss');
  return value;
}

/**
 * One optimizer step on a loss made of named terms ({ loss, …terms }): trains on `loss` and
 * keeps the other terms, computed in the same pass, for the log.
 */
export function minimizeTerms(
  g: Group,
  terms: () => { loss: tf.Scalar } & Record<string, tf.Tensor>,
): Record<string, tf.Scalar> {
  const parts: Record<string, tf.Scalar> = {};
  parts.loss = minimize(g, () => {
    const all = terms();
    for (const [k, t] of Object.entries(all)) if (k !== 'loss') parts[k] = tf.keep(t as tf.Scalar);
    return all.loss;
  });
  return parts;
}
