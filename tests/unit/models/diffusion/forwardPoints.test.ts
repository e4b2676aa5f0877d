import { describe, expect, test } from 'vitest';
import { noisePoints, pointMoments } from '../../../../src/models/diffusion/forwardPoints.ts';
import { gaussian2d, smiley } from '../../../../src/data/toy2d.ts';

const read = (x: Float32Array) => Array.from(x);

describe('noisePoints', () => {
  test('is √ᾱ·x₀ + √(1 − ᾱ)·ε, point by point, flat [x, y] like its inputs', () => {
    const x0 = Float32Array.from([1, 2, -1, 0.5]);
    const eps = Float32Array.from([0.5, -1, 2, 0]);
    const xt = noisePoints(x0, eps, 0.8, 0.6);
    expect(xt).toHaveLength(4);
    const got = read(xt);
    [1.1, 1, 0.4, 0.4].forEach((v, i) => expect(got[i]).toBeCloseTo(v, 6));
  });

  test('gives the data at t = 0 and the noise at t = T', () => {
    const x0 = Float32Array.from([0.25, -3, 4, 1]);
    const eps = Float32Array.from([1, 1, -2, 0.5]);
    expect(read(noisePoints(x0, eps, 1, 0))).toEqual(read(x0));
    expect(read(noisePoints(x0, eps, 0, 1))).toEqual(read(eps));
  });

  test('leaves its inputs alone, and refuses lists that are not N × 2', () => {
    const x0 = Float32Array.from([1, 2]);
    noisePoints(x0, x0, 0.5, 0.5);
    expect(Array.from(x0)).toEqual([1, 2]);
    expect(() => noisePoints(x0, Float32Array.from([1]), 1, 0)).toThrow(/N × 2/);
    expect(() => noisePoints(Float32Array.from([1]), Float32Array.from([1]), 1, 0)).toThrow();
  });

  test('noises the smiley into a cloud with the standard normal’s moments', () => {
    const { points } = smiley(700, 7);
    const eps = gaussian2d(700, 11);
    const moments = pointMoments(read(noisePoints(points, eps, 0, 1)));
    for (const { mean, sd } of moments) {
      expect(Math.abs(mean)).toBeLessThan(0.15);
      expect(Math.abs(sd - 1)).toBeLessThan(0.1);
    }
  });
});

describe('pointMoments', () => {
  test('gives each coordinate’s mean and population standard deviation', () => {
    const [x, y] = pointMoments([0, 10, 2, 10, 4, 16]);
    expect(x.mean).toBeCloseTo(2);
    expect(x.sd).toBeCloseTo(Math.sqrt(8 / 3));
    expect(y.mean).toBeCloseTo(12);
    expect(y.sd).toBeCloseTo(Math.sqrt(8));
  });
});
