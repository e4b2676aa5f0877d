/** Histograms as densities, to lay over a probability density such as N(0, 1). */

export interface Bin {
  /** Left and right edges. */
  x0: number;
  x1: number;
  count: number;
  /** count ÷ (all values × bin width): the bars' area sums to the share inside [lo, hi]. */
  density: number;
}

/**
 * `bins` equal bins over [lo, hi]. Values outside are counted in `below` and `above`, not
 * piled into the edge bins, so the bars never claim mass that is not there.
 */
export function histogram(
  values: ArrayLike<number>,
  lo: number,
  hi: number,
  bins: number,
): { bins: Bin[]; below: number; above: number } {
  if (!(hi > lo) || !Number.isInteger(bins) || bins < 1)
    throw new Error(`histogram: need lo < hi and a positive whole number of bins`);
  const width = (hi - lo) / bins;
  const counts = new Array<number>(bins).fill(0);
  let below = 0;
  let above = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < lo) below++;
    else if (v > hi) above++;
    // v = hi belongs to the last bin (bins are [x0, x1) except the last, [x0, hi]).
    else counts[Math.min(bins - 1, Math.floor((v - lo) / width))]!++;
  }
  const n = Math.max(1, values.length);
  return {
    bins: counts.map((count, i) => ({
      x0: lo + i * width,
      x1: lo + (i + 1) * width,
      count,
      density: count / (n * width),
    })),
    below,
    above,
  };
}

/** The standard normal density φ(x) = e^(−x²/2) / √(2π). */
export function normalDensity(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}
