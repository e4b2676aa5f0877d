/**
 * The per-face loss terms the VAE figures show are the training loss, term for term: on one
 * face, with the encoder's own μ and σ and the same ε, they equal `vaeLoss`; the KL has its
 * closed-form zero at the prior; nothing leaks.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, test } from 'vitest';
import { SIZE, TEST_SEEDS, headshot } from '../../../src/data/headshots.ts';
import { encode, initVae, vaeLoss } from '../../../src/models/vae.ts';
import {
  bernoulliReconstruction,
  klToPrior,
  reconstructionAt,
  reparameterise,
} from '../../../src/models/vaeTerms.ts';

beforeAll(async () => {
  expect(await tf.setBackend('cpu')).toBe(true);
});

describe('klToPrior', () => {
  test('is 0 for the prior itself, N(0, I)', () => {
    expect(klToPrior([0, 0], [0, 0])).toBe(0);
  });

  test('is ½ μ² per dimension for a unit-variance Gaussian shifted by μ', () => {
    expect(klToPrior([3, -1], [0, 0])).toBeCloseTo(0.5 * 9 + 0.5 * 1, 12);
  });

  test('charges for a spread narrower or wider than the prior', () => {
    const narrow = klToPrior([0], [Math.log(0.01)]);
    expect(narrow).toBeCloseTo(0.5 * (0.01 - 1 - Math.log(0.01)), 12);
    expect(klToPrior([0], [Math.log(4)])).toBeGreaterThan(0);
  });
});

describe('reparameterise', () => {
  test('shifts and stretches each row of ε by μ and σ', () => {
    expect([...reparameterise([1, -2], [0.5, 2], [0, 0, 2, -1])]).toEqual([1, -2, 2, -4]);
  });
});

describe('bernoulliReconstruction', () => {
  test('is 0 for a perfect reconstruction of a binary image and positive otherwise', () => {
    const x = tf.tensor4d(
      Float32Array.from({ length: 12 }, (_, i) => i % 2),
      [1, 2, 2, 3],
    );
    expect(bernoulliReconstruction(x, x).dataSync()[0]).toBeCloseTo(0, 3);
    const grey = tf.fill([1, 2, 2, 3], 0.5) as tf.Tensor4D;
    expect(bernoulliReconstruction(x, grey).dataSync()[0]).toBeCloseTo(12 * Math.log(2), 3);
    tf.dispose([x, grey]);
  });
});

describe('the figures’ terms equal the training loss on one face', () => {
  test('reconstruction and KL match vaeLoss with the same ε, and no tensor is left', () => {
    const p = initVae(3);
    const face = headshot(TEST_SEEDS.first + 4).pixels;
    const eps = [0.7, -1.3];
    const before = tf.memory().numTensors;
    const x = tf.tensor4d(face, [1, SIZE, SIZE, 3]);
    const noise = tf.tensor2d(eps, [1, 2]);
    const expected = tf.tidy(() => {
      const l = vaeLoss(p, x, noise);
      return [l.reconstruction.dataSync()[0]!, l.kl.dataSync()[0]!];
    });
    const { mu, logvar } = tf.tidy(() => {
      const q = encode(p, x);
      return { mu: q.mu.dataSync(), logvar: q.logvar.dataSync() };
    });
    const sigma = Array.from(logvar, (lv) => Math.exp(lv / 2));
    const z = tf.tensor2d(reparameterise(mu, sigma, eps), [1, 2]);
    const reconstruction = reconstructionAt(p, x, z);
    expect(reconstruction.dataSync()[0]).toBeCloseTo(expected[0]!, 2);
    expect(klToPrior(mu, logvar)).toBeCloseTo(expected[1]!, 5);
    tf.dispose([x, noise, z, reconstruction]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(Object.values(p));
  });
});
