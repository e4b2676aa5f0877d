/**
 * The forward process on a cloud of 2-D points, xₜ = √ᾱₜ·x₀ + √(1 − ᾱₜ)·ε, as the
 * forward-diffusion figure computes it. 700 points are 1,400 multiply-adds: plain arithmetic,
 * so the figure needs no TensorFlow.js (which used to load, with its backend, just for this).
 */

/** xₜ for N points (x₀ and ε flat, [x, y] per point), flat like them. */
export function noisePoints(
  x0: Float32Array,
  eps: Float32Array,
  signal: number,
  noise: number,
): Float32Array {
  if (x0.length !== eps.length || x0.length % 2 !== 0)
    throw new Error(`noisePoints: ${x0.length} and ${eps.length} values, not N × 2 each`);
  const out = new Float32Array(x0.length);
  for (let i = 0; i < out.length; i++) out[i] = signal * x0[i]! + noise * eps[i]!;
  return out;
}

export interface AxisMoments {
  mean: number;
  /** The population standard deviation. */
  sd: number;
}

/** Mean and standard deviation of each coordinate of a flat [x, y, x, y, …] point list. */
export function pointMoments(points: ArrayLike<number>): [AxisMoments, AxisMoments] {
  const n = points.length / 2;
  const axis = (a: 0 | 1): AxisMoments => {
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) sum += points[2 * i + a] ?? 0;
    const mean = sum / n;
    for (let i = 0; i < n; i++) sq += ((points[2 * i + a] ?? 0) - mean) ** 2;
    return { mean, sd: Math.sqrt(sq / n) };
  };
  return [axis(0), axis(1)];
}
