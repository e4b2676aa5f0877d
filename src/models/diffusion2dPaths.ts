/**
 * Whole trajectories of 2-D points through the diffusion process, kept frame by frame so a
 * figure can scrub back and forth without recomputing. Points are flat [x0, y0, x1, y1, …].
 * Pure numbers, no tfjs: the reverse process's model calls are passed in as `denoise`.
 */
import { mulberry32, normal } from '../data/random.ts';
import { TOY_DISTRIBUTIONS, type ToyDistribution } from '../data/toy2d.ts';
import { DIFFUSION_T, trainedSchedule } from './diffusion/trained.ts';
import { sample } from './diffusion/sampler.ts';
import { alphaBarAt, timesteps, type Schedule } from './diffusion/schedule.ts';

export interface Trajectory {
  /** The step each frame sits at (frame 0 is where the film starts). */
  times: number[];
  /** One array of points per frame. */
  frames: Float32Array[];
}

/** The steps a DDIM run of `steps` visits, then 0: T, …, 0 (steps + 1 frames). */
export function reverseTimes(T: number, steps: number): number[] {
  return [...timesteps(T, steps), 0];
}

/**
 * The forward process as a Markov chain through the given increasing steps (0 first):
 * x_b = √(ᾱ_b/ᾱ_a)·x_a + √(1 − ᾱ_b/ᾱ_a)·ε. Composing these jumps gives exactly
 * q(x_b | x₀) = N(√ᾱ_b·x₀, (1 − ᾱ_b)·I), but each point wanders on its own random path
 * instead of sliding straight towards one fixed ε.
 */
export function forwardChain(
  x0: Float32Array,
  times: readonly number[],
  s: Schedule,
  seed: number,
): Trajectory {
  const gauss = normal(mulberry32(seed));
  const frames = [Float32Array.from(x0)];
  for (let k = 1; k < times.length; k++) {
    const ratio = alphaBarAt(s.alphaBars, times[k]!) / alphaBarAt(s.alphaBars, times[k - 1]!);
    const a = Math.sqrt(ratio);
    const b = Math.sqrt(1 - ratio);
    frames.push(frames[k - 1]!.map((x) => a * x + b * gauss()));
  }
  return { times: [...times], frames };
}

/**
 * The reverse process by deterministic DDIM from N(0, I) noise drawn from `seed`, every
 * intermediate xₜ kept. `denoise` is the model: ε̂ for points x at step t.
 */
export async function reverseTrajectory(o: {
  n: number;
  steps: number;
  seed: number;
  schedule: Schedule;
  denoise: (x: Float32Array, t: number) => Promise<Float32Array>;
  /** Called after each step with how many of the `steps` are done. */
  onProgress?: (done: number) => void;
}): Promise<Trajectory> {
  const frames: Float32Array[] = [];
  await sample({
    n: o.n * 2,
    schedule: o.schedule,
    steps: o.steps,
    method: 'ddim',
    eta: 0,
    rng: mulberry32(o.seed),
    denoise: (x, t) => {
      if (frames.length === 0) frames.push(Float32Array.from(x)); // x_T
      return o.denoise(x, t);
    },
    onStep: (x) => {
      frames.push(x);
      o.onProgress?.(frames.length - 1);
    },
  });
  return { times: reverseTimes(o.schedule.T, o.steps), frames };
}

/**
 * Sorts points into `buckets` by their angle around the origin (0 … buckets − 1), so a
 * figure can colour each point by where it lies in the clean data and follow it through noise.
 */
export function angleBuckets(points: Float32Array, buckets: number): Uint8Array {
  const out = new Uint8Array(points.length / 2);
  for (let i = 0; i < out.length; i++) {
    const a = Math.atan2(points[2 * i + 1]!, points[2 * i]!); // −π … π
    out[i] = Math.min(buckets - 1, Math.floor(((a + Math.PI) / (2 * Math.PI)) * buckets));
  }
  return out;
}

/** The path of point i through frames 0 … last, flat [x, y, …]. */
export function pathOf(t: Trajectory, i: number, last: number): Float32Array {
  const n = Math.min(last, t.frames.length - 1) + 1;
  const out = new Float32Array(2 * n);
  for (let k = 0; k < n; k++) {
    out[2 * k] = t.frames[k]![2 * i]!;
    out[2 * k + 1] = t.frames[k]![2 * i + 1]!;
  }
  return out;
}

/**
 * n real points of `which` noised step by step through the steps a `steps`-step reverse run
 * visits, 0 first: the forward film the 2-D figure plays beside the model's reverse one.
 */
export function forwardFilm(
  which: ToyDistribution,
  n: number,
  steps: number,
  seed: number,
): Trajectory {
  const x0 = TOY_DISTRIBUTIONS[which].sample(n, seed);
  return forwardChain(x0, reverseTimes(DIFFUSION_T, steps).reverse(), trainedSchedule, seed + 1);
}
