/**
 * The schedule API of the ForwardDiffusion figure, kept as a thin adapter over
 * `./diffusion/schedule.ts` (which also has the sigmoid schedule and the full `Schedule` record).
 * Arrays are indexed by step t = 1…T at position t − 1.
 */
import { alphaBarAt, makeSchedule } from './diffusion/schedule.ts';

export { alphaBarFromBetas, cosineBetas, linearBetas } from './diffusion/schedule.ts';

export type ScheduleName = 'linear' | 'cosine';
export const SCHEDULES: readonly ScheduleName[] = ['linear', 'cosine'];

export function betasFor(name: ScheduleName, T: number): Float64Array {
  return makeSchedule({ kind: name, T }).betas;
}

/**
 * The two coefficients of xₜ = √ᾱₜ·x₀ + √(1 − ᾱₜ)·ε at step t (t = 0 is the clean data).
 */
export function forwardCoefficients(alphaBar: Float64Array, t: number) {
  const ab = alphaBarAt(alphaBar, t);
  return { signal: Math.sqrt(ab), noise: Math.sqrt(1 - ab) };
}
