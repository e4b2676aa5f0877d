/**
 * Noise schedules of the diffusion forward process q(xₜ | x₀) = N(√ᾱₜ·x₀, (1 − ᾱₜ)·I).
 * Arrays are indexed by step t = 1…T at position t − 1.
 */
export type ScheduleName = 'linear' | 'cosine';
export const SCHEDULES: readonly ScheduleName[] = ['linear', 'cosine'];

/** βₜ rising linearly from β₁ to β_T (Ho et al. 2020 use 1e-4 … 0.02 for T = 1000). */
export function linearBetas(T: number, betaStart = 1e-4, betaEnd = 0.02): Float64Array {
  const betas = new Float64Array(T);
  for (let i = 0; i < T; i++)
    betas[i] = T === 1 ? betaStart : betaStart + ((betaEnd - betaStart) * i) / (T - 1);
  return betas;
}

/** ᾱₜ = ∏ₛ₌₁ᵗ (1 − βₛ). */
export function alphaBarFromBetas(betas: Float64Array): Float64Array {
  const alphaBar = new Float64Array(betas.length);
  let product = 1;
  betas.forEach((beta, i) => {
    product *= 1 - beta;
    alphaBar[i] = product;
  });
  return alphaBar;
}

/**
 * Cosine schedule (Nichol & Dhariwal 2021): ᾱₜ = f(t)/f(0), f(t) = cos²(((t/T + s)/(1 + s))·π/2),
 * with βₜ = 1 − ᾱₜ/ᾱₜ₋₁ clipped at 0.999 so the last steps stay finite.
 */
export function cosineBetas(T: number, s = 0.008): Float64Array {
  const f = (t: number) => Math.cos((((t / T + s) / (1 + s)) * Math.PI) / 2) ** 2;
  const betas = new Float64Array(T);
  for (let t = 1; t <= T; t++) betas[t - 1] = Math.min(0.999, 1 - f(t) / f(t - 1));
  return betas;
}

export function betasFor(name: ScheduleName, T: number): Float64Array {
  return name === 'cosine' ? cosineBetas(T) : linearBetas(T);
}

/**
 * The two coefficients of xₜ = √ᾱₜ·x₀ + √(1 − ᾱₜ)·ε at step t (t = 0 is the clean data).
 */
export function forwardCoefficients(alphaBar: Float64Array, t: number) {
  const ab = t <= 0 ? 1 : (alphaBar[Math.min(t, alphaBar.length) - 1] ?? 1);
  return { signal: Math.sqrt(ab), noise: Math.sqrt(1 - ab) };
}
