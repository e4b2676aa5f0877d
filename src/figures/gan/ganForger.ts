/**
 * Pure helpers of the "forger's faces" figure: where a face's 64 random numbers come from,
 * the walk between two of them, and the detective game's rounds and score. No DOM, no tfjs.
 */
import { TEST_SEEDS } from '../../data/headshots.ts';
import { mulberry32, normal } from '../../data/random.ts';

/**
 * The generator's input size (NOISE in src/models/gan.ts, which imports TensorFlow.js: this
 * module is in the page's first bundle, so it repeats the number; a unit test ties the two).
 */
export const NOISE = 64;

/** n standard-normal numbers from a seed, the same as `gaussians` in src/models/sampling.ts. */
export function gaussians(n: number, seed: number): Float32Array {
  const g = normal(mulberry32(seed));
  return Float32Array.from({ length: n }, g);
}

/** Faces in the grid. */
export const GRID = 64;

/** The noise vectors [GRID, 64] of the grid for a seed: the same seed, the same faces. */
export function gridLatents(seed: number): Float32Array {
  return gaussians(GRID * NOISE, seed);
}

/** Noise vector `index` of a flat batch (a view, not a copy). */
export const latentAt = (z: Float32Array, index: number): Float32Array =>
  z.subarray(index * NOISE, (index + 1) * NOISE);

const norm = (v: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! ** 2;
  return Math.sqrt(s);
};

/**
 * Spherical interpolation from `a` (t = 0) to `b` (t = 1). In 64 dimensions a random normal
 * vector lies close to the sphere of radius 8; the straight line between two of them dips to
 * about 0.7 of that radius halfway, where the generator rarely drew from in training. The
 * arc keeps every point of the walk as typical as its ends. Falls back to the straight line
 * when the two are (nearly) parallel, where the arc is undefined.
 */
export function slerp(a: ArrayLike<number>, b: ArrayLike<number>, t: number): Float32Array {
  const out = new Float32Array(a.length);
  const na = norm(a);
  const nb = norm(b);
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i]! * b[i]!;
  const cos = na && nb ? Math.min(1, Math.max(-1, dot / (na * nb))) : 1;
  const omega = Math.acos(cos);
  const sin = Math.sin(omega);
  const [wa, wb] =
    sin < 1e-6 ? [1 - t, t] : [Math.sin((1 - t) * omega) / sin, Math.sin(t * omega) / sin];
  for (let i = 0; i < a.length; i++) out[i] = wa * a[i]! + wb * b[i]!;
  return out;
}

/** `steps` evenly spaced points of the walk from `a` to `b` (both ends included), flat. */
export function walk(a: ArrayLike<number>, b: ArrayLike<number>, steps: number): Float32Array {
  const out = new Float32Array(steps * a.length);
  for (let i = 0; i < steps; i++) out.set(slerp(a, b, i / (steps - 1)), i * a.length);
  return out;
}

/**
 * Real faces of the game come from the second half of the held-out seeds, away from the
 * first faces other figures show, so the reader has not seen them before.
 */
const GAME_REAL_FIRST = TEST_SEEDS.first + TEST_SEEDS.count / 2;

export interface Round {
  /** Seed of the real held-out face. */
  realSeed: number;
  /** The forger's noise vector, [64]. */
  fakeLatent: Float32Array;
  /** Which of the two places (0 left, 1 right) shows the fake. */
  fakeSide: 0 | 1;
}

/** Round `round` of the game for `seed`: a real face, a fake one, and their order. */
export function detectiveRound(seed: number, round: number): Round {
  const rng = mulberry32(Math.imul(seed + 1, 0x9e3779b1) ^ Math.imul(round + 1, 0x85ebca6b));
  const realSeed = GAME_REAL_FIRST + Math.floor(rng() * (TEST_SEEDS.count / 2));
  const fakeSide = rng() < 0.5 ? 0 : 1;
  const fakeLatent = gaussians(NOISE, Math.floor(rng() * 2 ** 31));
  return { realSeed, fakeLatent, fakeSide };
}

export interface Verdict {
  /** The reader chose the fake. */
  reader: boolean;
  /** The discriminator rated the fake as less real than the real face. */
  detective: boolean;
}

/**
 * Who was right in one round: the reader if they picked the fake's side; the discriminator
 * if it scored the fake lower than the real face (scores in the order shown, left then right).
 */
export function judge(picked: 0 | 1, fakeSide: 0 | 1, scores: readonly [number, number]): Verdict {
  const fake = scores[fakeSide];
  const real = scores[1 - fakeSide]!;
  return { reader: picked === fakeSide, detective: fake < real };
}

/** The running score over finished rounds. */
export function tally(verdicts: readonly Verdict[]): {
  rounds: number;
  reader: number;
  detective: number;
} {
  return {
    rounds: verdicts.length,
    reader: verdicts.filter((v) => v.reader).length,
    detective: verdicts.filter((v) => v.detective).length,
  };
}
