/**
 * Small dense linear algebra for the metrics: means, covariances and the eigen-decomposition
 * of symmetric matrices. Matrices are row-major Float64Arrays of size d×d; d is the probe's
 * 128 features, small enough for plain loops but large enough that the algorithm matters
 * (the comparison page computes tiny FIDs in the reader's browser).
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

/**
 * Eigenvalues (ascending) and eigenvectors (columns of `vectors`) of a symmetric matrix.
 *
 * Householder reduction to tridiagonal form, then the QL algorithm with implicit shifts:
 * the EISPACK routines tred2 and tql2 (Bowdler, Martin, Reinsch & Wilkinson, Handbook for
 * Automatic Computation II, 1971), as laid out in JAMA (public domain). About 9d³ operations
 * in all: for the probe's 128 features a tiny FID takes ~20 ms, where cyclic Jacobi took
 * ~900 ms, one main-thread task long enough to freeze the comparison page.
 */
export function symmetricEigen(matrix: Float64Array, d: number) {
  const v = Float64Array.from(matrix); // becomes the eigenvectors, v[i·d + k] = vₖ[i]
  const diag = new Float64Array(d);
  const off = new Float64Array(d);
  tridiagonalise(v, diag, off, d);
  tridiagonalQl(v, diag, off, d);
  // Sort ascending, moving the eigenvectors with their values.
  const order = Array.from({ length: d }, (_, i) => i).sort((a, b) => diag[a]! - diag[b]!);
  const values = Float64Array.from(order, (k) => diag[k]!);
  const vectors = new Float64Array(d * d);
  for (let i = 0; i < d; i++)
    for (let c = 0; c < d; c++) vectors[i * d + c] = v[i * d + order[c]!]!;
  return { values, vectors };
}

/**
 * tred2: v (symmetric, row-major) → the orthogonal Q with Qᵀ·A·Q tridiagonal, its diagonal
 * in `diag` and its sub-diagonal in off[1..d−1].
 */
function tridiagonalise(v: Float64Array, diag: Float64Array, off: Float64Array, d: number) {
  const at = (r: number, c: number) => r * d + c;
  for (let j = 0; j < d; j++) diag[j] = v[at(d - 1, j)]!;
  for (let i = d - 1; i > 0; i--) {
    // Scale the row to avoid under- and overflow.
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(diag[k]!);
    if (scale === 0) {
      off[i] = diag[i - 1]!;
      for (let j = 0; j < i; j++) {
        diag[j] = v[at(i - 1, j)]!;
        v[at(i, j)] = 0;
        v[at(j, i)] = 0;
      }
    } else {
      // The Householder vector that zeroes row i left of its sub-diagonal.
      for (let k = 0; k < i; k++) {
        diag[k]! /= scale;
        h += diag[k]! ** 2;
      }
      let f = diag[i - 1]!;
      let g = f > 0 ? -Math.sqrt(h) : Math.sqrt(h);
      off[i] = scale * g;
      h -= f * g;
      diag[i - 1] = f - g;
      off.fill(0, 0, i);
      // Apply the reflection to the rest of the matrix.
      for (let j = 0; j < i; j++) {
        f = diag[j]!;
        v[at(j, i)] = f;
        g = off[j]! + v[at(j, j)]! * f;
        for (let k = j + 1; k < i; k++) {
          g += v[at(k, j)]! * diag[k]!;
          off[k]! += v[at(k, j)]! * f;
        }
        off[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        off[j]! /= h;
        f += off[j]! * diag[j]!;
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) off[j]! -= hh * diag[j]!;
      for (let j = 0; j < i; j++) {
        f = diag[j]!;
        g = off[j]!;
        for (let k = j; k < i; k++) v[at(k, j)]! -= f * off[k]! + g * diag[k]!;
        diag[j] = v[at(i - 1, j)]!;
        v[at(i, j)] = 0;
      }
    }
    diag[i] = h;
  }
  // Accumulate the reflections into Q.
  for (let i = 0; i < d - 1; i++) {
    v[at(d - 1, i)] = v[at(i, i)]!;
    v[at(i, i)] = 1;
    const h = diag[i + 1]!;
    if (h !== 0) {
      for (let k = 0; k <= i; k++) diag[k] = v[at(k, i + 1)]! / h;
      for (let j = 0; j <= i; j++) {
        let g = 0;
        for (let k = 0; k <= i; k++) g += v[at(k, i + 1)]! * v[at(k, j)]!;
        for (let k = 0; k <= i; k++) v[at(k, j)]! -= g * diag[k]!;
      }
    }
    for (let k = 0; k <= i; k++) v[at(k, i + 1)] = 0;
  }
  for (let j = 0; j < d; j++) {
    diag[j] = v[at(d - 1, j)]!;
    v[at(d - 1, j)] = 0;
  }
  v[at(d - 1, d - 1)] = 1;
  off[0] = 0;
}

/**
 * tql2: diagonalises the tridiagonal matrix (diag, off) by QL steps with implicit Wilkinson
 * shifts, rotating the columns of v along, so v ends as the eigenvectors and diag as the
 * eigenvalues (unsorted).
 */
function tridiagonalQl(v: Float64Array, diag: Float64Array, off: Float64Array, d: number) {
  for (let i = 1; i < d; i++) off[i - 1] = off[i]!;
  off[d - 1] = 0;
  let shift = 0;
  let norm = 0;
  const eps = 2 ** -52;
  for (let l = 0; l < d; l++) {
    // Find a negligible sub-diagonal element: the block above it has split off.
    norm = Math.max(norm, Math.abs(diag[l]!) + Math.abs(off[l]!));
    let m = l;
    while (m < d && Math.abs(off[m]!) > eps * norm) m++;
    if (m > l) {
      for (let iter = 0; Math.abs(off[l]!) > eps * norm; iter++) {
        if (iter > 1000) throw new Error('symmetricEigen: the QL iteration did not converge');
        // The implicit shift, from the trailing 2×2 block.
        let g = diag[l]!;
        let p = (diag[l + 1]! - g) / (2 * off[l]!);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        diag[l] = off[l]! / (p + r);
        diag[l + 1] = off[l]! * (p + r);
        const dl1 = diag[l + 1]!;
        let h = g - diag[l]!;
        for (let i = l + 2; i < d; i++) diag[i]! -= h;
        shift += h;
        // The QL sweep, as plane rotations from the bottom of the block up.
        p = diag[m]!;
        let c = 1;
        let c2 = 1;
        let c3 = 1;
        const el1 = off[l + 1]!;
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * off[i]!;
          h = c * p;
          r = Math.hypot(p, off[i]!);
          off[i + 1] = s * r;
          s = off[i]! / r;
          c = p / r;
          p = c * diag[i]! - s * g;
          diag[i + 1] = h + s * (c * g + s * diag[i]!);
          for (let k = 0; k < d; k++) {
            const vk1 = v[k * d + i + 1]!;
            const vk = v[k * d + i]!;
            v[k * d + i + 1] = s * vk + c * vk1;
            v[k * d + i] = c * vk - s * vk1;
          }
        }
        p = (-s * s2 * c3 * el1 * off[l]!) / dl1;
        off[l] = s * p;
        diag[l] = c * p;
      }
    }
    diag[l]! += shift;
    off[l] = 0;
  }
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
