import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { FlatAdam } from '../../../src/models/flatAdam.ts';

beforeAll(async () => {
  await import('@tensorflow/tfjs-backend-wasm');
  expect(await tf.setBackend('wasm')).toBe(true);
});

/** Three weights of different shapes and a fixed sequence of gradients for them. */
const SHAPES = [[3, 4], [4], [4, 1]];
const start = () =>
  tf.tidy(() => SHAPES.map((s, i) => tf.variable(tf.randomNormal(s, 0, 1, 'float32', i + 1))));
const gradients = (step: number) =>
  SHAPES.map((s, i) => tf.randomNormal(s, 0, 1 + step, 'float32', 100 * step + i));

describe('FlatAdam', () => {
  test('takes the same steps as tf.train.adam, including a learning-rate change', () => {
    const [mine, theirs] = [start(), start()];
    const flat = new FlatAdam(mine!, 0.01, 0.5, 0.999);
    const reference = tf.train.adam(0.01, 0.5, 0.999);
    for (let step = 0; step < 30; step++) {
      if (step === 15) {
        flat.learningRate = 0.002;
        (reference as unknown as { learningRate: number }).learningRate = 0.002;
      }
      const grads = gradients(step);
      flat.apply(grads);
      reference.applyGradients(theirs!.map((w, i) => ({ name: w.name, tensor: grads[i]! })));
      tf.dispose(grads);
    }
    mine!.forEach((w, i) => {
      const a = w.dataSync();
      const b = theirs![i]!.dataSync();
      a.forEach((x, j) => expect(x).toBeCloseTo(b[j]!, 5));
    });
    expect(flat.iterations).toBe(30);
    flat.dispose();
    reference.dispose();
    tf.dispose([...mine!, ...theirs!]);
  });

  test('a step adds no tensor; dispose frees the moments', () => {
    const before = tf.memory().numTensors;
    const weights = start();
    const flat = new FlatAdam(weights, 0.01);
    const steady = tf.memory().numTensors;
    const grads = gradients(1);
    flat.apply(grads);
    tf.dispose(grads);
    expect(tf.memory().numTensors).toBe(steady);
    flat.dispose();
    tf.dispose(weights);
    expect(tf.memory().numTensors).toBe(before);
  });
});
