/**
 * The shipped probe (public/models/probe) is a trustworthy yardstick: on held-out faces it
 * reads categorical factors with ≥ 95 % accuracy and continuous ones with R² ≥ 0.9. Its card
 * tells the truth about its weights.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SIZE, TEST_SEEDS, headshotBatch } from '../../../src/data/headshots.ts';
import {
  CATEGORICAL_FACTORS,
  CONTINUOUS_FACTORS,
  disposeOutputs,
  probeForward,
  readPredictions,
  rSquared,
  type ProbeWeights,
} from '../../../src/models/probe.ts';
import { loadWeightsFromDir } from '../../../src/models/training/io.ts';
import { scoreSet, type ImageSet } from '../../../src/models/yardstick.ts';

const DIR = 'public/models/probe';
const card = JSON.parse(readFileSync(`${DIR}/card.json`, 'utf8'));
let weights: ProbeWeights;

beforeAll(async () => {
  await import('@tensorflow/tfjs-backend-wasm');
  expect(await tf.setBackend('wasm')).toBe(true);
  weights = await loadWeightsFromDir(DIR);
});
afterAll(() => tf.dispose(Object.values(weights ?? {})));

describe('the shipped probe', () => {
  test('matches its card: weights hash and parameter count', () => {
    const sha = createHash('sha256')
      .update(readFileSync(`${DIR}/weights.bin`))
      .digest('hex');
    expect(sha).toBe(card.weights.sha256);
    const parameters = Object.values(weights).reduce((n, t) => n + t.size, 0);
    expect(parameters).toBe(card.parameters);
  });

  test('gives 128 features and every head, and leaks no tensor', () => {
    const before = tf.memory().numTensors;
    const out = tf.tidy(() => probeForward(weights, tf.zeros([3, SIZE, SIZE, 3]) as tf.Tensor4D));
    expect(out.features.shape).toEqual([3, 128]);
    expect(out.logits.eyeColour.shape).toEqual([3, 5]);
    expect(out.continuous.shape).toEqual([3, 4]);
    disposeOutputs(out);
    expect(tf.memory().numTensors).toBe(before);
  });

  test(
    'reads held-out faces: ≥ 95 % on every categorical factor, R² ≥ 0.9 on continuous ones',
    { timeout: 60_000 },
    async () => {
      // Seeds past the ones the training script evaluated on: faces nobody has looked at.
      const n = 1000;
      const test = headshotBatch(TEST_SEEDS.first + 5000, n);
      const out = tf.tidy(() =>
        probeForward(weights, tf.tensor4d(test.pixels, [n, SIZE, SIZE, 3])),
      );
      const predicted = await readPredictions(out);
      disposeOutputs(out);
      for (const f of CATEGORICAL_FACTORS) {
        const right = test.factors.filter((x, i) => x[f] === predicted.categorical[f][i]).length;
        expect(right / n, f).toBeGreaterThanOrEqual(0.95);
      }
      const glasses = test.factors.filter((x, i) => x.glasses === predicted.glasses[i]).length;
      expect(glasses / n, 'glasses').toBeGreaterThanOrEqual(0.95);
      for (const f of CONTINUOUS_FACTORS) {
        const r2 = rSquared(
          test.factors.map((x) => x[f]),
          predicted.continuous[f],
        );
        expect(r2, f).toBeGreaterThanOrEqual(0.9);
      }
    },
  );
});

describe('the yardstick on known cases', { timeout: 60_000 }, () => {
  const n = 400;
  const real = (first: number): ImageSet => ({ pixels: headshotBatch(first, n).pixels, n });
  const heldOut = real(TEST_SEEDS.first + 7000);

  test('a set scored against itself: FID ≈ 0, no distribution gap, sharpness 1', async () => {
    const score = await scoreSet(weights, heldOut, heldOut);
    expect(score.fid).toBeLessThan(1e-3);
    expect(Object.values(score.tv).every((v) => v === 0)).toBe(true);
    expect(score.sharpness).toBe(1);
  });

  test('one face repeated: minimum coverage and a far larger FID than other real faces', async () => {
    const other = await scoreSet(weights, real(TEST_SEEDS.first + 8000), heldOut);
    const one = headshotBatch(TEST_SEEDS.first + 9000, 1).pixels;
    const repeated = new Float32Array(n * one.length);
    for (let i = 0; i < n; i++) repeated.set(one, i * one.length);
    const collapsed = await scoreSet(weights, { pixels: repeated, n }, heldOut);
    expect(collapsed.coverage).toBe(1 / 25);
    expect(other.coverage).toBeGreaterThan(0.8);
    expect(collapsed.fid).toBeGreaterThan(10 * other.fid);
    expect(collapsed.tv['eyeColour']).toBeGreaterThan(0.4);
  });

  test('a blurred copy scores sharpness < 1', async () => {
    const blurred = heldOut.pixels.slice();
    const at = (k: number, y: number, x: number, c: number) =>
      heldOut.pixels[
        ((k * SIZE + Math.min(SIZE - 1, Math.max(0, y))) * SIZE +
          Math.min(SIZE - 1, Math.max(0, x))) *
          3 +
          c
      ]!;
    for (let k = 0; k < n; k++)
      for (let y = 0; y < SIZE; y++)
        for (let x = 0; x < SIZE; x++)
          for (let c = 0; c < 3; c++)
            blurred[((k * SIZE + y) * SIZE + x) * 3 + c] =
              (at(k, y, x, c) * 4 +
                at(k, y - 1, x, c) +
                at(k, y + 1, x, c) +
                at(k, y, x - 1, c) +
                at(k, y, x + 1, c)) /
              8;
    const score = await scoreSet(weights, { pixels: blurred, n }, heldOut);
    expect(score.sharpness).toBeLessThan(0.6);
  });
});

describe('rSquared', () => {
  test('is 1 for a perfect fit and 0 for predicting the mean', () => {
    expect(rSquared([1, 2, 3], [1, 2, 3])).toBe(1);
    expect(rSquared([1, 2, 3], [2, 2, 2])).toBe(0);
  });
});
