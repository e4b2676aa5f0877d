/**
 * The latent map's numbers, pure: where each colour group of faces sits on the plane (the
 * centre and spread of its codes), which ring of the prior a point is in, and the grid view's
 * decoded tiles laid out as one RGBA image.
 */
import { IMAGE_LENGTH, SIZE } from '../../../data/headshots.ts';

export interface GroupStats {
  label: string;
  /** Faces in the group. */
  n: number;
  /** The mean of their codes. */
  mx: number;
  my: number;
  /** Root mean squared distance of their codes from that mean. */
  spread: number;
}

/**
 * Centre and spread of each group's codes. `mu` is flat [x0, y0, x1, y1, …], `groups[i]`
 * the group of face i; unnamed groups of a binned factor read "low", then "middle".
 */
export function groupStats(
  mu: ArrayLike<number>,
  groups: ArrayLike<number>,
  labels: readonly string[],
): GroupStats[] {
  return labels.map((name, k) => {
    let n = 0;
    let sx = 0;
    let sy = 0;
    for (let i = 0; i < groups.length; i++) {
      if (groups[i] !== k) continue;
      n++;
      sx += mu[2 * i]!;
      sy += mu[2 * i + 1]!;
    }
    const mx = sx / n;
    const my = sy / n;
    let sq = 0;
    for (let i = 0; i < groups.length; i++) {
      if (groups[i] === k) sq += (mu[2 * i]! - mx) ** 2 + (mu[2 * i + 1]! - my) ** 2;
    }
    return {
      label: name || (k === 0 ? 'low' : 'middle'),
      n,
      mx,
      my,
      spread: Math.sqrt(sq / n),
    };
  });
}

/** Which of the prior's 1σ, 2σ and 3σ rings a point at distance `radius` from 0 is in. */
export const ringOf = (radius: number): string =>
  radius <= 1
    ? 'inside the 1σ ring'
    : radius <= 2
      ? 'between the 1σ and 2σ rings'
      : radius <= 3
        ? 'between the 2σ and 3σ rings'
        : 'outside the 3σ ring';

/**
 * `grid` × `grid` decoded faces (flat HWC RGB in [0, 1], one after another, row by row
 * from the top) as one opaque RGBA image of (grid · 32)² pixels.
 */
export function tileImage(tiles: Float32Array, grid: number): Uint8ClampedArray<ArrayBuffer> {
  const side = grid * SIZE;
  const rgba = new Uint8ClampedArray(side * side * 4);
  for (let t = 0; t < grid * grid; t++) {
    const ox = (t % grid) * SIZE;
    const oy = Math.floor(t / grid) * SIZE;
    for (let p = 0; p < SIZE * SIZE; p++) {
      const src = t * IMAGE_LENGTH + p * 3;
      const dst = ((oy + Math.floor(p / SIZE)) * side + ox + (p % SIZE)) * 4;
      rgba[dst] = tiles[src]! * 255;
      rgba[dst + 1] = tiles[src + 1]! * 255;
      rgba[dst + 2] = tiles[src + 2]! * 255;
      rgba[dst + 3] = 255;
    }
  }
  return rgba;
}
