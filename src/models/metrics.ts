/**
 * The yardstick every model on the site is measured with. Pure functions over plain arrays:
 * the probe (a small CNN) turns images into features and factor predictions elsewhere; these
 * compare them with the real data's.
 */
import { covariance, matmul, mean, sqrtPsd, symmetricEigen, trace, type Rows } from './linalg.ts';

/**
 * Fréchet distance between Gaussians N(μ₁, Σ₁) and N(μ₂, Σ₂):
 * ‖μ₁ − μ₂‖² + Tr(Σ₁ + Σ₂ − 2(Σ₁Σ₂)^½), with Tr((Σ₁Σ₂)^½) computed as
 * Tr((Σ₁^½ Σ₂ Σ₁^½)^½), which is symmetric and so numerically stable (Heusel et al. 2017).
 */
export function frechetFromMoments(
  mu1: Float64Array,
  cov1: Float64Array,
  mu2: Float64Array,
  cov2: Float64Array,
): number {
  const d = mu1.length;
  let meanTerm = 0;
  for (let i = 0; i < d; i++) meanTerm += (mu1[i]! - mu2[i]!) ** 2;
  const root1 = sqrtPsd(cov1, d);
  // Tr(M^½) of the symmetric PSD M is the sum of the roots of its eigenvalues.
  const { values } = symmetricEigen(matmul(matmul(root1, cov2, d), root1, d), d);
  const cross = values.reduce((sum, v) => sum + Math.sqrt(Math.max(0, v)), 0);
  return Math.max(0, meanTerm + trace(cov1, d) + trace(cov2, d) - 2 * cross);
}

/** "Tiny FID": the Fréchet distance between two sets of probe features. */
export function frechetDistance(a: Rows, b: Rows): number {
  const muA = mean(a);
  const muB = mean(b);
  return frechetFromMoments(muA, covariance(a, muA), muB, covariance(b, muB));
}

/** Share of each category among `values` (categories in the given order). */
export function distribution<T>(values: readonly T[], categories: readonly T[]): number[] {
  const counts = categories.map((c) => values.filter((v) => v === c).length);
  return counts.map((c) => (values.length ? c / values.length : 0));
}

/** Total variation distance ½ Σ |p − q|: 0 for identical distributions, 1 for disjoint ones. */
export function totalVariation(p: readonly number[], q: readonly number[]): number {
  return 0.5 * p.reduce((sum, pi, i) => sum + Math.abs(pi - (q[i] ?? 0)), 0);
}

/** Histogram shares of values in [0, 1] over `bins` equal bins (for continuous factors). */
export function histogram(values: readonly number[], bins = 5): number[] {
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) counts[Math.min(bins - 1, Math.max(0, Math.floor(v * bins)))]! += 1;
  return counts.map((c) => (values.length ? c / values.length : 0));
}

/**
 * Coverage of combinations: the share of all `a × b` category pairs that appear at least
 * `minCount` times among the samples (e.g. eye colour × hair style: 25 combinations).
 */
export function combinationCoverage<A, B>(
  samples: readonly (readonly [A, B])[],
  as: readonly A[],
  bs: readonly B[],
  minCount = 1,
): number {
  let present = 0;
  for (const a of as) {
    for (const b of bs) {
      const count = samples.filter(([x, y]) => x === a && y === b).length;
      if (count >= minCount) present++;
    }
  }
  return present / (as.length * bs.length);
}

/** Images as `n` RGB images of `size`×`size`, HWC, values in [0, 1]. */
export interface Images {
  pixels: ArrayLike<number>;
  n: number;
  size: number;
}

/**
 * Mean over images of the variance of the 4-neighbour Laplacian of luminance: high-frequency
 * energy. Blur lowers it; noise raises it.
 */
export function laplacianEnergy({ pixels, n, size }: Images): number {
  let total = 0;
  const lum = new Float64Array(size * size);
  for (let k = 0; k < n; k++) {
    const base = k * size * size * 3;
    for (let i = 0; i < size * size; i++) {
      const p = base + i * 3;
      lum[i] = 0.299 * pixels[p]! + 0.587 * pixels[p + 1]! + 0.114 * pixels[p + 2]!;
    }
    let sum = 0;
    let sq = 0;
    const count = (size - 2) * (size - 2);
    for (let y = 1; y < size - 1; y++) {
      for (let x = 1; x < size - 1; x++) {
        const i = y * size + x;
        const l = lum[i - 1]! + lum[i + 1]! + lum[i - size]! + lum[i + size]! - 4 * lum[i]!;
        sum += l;
        sq += l * l;
      }
    }
    total += sq / count - (sum / count) ** 2;
  }
  return total / n;
}

/** Sharpness of generated images relative to real ones: 1 is as sharp as the data, < 1 blurrier. */
export function sharpness(generated: Images, real: Images): number {
  return laplacianEnergy(generated) / laplacianEnergy(real);
}

/** Mean squared error per pixel channel between originals and reconstructions. */
export function reconstructionError(
  original: ArrayLike<number>,
  reconstructed: ArrayLike<number>,
): number {
  if (original.length !== reconstructed.length) {
    throw new Error(`reconstructionError: ${original.length} values vs ${reconstructed.length}`);
  }
  let sum = 0;
  for (let i = 0; i < original.length; i++) sum += (original[i]! - reconstructed[i]!) ** 2;
  return sum / original.length;
}
