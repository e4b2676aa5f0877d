/**
 * Noise schedules of the diffusion forward process q(xₜ | x₀) = N(√ᾱₜ·x₀, (1 − ᾱₜ)·I).
 *
 * Every array has length T; position t − 1 holds step t = 1…T, so index 0 is the first
 * noising step. Step t = 0 (clean data, ᾱ₀ = 1) is implicit.
 */
export type ScheduleKind = 'linear' | 'cosine' | 'sigmoid';
export const SCHEDULE_KINDS: readonly ScheduleKind[] = ['linear', 'cosine', 'sigmoid'];

export interface Schedule {
  readonly kind: ScheduleKind;
  readonly T: number;
  /** βₜ, the variance added at step t. */
  readonly betas: Float64Array;
  /** αₜ = 1 − βₜ. */
  readonly alphas: Float64Array;
  /** ᾱₜ = ∏ₛ₌₁ᵗ αₛ. */
  readonly alphaBars: Float64Array;
}

export const MAX_T = 100_000;

/** Largest β we allow: β = 1 would erase the signal completely and make 1/√αₜ blow up. */
const MAX_BETA = 0.999;

function checkT(T: number): void {
  if (!Number.isInteger(T) || T < 1 || T > MAX_T)
    throw new Error(`Diffusion schedule: T must be an integer in [1, ${MAX_T}], got ${T}`);
}

/** βₜ rising linearly from β₁ to β_T (Ho et al. 2020 use 1e-4 … 0.02 for T = 1000). */
export function linearBetas(T: number, betaStart = 1e-4, betaEnd = 0.02): Float64Array {
  checkT(T);
  const betas = new Float64Array(T);
  for (let i = 0; i < T; i++)
    betas[i] = T === 1 ? betaStart : betaStart + ((betaEnd - betaStart) * i) / (T - 1);
  return betas;
}

/** βₜ = 1 − ᾱ(t)/ᾱ(t − 1) for a continuous ᾱ, clipped to [0, 0.999] so the last steps stay finite. */
function betasFromAlphaBar(T: number, alphaBar: (t: number) => number): Float64Array {
  checkT(T);
  const betas = new Float64Array(T);
  for (let t = 1; t <= T; t++)
    betas[t - 1] = Math.min(MAX_BETA, Math.max(0, 1 - alphaBar(t) / alphaBar(t - 1)));
  return betas;
}

/**
 * Cosine schedule (Nichol & Dhariwal 2021, "Improved Denoising Diffusion Probabilistic Models"):
 * ᾱₜ = f(t)/f(0), f(t) = cos²(((t/T + s)/(1 + s))·π/2). The offset s = 0.008 keeps β₁ from
 * being vanishingly small; βₜ is clipped at 0.999 as in the paper.
 */
export function cosineBetas(T: number, s = 0.008): Float64Array {
  const f = (t: number) => Math.cos((((t / T + s) / (1 + s)) * Math.PI) / 2) ** 2;
  return betasFromAlphaBar(T, (t) => f(t) / f(0));
}

/**
 * Sigmoid schedule (Jabri, Fleet & Chen 2022, "Scalable Adaptive Computation for Iterative
 * Generation"; Chen 2023, "On the Importance of Noise Scheduling for Diffusion Models", Alg. 1):
 * with v(t) = sigmoid(((t/T)·(end − start) + start)/τ),
 * ᾱₜ = (v_end − v(t)) / (v_end − v_start), v_start = sigmoid(start/τ), v_end = sigmoid(end/τ),
 * so ᾱ falls from 1 at t = 0 to 0 at t = T along a rescaled logistic curve. Defaults
 * start = −3, end = 3, τ = 1. βₜ is clipped to [0, 0.999] as for the cosine schedule.
 */
export function sigmoidBetas(T: number, start = -3, end = 3, tau = 1): Float64Array {
  const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
  const vStart = sigmoid(start / tau);
  const vEnd = sigmoid(end / tau);
  const alphaBar = (t: number) =>
    (vEnd - sigmoid(((t / T) * (end - start) + start) / tau)) / (vEnd - vStart);
  return betasFromAlphaBar(T, alphaBar);
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

const BETAS: Record<ScheduleKind, (T: number) => Float64Array> = {
  linear: (T) => linearBetas(T),
  cosine: (T) => cosineBetas(T),
  sigmoid: (T) => sigmoidBetas(T),
};

/**
 * Builds a schedule. ᾱ is always the running product of the (clipped) αₜ, never the closed
 * form, so αₜ·ᾱₜ₋₁ = ᾱₜ holds exactly: the samplers rely on that identity.
 */
export function makeSchedule({ kind, T }: { kind: ScheduleKind; T: number }): Schedule {
  if (!SCHEDULE_KINDS.includes(kind))
    throw new Error(`Diffusion schedule: unknown kind "${String(kind)}"`);
  const betas = BETAS[kind](T);
  return {
    kind,
    T,
    betas,
    alphas: betas.map((beta) => 1 - beta),
    alphaBars: alphaBarFromBetas(betas),
  };
}

/** ᾱₜ with t clamped to [0, T]; ᾱ₀ = 1 (clean data). */
export function alphaBarAt(alphaBars: Float64Array, t: number): number {
  return t <= 0 ? 1 : (alphaBars[Math.min(t, alphaBars.length) - 1] ?? 1);
}

/** The two coefficients of xₜ = √ᾱₜ·x₀ + √(1 − ᾱₜ)·ε; t = 0 is clean data, t is clamped to [0, T]. */
export function forwardCoefficients(s: Schedule, t: number): { signal: number; noise: number } {
  const ab = alphaBarAt(s.alphaBars, t);
  return { signal: Math.sqrt(ab), noise: Math.sqrt(1 - ab) };
}

/** Signal-to-noise ratio ᾱₜ/(1 − ᾱₜ) of every step. */
export function snr(s: Schedule): Float64Array {
  return s.alphaBars.map((ab) => ab / (1 - ab));
}

/**
 * The descending timesteps a strided sampler (DDIM) visits: tᵢ = T − ⌊i·T/n⌋ for
 * i = 0…n − 1, n = min(steps, T). It starts at pure noise (t = T), strides evenly, and never
 * repeats a step because the stride T/n ≥ 1; the last entry is about T/n, and the sampler's
 * final jump goes from there to t = 0. For T = 1000, steps = 50: [1000, 980, …, 20].
 */
export function timesteps(T: number, steps: number): number[] {
  checkT(T);
  if (!Number.isInteger(steps) || steps < 1)
    throw new Error(`Diffusion timesteps: steps must be a positive integer, got ${steps}`);
  const n = Math.min(steps, T);
  return Array.from({ length: n }, (_, i) => T - Math.floor((i * T) / n));
}
