/**
 * Where a cloud of 2-D points sits and how wide it is: the mean and the standard deviation
 * along each axis, for the figure's spoken description and its test signature.
 */
export interface Spread {
  mx: number;
  my: number;
  sx: number;
  sy: number;
}

/** The centre and spread of flat [x0, y0, x1, y1, …] points; null for no points. */
export function cloudSpread(points: Float32Array): Spread | null {
  const n = points.length / 2;
  if (!n) return null;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += points[2 * i]!;
    my += points[2 * i + 1]!;
  }
  mx /= n;
  my /= n;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    sx += (points[2 * i]! - mx) ** 2;
    sy += (points[2 * i + 1]! - my) ** 2;
  }
  return { mx, my, sx: Math.sqrt(sx / n), sy: Math.sqrt(sy / n) };
}
