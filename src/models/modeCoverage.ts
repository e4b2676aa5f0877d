/**
 * Mode coverage: how many of the clusters of a toy distribution a generator's points reach.
 * It makes mode collapse a number instead of an impression (in the spirit of the 8-Gaussian
 * ring of Metz et al. 2016, which counts modes with samples within 3σ of their centre).
 *
 * A point *lands on* a mode when it lies within 3σ of the mode's centre, σ being the spread
 * of the real cluster. A mode is *covered* when at least a quarter of its fair share of the
 * points lands on it: with K equally likely modes and n points, ⌈n / (4K)⌉ of them. (One
 * stray point is not coverage; a quarter of the fair share still counts a mode the
 * generator visits less often than it should.)
 */
import type { ToyDistribution } from '../data/toy2d.ts';

export interface Modes {
  /** Centres [x0, y0, x1, y1, …]. */
  centres: Float32Array;
  /** Spread (standard deviation per axis) of each real cluster. */
  sigma: number;
}

/** The ring of 8 and the 5 × 5 grid, as sampled in `src/data/toy2d.ts`. */
export const MODES: Partial<Record<ToyDistribution, Modes>> = {
  ring: {
    centres: Float32Array.from({ length: 16 }, (_, i) => {
      const a = (Math.floor(i / 2) * Math.PI) / 4;
      return 2 * (i % 2 === 0 ? Math.cos(a) : Math.sin(a));
    }),
    sigma: 0.08,
  },
  grid: {
    centres: Float32Array.from({ length: 50 }, (_, i) =>
      i % 2 === 0 ? (Math.floor(i / 2) % 5) - 2 : Math.floor(i / 10) - 2,
    ),
    sigma: 0.06,
  },
};

export interface Coverage {
  /** Modes covered, out of `modes`. */
  covered: number;
  modes: number;
  /** Points that landed on each mode. */
  counts: number[];
  /** Fraction of all points that landed on some mode (the rest fell between). */
  onTarget: number;
  /** Points a mode needs to count as covered. */
  needed: number;
}

/** Coverage of `modes` by `points` (flat [x0, y0, …]); definitions in the header. */
export function modeCoverage(points: Float32Array, modes: Modes): Coverage {
  const k = modes.centres.length / 2;
  const n = points.length / 2;
  const radius2 = (3 * modes.sigma) ** 2;
  const counts = new Array<number>(k).fill(0);
  let landed = 0;
  for (let i = 0; i < n; i++) {
    const x = points[2 * i] ?? Number.NaN;
    const y = points[2 * i + 1] ?? Number.NaN;
    for (let m = 0; m < k; m++) {
      const dx = x - (modes.centres[2 * m] ?? 0);
      const dy = y - (modes.centres[2 * m + 1] ?? 0);
      if (dx * dx + dy * dy <= radius2) {
        counts[m]!++;
        landed++;
        break; // the 3σ discs do not overlap
      }
    }
  }
  const needed = Math.ceil(n / (4 * k));
  return {
    covered: counts.filter((c) => c >= needed).length,
    modes: k,
    counts,
    onTarget: n === 0 ? 0 : landed / n,
    needed,
  };
}
