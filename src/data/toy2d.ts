/**
 * Seeded 2-D toy distributions for the small live demos. Points are returned as a flat
 * Float32Array [x0, y0, x1, y1, …], scaled to roughly unit variance per axis so a
 * standard normal is the natural end point of the diffusion forward process.
 */
import { mulberry32, normal } from './random.ts';

/** Which part of the smiley a point belongs to, so figures can colour and track it. */
export const SMILEY_FACE = 0;
export const SMILEY_EYES = 1;
export const SMILEY_MOUTH = 2;

/**
 * A smiley face: a ring for the face (45 % of points, radius 1.6), two eyes (10 % each,
 * radius 0.18 discs at (±0.55, 0.5)) and a smile (35 %, the lower arc of radius 0.95
 * from 200° to 340°), each blurred by Gaussian noise with σ = 0.05.
 */
export function smiley(n: number, seed = 1): { points: Float32Array; parts: Uint8Array } {
  const uniform = mulberry32(seed);
  const gauss = normal(uniform);
  const out = new Float32Array(n * 2);
  const parts = new Uint8Array(n);
  const jitter = 0.05;
  for (let i = 0; i < n; i++) {
    const part = uniform();
    let x: number;
    let y: number;
    parts[i] = part < 0.45 ? SMILEY_FACE : part < 0.65 ? SMILEY_EYES : SMILEY_MOUTH;
    if (part < 0.45) {
      const a = uniform() * 2 * Math.PI;
      [x, y] = [1.6 * Math.cos(a), 1.6 * Math.sin(a)];
    } else if (part < 0.65) {
      const r = 0.18 * Math.sqrt(uniform());
      const a = uniform() * 2 * Math.PI;
      [x, y] = [(part < 0.55 ? -0.55 : 0.55) + r * Math.cos(a), 0.5 + r * Math.sin(a)];
    } else {
      const a = ((200 + uniform() * 140) * Math.PI) / 180;
      [x, y] = [0.95 * Math.cos(a), 0.05 + 0.95 * Math.sin(a)];
    }
    out[2 * i] = x + jitter * gauss();
    out[2 * i + 1] = y + jitter * gauss();
  }
  return { points: out, parts };
}

/** `n` standard-normal 2-D points: the noise ε of the forward process. */
export function gaussian2d(n: number, seed = 2): Float32Array {
  const gauss = normal(mulberry32(seed));
  return Float32Array.from({ length: n * 2 }, gauss);
}

/** Adds isotropic Gaussian noise of standard deviation `sigma` to every coordinate. */
function jitter(points: Float32Array, sigma: number, gauss: () => number): Float32Array {
  for (let i = 0; i < points.length; i++) points[i] = (points[i] ?? 0) + sigma * gauss();
  return points;
}

/** Eight Gaussians (σ = 0.08) evenly spaced on a circle of radius 2: the classic mode-collapse test. */
export function ring8(n: number, seed = 1): Float32Array {
  const uniform = mulberry32(seed);
  const out = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    const a = (Math.floor(uniform() * 8) * Math.PI) / 4;
    out[2 * i] = 2 * Math.cos(a);
    out[2 * i + 1] = 2 * Math.sin(a);
  }
  return jitter(out, 0.08, normal(uniform));
}

/** A 5×5 grid of Gaussians (σ = 0.06) at −2, −1, 0, 1, 2 on both axes. */
export function grid25(n: number, seed = 1): Float32Array {
  const uniform = mulberry32(seed);
  const out = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    out[2 * i] = Math.floor(uniform() * 5) - 2;
    out[2 * i + 1] = Math.floor(uniform() * 5) - 2;
  }
  return jitter(out, 0.06, normal(uniform));
}

/**
 * A swiss roll: angle θ uniform in [1.5π, 4.5π], point θ·(cos θ, sin θ) scaled by 1/4.5 so it
 * spans about ±2.7, with noise σ = 0.05.
 */
export function swissRoll(n: number, seed = 1): Float32Array {
  const uniform = mulberry32(seed);
  const out = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    const theta = 1.5 * Math.PI * (1 + 2 * uniform());
    out[2 * i] = (theta * Math.cos(theta)) / 4.5;
    out[2 * i + 1] = (theta * Math.sin(theta)) / 4.5;
  }
  return jitter(out, 0.05, normal(uniform));
}

/**
 * Two interleaved half circles of radius 1 (the upper one centred at 0, the lower at (1, 0.5)),
 * centred on the origin and scaled by 1.6, with noise σ = 0.06.
 */
export function twoMoons(n: number, seed = 1): Float32Array {
  const uniform = mulberry32(seed);
  const out = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    const a = Math.PI * uniform();
    const upper = uniform() < 0.5;
    const x = upper ? Math.cos(a) : 1 - Math.cos(a);
    const y = upper ? Math.sin(a) : 0.5 - Math.sin(a);
    out[2 * i] = 1.6 * (x - 0.5);
    out[2 * i + 1] = 1.6 * (y - 0.25);
  }
  return jitter(out, 0.06, normal(uniform));
}

/** The toy distributions by id, for figures that let the reader pick one. */
export const TOY_DISTRIBUTIONS = {
  ring: { label: 'Ring of 8', sample: ring8 },
  grid: { label: '5 × 5 grid', sample: grid25 },
  swiss: { label: 'Swiss roll', sample: swissRoll },
  moons: { label: 'Two moons', sample: twoMoons },
  smiley: { label: 'Smiley', sample: (n: number, seed = 1) => smiley(n, seed).points },
} as const;
export type ToyDistribution = keyof typeof TOY_DISTRIBUTIONS;
