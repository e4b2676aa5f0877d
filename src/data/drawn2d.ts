/**
 * A reader's own 2-D data: points drawn on the plane of a live figure, kept in the figure's
 * link. Points live on a 256 × 256 lattice over [−EXTENT, EXTENT]² (a step of 0.027, finer
 * than a brush dot), so each point packs into two bytes and a drawing of MAX_DRAWN points
 * into at most 800 characters of base64url: short enough for any link, and the points a
 * link restores are exactly the points the reader saw.
 */
import { fromBase64, toBase64 } from './base64.ts';
import { mulberry32, normal } from './random.ts';

/** The drawable square, the same as the 2-D figures' planes. */
export const DRAWN_EXTENT = 3.5;
/** The most points a drawing keeps; the brush stops adding beyond it. */
export const MAX_DRAWN = 300;
/** Characters of the longest encoded drawing (4 per 3 bytes, no padding). */
export const MAX_DRAWN_CHARS = Math.ceil((MAX_DRAWN * 2 * 4) / 3);
/** Spread of the training points around each drawn point, as the presets' clusters. */
const JITTER = 0.06;

const LEVELS = 255;
const toLevel = (v: number) =>
  Math.round(
    ((Math.min(DRAWN_EXTENT, Math.max(-DRAWN_EXTENT, v)) + DRAWN_EXTENT) / (2 * DRAWN_EXTENT)) *
      LEVELS,
  );
const fromLevel = (level: number) => (level / LEVELS) * 2 * DRAWN_EXTENT - DRAWN_EXTENT;

/** A point snapped to the lattice (and clamped into the square), as a link would restore it. */
export function snap(x: number, y: number): [number, number] {
  return [fromLevel(toLevel(x)), fromLevel(toLevel(y))];
}

/** The points (flat [x0, y0, …]) as base64url text (RFC 4648 §5, unpadded), two bytes a point. */
export function encodeDrawn(points: Float32Array): string {
  const n = Math.min(MAX_DRAWN, Math.floor(points.length / 2));
  return toBase64(
    Uint8Array.from({ length: 2 * n }, (_, i) => toLevel(points[i]!)),
    true,
  );
}

/**
 * The points of an encoded drawing, or null for text that is not one (a character outside
 * base64url, a length no whole number of points makes, more than MAX_DRAWN points): a link
 * someone mangled is ignored, never half-read.
 */
export function decodeDrawn(text: string): Float32Array | null {
  if (text.length > MAX_DRAWN_CHARS) return null;
  const bytes = fromBase64(text, true);
  if (!bytes || bytes.length % 2 !== 0) return null;
  return Float32Array.from(bytes, fromLevel);
}

/** The drawing with one more point (snapped), unless it is full. */
export function addPoint(points: Float32Array, x: number, y: number): Float32Array {
  if (points.length / 2 >= MAX_DRAWN) return points;
  const out = new Float32Array(points.length + 2);
  out.set(points);
  [out[points.length], out[points.length + 1]] = snap(x, y);
  return out;
}

/** The drawing without the points within `radius` of (x, y). */
export function erasePoints(
  points: Float32Array,
  x: number,
  y: number,
  radius: number,
): Float32Array {
  const kept: number[] = [];
  for (let i = 0; i + 1 < points.length; i += 2) {
    if (Math.hypot(points[i]! - x, points[i + 1]! - y) > radius)
      kept.push(points[i]!, points[i + 1]!);
  }
  return kept.length === points.length ? points : Float32Array.from(kept);
}

/**
 * `n` training points from a drawing: drawn points picked at random, each blurred by
 * Gaussian noise of σ = 0.06, so a stroke becomes a band of data rather than a few spikes.
 * An empty drawing gives no points.
 */
export function sampleDrawn(points: Float32Array, n: number, seed: number): Float32Array {
  const count = Math.floor(points.length / 2);
  if (count === 0) return new Float32Array(0);
  const uniform = mulberry32(seed);
  const gauss = normal(uniform);
  const out = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    const k = Math.floor(uniform() * count);
    out[2 * i] = points[2 * k]! + JITTER * gauss();
    out[2 * i + 1] = points[2 * k + 1]! + JITTER * gauss();
  }
  return out;
}
