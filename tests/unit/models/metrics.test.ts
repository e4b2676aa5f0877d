import { describe, expect, test } from 'vitest';
import { mulberry32, normal } from '../../../src/data/random.ts';
import { covariance, matmul, sqrtPsd, symmetricEigen } from '../../../src/models/linalg.ts';
import {
  combinationCoverage,
  distribution,
  frechetDistance,
  frechetFromMoments,
  histogram,
  reconstructionError,
  sharpness,
  totalVariation,
  type Images,
} from '../../../src/models/metrics.ts';

const gaussianRows = (n: number, d: number, seed: number, shift = 0, scale = 1) => {
  const g = normal(mulberry32(seed));
  return { data: Float64Array.from({ length: n * d }, () => shift + scale * g()), n, d };
};

describe('linear algebra', () => {
  test('symmetricEigen recovers a known spectrum', () => {
    const m = Float64Array.from([2, 1, 1, 2]);
    const values = [...symmetricEigen(m, 2).values].sort();
    expect(values[0]).toBeCloseTo(1, 10);
    expect(values[1]).toBeCloseTo(3, 10);
  });

  test.each([
    ['a rank-deficient 128-feature covariance (32 samples)', 32, 128],
    ['a full-rank covariance', 400, 24],
  ])('symmetricEigen decomposes %s: A·v = λ·v, orthonormal, ascending', (_, n, d) => {
    const cov = covariance(gaussianRows(n, d, 7, 0, 2));
    const { values, vectors } = symmetricEigen(cov, d);
    const scale = Math.max(...values.map(Math.abs));
    for (let k = 0; k < d; k++) {
      if (k > 0) expect(values[k]!).toBeGreaterThanOrEqual(values[k - 1]!);
      for (let i = 0; i < d; i++) {
        let av = 0;
        for (let j = 0; j < d; j++) av += cov[i * d + j]! * vectors[j * d + k]!;
        expect(Math.abs(av - values[k]! * vectors[i * d + k]!)).toBeLessThan(1e-10 * scale);
      }
      for (let l = 0; l <= k; l++) {
        let dot = 0;
        for (let i = 0; i < d; i++) dot += vectors[i * d + k]! * vectors[i * d + l]!;
        expect(dot).toBeCloseTo(k === l ? 1 : 0, 10);
      }
    }
    // 32 samples span at most 31 directions: the rest of the spectrum is (numerically) zero.
    if (n < d) expect(values.filter((v) => v > 1e-9 * scale).length).toBe(n - 1);
  });

  test('symmetricEigen handles repeated eigenvalues and a 1×1 matrix', () => {
    const identity = Float64Array.from({ length: 16 }, (_, i) => (i % 5 === 0 ? 3 : 0));
    expect([...symmetricEigen(identity, 4).values]).toEqual([3, 3, 3, 3]);
    expect([...symmetricEigen(Float64Array.of(-2), 1).values]).toEqual([-2]);
  });

  test('sqrtPsd squares back to the matrix', () => {
    const { data, n, d } = gaussianRows(200, 6, 1);
    const cov = covariance({ data, n, d });
    const root = sqrtPsd(cov, d);
    const back = matmul(root, root, d);
    cov.forEach((v, i) => expect(back[i]).toBeCloseTo(v, 8));
  });
});

describe('frechetFromMoments', () => {
  test('is zero for identical Gaussians', () => {
    const mu = Float64Array.from([1, 2]);
    const cov = Float64Array.from([2, 0.5, 0.5, 1]);
    expect(frechetFromMoments(mu, cov, mu, cov)).toBeCloseTo(0, 9);
  });

  test('matches the closed form Σ(μ₁−μ₂)² + Σ(σ₁−σ₂)² for diagonal covariances', () => {
    const d1 = Float64Array.from([4, 0, 0, 1]);
    const d2 = Float64Array.from([1, 0, 0, 9]);
    const fd = frechetFromMoments(Float64Array.from([0, 0]), d1, Float64Array.from([3, -1]), d2);
    expect(fd).toBeCloseTo(9 + 1 + (2 - 1) ** 2 + (1 - 3) ** 2, 9);
  });
});

describe('frechetDistance ("tiny FID")', () => {
  test('is ≈ 0 for two samples of the same set and grows with a shift of the mean', () => {
    const a = gaussianRows(4000, 4, 1);
    expect(frechetDistance(a, a)).toBeCloseTo(0, 6);
    const b = gaussianRows(4000, 4, 2);
    expect(frechetDistance(a, b)).toBeLessThan(0.05);
    const shifted = gaussianRows(4000, 4, 3, 1);
    expect(frechetDistance(a, shifted)).toBeCloseTo(4, 0); // ‖(1,1,1,1)‖² = 4
  });

  test('penalises a collapsed (low-variance) set even with the right mean', () => {
    const real = gaussianRows(4000, 4, 1);
    const collapsed = gaussianRows(4000, 4, 5, 0, 0.1);
    expect(frechetDistance(real, collapsed)).toBeCloseTo(4 * (1 - 0.1) ** 2, 0);
  });
});

describe('coverage and diversity', () => {
  const eyes = ['a', 'b', 'c', 'd', 'e'] as const;
  const hair = ['v', 'w', 'x', 'y', 'z'] as const;

  test('one repeated face covers 1 of 25 combinations', () => {
    const same = Array.from({ length: 500 }, () => ['a', 'v'] as const);
    expect(combinationCoverage(same, eyes, hair)).toBe(1 / 25);
  });

  test('a set with every combination covers all of them', () => {
    const all = eyes.flatMap((e) => hair.map((h) => [e, h] as const));
    expect(combinationCoverage(all, eyes, hair)).toBe(1);
    expect(combinationCoverage(all, eyes, hair, 2)).toBe(0);
  });

  test('total variation is 0 for equal, 1 for disjoint distributions', () => {
    const p = distribution(['a', 'a', 'b', 'c'], ['a', 'b', 'c']);
    expect(p).toEqual([0.5, 0.25, 0.25]);
    expect(totalVariation(p, p)).toBe(0);
    expect(totalVariation([1, 0, 0], [0, 0.5, 0.5])).toBe(1);
    expect(totalVariation(p, [1, 0, 0])).toBe(0.5);
  });

  test('histogram puts values in [0, 1] into equal bins, 1 in the last', () => {
    expect(histogram([0, 0.1, 0.5, 0.99, 1], 5)).toEqual([0.4, 0, 0.2, 0, 0.4]);
  });
});

describe('sharpness', () => {
  const size = 16;
  const checker = (n: number): Images => {
    const pixels = new Float64Array(n * size * size * 3);
    for (let k = 0; k < n; k++)
      for (let y = 0; y < size; y++)
        for (let x = 0; x < size; x++)
          for (let c = 0; c < 3; c++)
            pixels[((k * size + y) * size + x) * 3 + c] = ((x >> 1) + (y >> 1) + k) % 2;
    return { pixels, n, size };
  };
  const blur = ({ pixels, n }: Images): Images => {
    const out = new Float64Array(pixels.length);
    for (let k = 0; k < n; k++)
      for (let y = 0; y < size; y++)
        for (let x = 0; x < size; x++)
          for (let c = 0; c < 3; c++) {
            let s = 0;
            let m = 0;
            for (let dy = -1; dy <= 1; dy++)
              for (let dx = -1; dx <= 1; dx++) {
                const yy = y + dy;
                const xx = x + dx;
                if (yy < 0 || xx < 0 || yy >= size || xx >= size) continue;
                s += pixels[((k * size + yy) * size + xx) * 3 + c]!;
                m++;
              }
            out[((k * size + y) * size + x) * 3 + c] = s / m;
          }
    return { pixels: out, n, size };
  };

  test('is 1 for the real set itself and below 1 for a blurred copy', () => {
    const real = checker(4);
    expect(sharpness(real, real)).toBe(1);
    expect(sharpness(blur(real), real)).toBeLessThan(0.5);
  });
});

describe('reconstructionError', () => {
  test('is the mean squared difference and refuses mismatched sizes', () => {
    expect(reconstructionError([0, 0.5, 1, 1], [0, 0, 1, 0])).toBeCloseTo((0.25 + 1) / 4, 12);
    expect(() => reconstructionError([1], [1, 2])).toThrow('1 values vs 2');
  });
});
