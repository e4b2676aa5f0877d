/**
 * Small dense linear algebra for the metrics: means, covariances and the eigen-decomposition
 * of symmetric matrices (cyclic Jacobi). Matrices are row-major Float64Arrays of size d×d;
 * d is small here (tens of probe features), so clarity beats speed.
 */

/** `n` row vectors of length `d`, stored row by row. */
export interface Rows {
  data: ArrayLike<number>;
  n: number;
  d: number;
}

export function mean({ data, n, d }: Rows): Float64Array {
  const mu = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mu[j]! += data[i * d + j]! / n;
  return mu;
}

/** Sample covariance (divides by n − 1, as FID implementations do). */
export function covariance(rows: Rows, mu = mean(rows)): Float64Array {
  const { data, n, d } = rows;
  const cov = new Float64Array(d * d);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < d; a++) {
      const da = data[i * d + a]! - mu[a]!;
      for (let b = a; b < d; b++) cov[a * d + b]! += (da * (data[i * d + b]! - mu[b]!)) / (n - 1);
    }
  }
  for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) cov[a * d + b] = cov[b * d + a]!;
  return cov;
}

/** Eigenvalues and eigenvectors (columns of `vectors`) of a symmetric matrix, by Jacobi rotations. */
export function symmetricEigen(matrix: Float64Array, d: number) {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(d * d);
  for (let i = 0; i < d; i++) v[i * d + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < d; p++) for (let q = p + 1; q < d; q++) off += a[p * d + q]! ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < d; p++) {
      for (let q = p + 1; q < d; q++) {
        const apq = a[p * d + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * d + q]! - a[p * d + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < d; k++) {
          const akp = a[k * d + p]!;
          const akq = a[k * d + q]!;
          a[k * d + p] = c * akp - s * akq;
          a[k * d + q] = s * akp + c * akq;
        }
        for (let k = 0; k < d; k++) {
          const apk = a[p * d + k]!;
          const aqk = a[q * d + k]!;
          a[p * d + k] = c * apk - s * aqk;
          a[q * d + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < d; k++) {
          const vkp = v[k * d + p]!;
          const vkq = v[k * d + q]!;
          v[k * d + p] = c * vkp - s * vkq;
          v[k * d + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  return { values: Float64Array.from({ length: d }, (_, i) => a[i * d + i]!), vectors: v };
}

/** The symmetric square root of a symmetric positive semi-definite matrix. */
export function sqrtPsd(matrix: Float64Array, d: number): Float64Array {
  const { values, vectors } = symmetricEigen(matrix, d);
  const out = new Float64Array(d * d);
  for (let k = 0; k < d; k++) {
    const root = Math.sqrt(Math.max(0, values[k]!));
    for (let i = 0; i < d; i++) {
      const vik = vectors[i * d + k]! * root;
      for (let j = 0; j < d; j++) out[i * d + j]! += vik * vectors[j * d + k]!;
    }
  }
  return out;
}

export function matmul(a: Float64Array, b: Float64Array, d: number): Float64Array {
  const out = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let k = 0; k < d; k++) {
      const aik = a[i * d + k]!;
      for (let j = 0; j < d; j++) out[i * d + j]! += aik * b[k * d + j]!;
    }
  }
  return out;
}

export const trace = (m: Float64Array, d: number) => {
  let t = 0;
  for (let i = 0; i < d; i++) t += m[i * d + i]!;
  return t;
};
