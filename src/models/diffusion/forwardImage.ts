/**
 * The forward process on one picture, in plain arrays (no tensors: a 32×32 face is 3,072
 * numbers, cheaper to noise in a loop than to hand to TensorFlow.js). Plain `for` loops, not
 * `Float32Array.from(x, fn)`, which goes through the iterator protocol and is many times slower. Pixels are in the
 * model's convention, [−1, 1], the range the `ddpm` model is trained and sampled in.
 */
import { mulberry32, normal } from '../../data/random.ts';
import {
  alphaBarFromBetas,
  linearBetas,
  makeSchedule,
  type Schedule,
  type ScheduleKind,
} from './schedule.ts';

/** Maps data pixels in [0, 1] to the model's [−1, 1]. */
export function toModelRange(pixels: ArrayLike<number>): Float32Array {
  const out = new Float32Array(pixels.length);
  for (let i = 0; i < out.length; i++) out[i] = 2 * pixels[i]! - 1;
  return out;
}

/**
 * Maps model-range values to displayable [0, 1]: −1 is black, 0 mid grey, 1 white. Noisy
 * values beyond ±1 are clipped, as any picture of xₜ has to be.
 */
export function toDisplay(values: ArrayLike<number>): Float32Array {
  const out = new Float32Array(values.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.min(1, Math.max(0, (values[i]! + 1) / 2));
  return out;
}

/** `length` independent N(0, 1) draws from `seed`: the ε of xₜ = √ᾱₜ·x₀ + √(1 − ᾱₜ)·ε. */
export function standardNoise(length: number, seed: number): Float32Array {
  const draw = normal(mulberry32(seed));
  return Float32Array.from({ length }, draw);
}

/** a·x + b·y elementwise: the forward step with a = √ᾱₜ, b = √(1 − ᾱₜ). */
export function mix(
  x: ArrayLike<number>,
  a: number,
  y: ArrayLike<number>,
  b: number,
): Float32Array {
  if (x.length !== y.length) throw new Error(`mix: ${x.length} vs ${y.length} values`);
  const out = new Float32Array(x.length);
  for (let i = 0; i < out.length; i++) out[i] = a * x[i]! + b * y[i]!;
  return out;
}

/** a·x elementwise: one term of the forward step on its own. */
export function scaled(x: ArrayLike<number>, a: number): Float32Array {
  const out = new Float32Array(x.length);
  for (let i = 0; i < out.length; i++) out[i] = a * x[i]!;
  return out;
}

/** xₜ = √ᾱₜ·x₀ + √(1 − ᾱₜ)·ε for a given ᾱₜ. */
export function noiseImage(x0: ArrayLike<number>, eps: ArrayLike<number>, alphaBar: number) {
  return mix(x0, Math.sqrt(alphaBar), eps, Math.sqrt(1 - alphaBar));
}

/** Mean and (population) standard deviation of a list of numbers. */
export function moments(values: ArrayLike<number>): { mean: number; sd: number } {
  const n = values.length;
  if (n === 0) return { mean: Number.NaN, sd: Number.NaN };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  const mean = sum / n;
  let sq = 0;
  for (let i = 0; i < n; i++) sq += (values[i]! - mean) ** 2;
  return { mean, sd: Math.sqrt(sq / n) };
}

/**
 * A schedule for any number of steps T. Cosine and sigmoid are defined on t/T, so they
 * stretch to any T by themselves; the linear ramp's end points (1e-4 … 0.02) were chosen
 * for T = 1000, so for other T they are scaled by 1000/T, as Nichol & Dhariwal's code does,
 * to reach static in T steps too. At T = 1000 this is exactly `makeSchedule`.
 */
export function scheduleForSteps(kind: ScheduleKind, T: number): Schedule {
  if (kind !== 'linear' || T === 1000) return makeSchedule({ kind, T });
  const scale = 1000 / T;
  const betas = linearBetas(T, 1e-4 * scale, Math.min(0.999, 0.02 * scale));
  return {
    kind,
    T,
    betas,
    alphas: betas.map((beta) => 1 - beta),
    alphaBars: alphaBarFromBetas(betas),
  };
}
