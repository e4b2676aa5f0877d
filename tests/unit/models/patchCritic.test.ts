import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  initPatchCritic,
  patchGeneratorLoss,
  patchLogits,
} from '../../../src/models/patchCritic.ts';

beforeAll(() => tf.setBackend('cpu'));

describe('the patch critic', () => {
  test('gives one logit per 4×4 block of a 32×32 face', () => {
    const p = initPatchCritic(1);
    const logits = tf.tidy(() => patchLogits(p, tf.rand([2, 32, 32, 3], Math.random)));
    expect(logits.shape).toEqual([2, 8, 8, 1]);
    tf.dispose([logits, ...Object.values(p)]);
  });

  test('the decoder term is Σ_patches −log σ(ℓ) per image, batch-averaged', () => {
    // Image 1: every logit 0 (σ = ½), image 2: every logit ln 3 (σ = ¾).
    const logits = tf.concat([tf.zeros([1, 8, 8, 1]), tf.fill([1, 8, 8, 1], Math.log(3))]);
    const loss = patchGeneratorLoss(logits as tf.Tensor4D).dataSync()[0]!;
    const expected = (64 * Math.log(2) + 64 * -Math.log(0.75)) / 2;
    expect(loss).toBeCloseTo(expected, 4);
    tf.dispose(logits);
  });
});
