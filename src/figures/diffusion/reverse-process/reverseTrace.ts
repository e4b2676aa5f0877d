/**
 * What the reverse-process figure draws from a run's frames: images in the display range,
 * and the trajectories of a few pixels over the steps. Pure; no tfjs, no DOM.
 */
import { SIZE } from '../../../data/headshots.ts';

/** A pixel whose value the trajectory chart follows (row and column in the 32×32 image). */
export interface TracedPixel {
  label: string;
  row: number;
  col: number;
}

/** Backdrop, face and the middle of the mouth region: three places that settle differently. */
export const TRACED_PIXELS: readonly TracedPixel[] = [
  { label: 'corner', row: 3, col: 3 },
  { label: 'centre', row: 16, col: 16 },
  { label: 'chin', row: 25, col: 16 },
];

/** A pixel's brightness in model units: the mean of its three channels. */
export function pixelValue(x: ArrayLike<number>, { row, col }: TracedPixel): number {
  const i = 3 * (row * SIZE + col);
  return (x[i]! + x[i + 1]! + x[i + 2]!) / 3;
}

/** An image in the model's [−1, 1] units (noisy values beyond it) as [0, 1] for the screen. */
export const imageToDisplay = (x: Float32Array): Float32Array =>
  x.map((v) => Math.min(1, Math.max(0, (v + 1) / 2)));

/** Noise ε ~ N(0, 1) as [0, 1], grey at 0 and saturating at ±2 (95% of the values). */
export const noiseToDisplay = (eps: Float32Array): Float32Array =>
  eps.map((v) => Math.min(1, Math.max(0, 0.5 + v / 4)));

export interface Trace {
  pixel: TracedPixel;
  /** The pixel in xₜ at each frame so far. */
  x: number[];
  /** The pixel in x̂₀ at each frame that has one (NaN where the model was not asked yet). */
  x0: number[];
}

/** The traced pixels over the first `count` frames. */
export function pixelTraces(
  frames: readonly { x: Float32Array; x0: Float32Array | null }[],
  count = frames.length,
  pixels: readonly TracedPixel[] = TRACED_PIXELS,
): Trace[] {
  const shown = frames.slice(0, count);
  return pixels.map((pixel) => ({
    pixel,
    x: shown.map((f) => pixelValue(f.x, pixel)),
    x0: shown.map((f) => (f.x0 ? pixelValue(f.x0, pixel) : Number.NaN)),
  }));
}
