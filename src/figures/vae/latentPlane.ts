/**
 * Geometry of the VAE's 2-D latent plane as the chapter's figures use it: moving a cursor
 * by keyboard, the straight line between two codes, the tiled grid of codes behind the
 * "manifold" view, and how much of the prior N(0, I) and of the data each ring holds.
 * Points are flat [x0, y0, x1, y1, …] arrays, as the encoder returns them.
 */

/** How many held-out faces the planes show (the first of the test seeds). */
export const HELD_OUT_FACES = 500;

/** Half-width of the plane the figures draw: the prior's 3σ ring and nearly every face fit. */
export const PLANE_EXTENT = 3.6;

export type Point = readonly [number, number];

export const clampToPlane = ([x, y]: Point, extent = PLANE_EXTENT): Point => [
  Math.min(extent, Math.max(-extent, x)),
  Math.min(extent, Math.max(-extent, y)),
];

/**
 * The point an arrow key moves `z` to (`step` per press, 5× with Shift; Home centres it),
 * kept on the plane; null for any other key.
 */
export function nudge(
  z: Point,
  key: string,
  shift: boolean,
  step = 0.05,
  extent = PLANE_EXTENT,
): Point | null {
  const s = shift ? step * 5 : step;
  const moves: Record<string, Point> = {
    ArrowLeft: [-s, 0],
    ArrowRight: [s, 0],
    ArrowUp: [0, s],
    ArrowDown: [0, -s],
  };
  if (key === 'Home') return [0, 0];
  const m = moves[key];
  return m ? clampToPlane([z[0] + m[0], z[1] + m[1]], extent) : null;
}

/** `steps` evenly spaced points from a to b inclusive (steps ≥ 2), as a flat array. */
export function linePoints(a: Point, b: Point, steps: number): Float32Array {
  const out = new Float32Array(steps * 2);
  for (let i = 0; i < steps; i++) {
    const t = i / (steps - 1);
    out[2 * i] = a[0] + t * (b[0] - a[0]);
    out[2 * i + 1] = a[1] + t * (b[1] - a[1]);
  }
  return out;
}

/** The point a fraction t of the way from a to b. */
export const lerpPoint = (a: Point, b: Point, t: number): Point => [
  a[0] + t * (b[0] - a[0]),
  a[1] + t * (b[1] - a[1]),
];

/**
 * The centres of an n × n grid of equal cells covering [−extent, extent]², row by row from
 * the top (largest z₂) and left to right, the order a tiled image is drawn in.
 */
export function gridCentres(n: number, extent = PLANE_EXTENT): Float32Array {
  const out = new Float32Array(n * n * 2);
  const cell = (2 * extent) / n;
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      const i = row * n + col;
      out[2 * i] = -extent + (col + 0.5) * cell;
      out[2 * i + 1] = extent - (row + 0.5) * cell;
    }
  }
  return out;
}

/** Index of the point nearest to z (−1 for no points). */
export function nearestIndex(points: ArrayLike<number>, z: Point): number {
  let best = -1;
  let bestD = Infinity;
  for (let i = 0; i < points.length / 2; i++) {
    const d = (points[2 * i]! - z[0]) ** 2 + (points[2 * i + 1]! - z[1]) ** 2;
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}

/** Share of a 2-D standard normal within radius r of the origin: 1 − e^(−r²/2). */
export const priorShareWithin = (r: number): number => 1 - Math.exp((-r * r) / 2);

/** Share of `points` within radius r of the origin. */
export function shareWithin(points: ArrayLike<number>, r: number): number {
  const n = points.length / 2;
  let inside = 0;
  for (let i = 0; i < n; i++) {
    if (points[2 * i]! ** 2 + points[2 * i + 1]! ** 2 <= r * r) inside++;
  }
  return n ? inside / n : 0;
}
