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
