/**
 * Reverse-process samplers for an ε-predicting denoiser, on flat Float32Arrays of any length
 * (an image, or n 2-D points). Steps are 1-based as in `timesteps`; t = 0 is clean data.
 * Arithmetic runs in float64 per element and is stored back as float32.
 */
import { normal } from '../../data/random.ts';
import { alphaBarAt, timesteps, type Schedule } from './schedule.ts';

/** Bounds [lo, hi] for the predicted clean sample, e.g. [-1, 1] for images scaled to that range. */
export type Clip = readonly [number, number];

function checkStep(s: Schedule, t: number, tPrev = t - 1): void {
  if (!Number.isInteger(t) || t < 1 || t > s.T)
    throw new RangeError(`Sampler: step t must be an integer in [1, ${s.T}], got ${t}`);
  if (!Number.isInteger(tPrev) || tPrev < 0 || tPrev >= t)
    throw new RangeError(`Sampler: tPrev must be an integer in [0, ${t - 1}], got ${tPrev}`);
}

/** x̂₀ = (xₜ − √(1 − ᾱₜ)·ε) / √ᾱₜ: the forward formula xₜ = √ᾱₜ·x₀ + √(1 − ᾱₜ)·ε solved for x₀. */
export function predictX0(xt: Float32Array, eps: Float32Array, alphaBar: number): Float32Array {
  const a = Math.sqrt(alphaBar);
  const b = Math.sqrt(1 - alphaBar);
  return xt.map((x, i) => (x - b * eps[i]!) / a);
}

function clipped(x0: Float32Array, [lo, hi]: Clip): Float32Array {
  return x0.map((v) => Math.min(hi, Math.max(lo, v)));
}

/** DDPM posterior standard deviation σₜ = √β̃ₜ, β̃ₜ = (1 − ᾱₜ₋₁)/(1 − ᾱₜ)·βₜ (Ho et al. 2020, eq. 7). */
export function ddpmSigma(s: Schedule, t: number): number {
  checkStep(s, t);
  const ab = alphaBarAt(s.alphaBars, t);
  const abPrev = alphaBarAt(s.alphaBars, t - 1);
  return Math.sqrt(((1 - abPrev) / (1 - ab)) * s.betas[t - 1]!);
}

/** DDIM σ = η·√((1 − ᾱ_prev)/(1 − ᾱₜ))·√(1 − ᾱₜ/ᾱ_prev) (Song et al. 2020, eq. 16). */
export function ddimSigma(s: Schedule, t: number, tPrev: number, eta: number): number {
  checkStep(s, t, tPrev);
  const ab = alphaBarAt(s.alphaBars, t);
  const abPrev = alphaBarAt(s.alphaBars, tPrev);
  return eta * Math.sqrt((1 - abPrev) / (1 - ab)) * Math.sqrt(Math.max(0, 1 - ab / abPrev));
}

/**
 * One ancestral DDPM step (Ho et al. 2020, eq. 11 / Alg. 2):
 * xₜ₋₁ = 1/√αₜ · (xₜ − βₜ/√(1 − ᾱₜ)·ε) + σₜ·z, σₜ² = β̃ₜ, with no noise at t = 1.
 * `noise` is z ~ N(0, I) of the same length (null: return the mean of the step).
 * With `clip`, uses the equivalent x̂₀ form instead: clip x̂₀, then take the posterior mean
 * μ̃ = √ᾱₜ₋₁·βₜ/(1 − ᾱₜ)·x̂₀ + √αₜ·(1 − ᾱₜ₋₁)/(1 − ᾱₜ)·xₜ (eq. 7); unclipped, both forms agree.
 */
export function ddpmStep(
  xt: Float32Array,
  eps: Float32Array,
  t: number,
  s: Schedule,
  noise: Float32Array | null,
  clip?: Clip,
): Float32Array {
  checkStep(s, t);
  const beta = s.betas[t - 1]!;
  const alpha = s.alphas[t - 1]!;
  const ab = alphaBarAt(s.alphaBars, t);
  const abPrev = alphaBarAt(s.alphaBars, t - 1);
  const sigma = ddpmSigma(s, t); // 0 at t = 1, where ᾱ₀ = 1
  const z = (i: number) => (noise ? sigma * noise[i]! : 0);
  if (!clip) {
    const c = beta / Math.sqrt(1 - ab);
    return xt.map((x, i) => (x - c * eps[i]!) / Math.sqrt(alpha) + z(i));
  }
  const x0 = clipped(predictX0(xt, eps, ab), clip);
  const c0 = (Math.sqrt(abPrev) * beta) / (1 - ab);
  const ct = (Math.sqrt(alpha) * (1 - abPrev)) / (1 - ab);
  return xt.map((x, i) => c0 * x0[i]! + ct * x + z(i));
}

/**
 * One DDIM step from t to tPrev < t (Song et al. 2020, eq. 12):
 * x_prev = √ᾱ_prev·x̂₀ + √(1 − ᾱ_prev − σ²)·ε + σ·z, σ from `ddimSigma`; tPrev = 0 means ᾱ_prev = 1.
 * η = 0 is deterministic; η = 1 with tPrev = t − 1 is exactly the DDPM step. `noise` is z
 * (null: leave out σ·z, keeping the σ² in the direction term).
 * With `clip`, x̂₀ is clipped and ε re-derived from it, (xₜ − √ᾱₜ·x̂₀)/√(1 − ᾱₜ), as GLIDE
 * does, so the two terms stay consistent (and η = 1 still matches the clipped DDPM step).
 */
export function ddimStep(
  xt: Float32Array,
  eps: Float32Array,
  t: number,
  tPrev: number,
  s: Schedule,
  eta: number,
  noise: Float32Array | null,
  clip?: Clip,
): Float32Array {
  const sigma = ddimSigma(s, t, tPrev, eta);
  const ab = alphaBarAt(s.alphaBars, t);
  const abPrev = alphaBarAt(s.alphaBars, tPrev);
  let x0 = predictX0(xt, eps, ab);
  let e = eps;
  if (clip) {
    x0 = clipped(x0, clip);
    e = xt.map((x, i) => (x - Math.sqrt(ab) * x0[i]!) / Math.sqrt(1 - ab));
  }
  // Rounding can push 1 − ᾱ_prev − σ² a hair below zero when σ is at its largest.
  const dir = Math.sqrt(Math.max(0, 1 - abPrev - sigma * sigma));
  const a = Math.sqrt(abPrev);
  return x0.map((v, i) => a * v + dir * e[i]! + (noise ? sigma * noise[i]! : 0));
}

/**
 * Classifier-free guidance (Ho & Salimans 2022): ε̃ = ε_u + w·(ε_c − ε_u).
 * w = 0 is unconditional, w = 1 conditional, w > 1 extrapolates past the condition.
 */
export function guide(epsUncond: Float32Array, epsCond: Float32Array, w: number): Float32Array {
  return epsUncond.map((u, i) => u + w * (epsCond[i]! - u));
}

export interface SampleOptions {
  /** Number of values per sample (pixels × channels, or 2 × points). */
  n: number;
  schedule: Schedule;
  /** DDIM: how many strided steps (see `timesteps`). DDPM ignores it and runs all T steps. */
  steps?: number;
  method: 'ddpm' | 'ddim';
  /** DDIM stochasticity, 0 (deterministic, default) … 1 (DDPM-like). */
  eta?: number;
  /** Uniform [0, 1) generator, e.g. `mulberry32(seed)`; Gaussians come from it via Box–Muller. */
  rng: () => number;
  /** The model: predicts ε from (xₜ, t). */
  denoise: (x: Float32Array, t: number) => Float32Array | Promise<Float32Array>;
  /** After each step: the new sample, the step it now sits at (0 at the end), and this step's x̂₀. */
  onStep?: (x: Float32Array, t: number, x0hat: Float32Array) => void | Promise<void>;
  clip?: Clip;
  /** x_T to start from (default: fresh N(0, I) noise). */
  start?: Float32Array;
}

/**
 * Runs the reverse process from x_T to x₀. DDPM always visits every step T…1, because its
 * posterior variance is defined between neighbouring steps; for fewer steps use DDIM (η = 1
 * is the strided analogue of DDPM). DDIM visits `timesteps(T, steps)` and then jumps to 0.
 */
export async function sample(opts: SampleOptions): Promise<Float32Array> {
  const { n, schedule: s, method, eta = 0, denoise, onStep, clip } = opts;
  const gauss = normal(opts.rng);
  const draw = () => Float32Array.from({ length: n }, gauss);
  if (opts.start && opts.start.length !== n)
    throw new Error(`Sampler: start has length ${opts.start.length}, expected ${n}`);
  let x: Float32Array = opts.start ? Float32Array.from(opts.start) : draw();
  const ts =
    method === 'ddpm'
      ? Array.from({ length: s.T }, (_, i) => s.T - i)
      : timesteps(s.T, opts.steps ?? s.T);
  for (let k = 0; k < ts.length; k++) {
    const t = ts[k]!;
    const tPrev = ts[k + 1] ?? 0;
    const eps = await denoise(x, t);
    if (eps.length !== n)
      throw new Error(`Sampler: denoiser returned ${eps.length} values, not ${n}`);
    const stochastic = method === 'ddpm' ? tPrev > 0 : eta > 0 && tPrev > 0;
    const z = stochastic ? draw() : null;
    const next =
      method === 'ddpm'
        ? ddpmStep(x, eps, t, s, z, clip)
        : ddimStep(x, eps, t, tPrev, s, eta, z, clip);
    if (onStep) {
      const x0 = predictX0(x, eps, alphaBarAt(s.alphaBars, t));
      await onStep(next, tPrev, clip ? clipped(x0, clip) : x0);
    }
    x = next;
  }
  return x;
}
