/**
 * How the VAE figures write numbers: a true minus sign (−, not a hyphen) before negative
 * values, latent points as "(x, y)", and shares as whole percentages. Pure, so the words a
 * screen reader hears and the numbers on screen come from one place.
 */

/** `v` to `digits` decimals, negatives with a typographic minus. */
export const signed = (v: number, digits = 2): string =>
  v < 0 ? `−${Math.abs(v).toFixed(digits)}` : v.toFixed(digits);

/** A latent point as "(x, y)", or "…" while it is not known yet. */
export const pointText = (p: ArrayLike<number> | null | undefined, digits = 2): string =>
  p ? `(${signed(p[0]!, digits)}, ${signed(p[1]!, digits)})` : '…';

/** A share in [0, 1] as a whole percentage, e.g. "42%". */
export const percent = (v: number): string => `${Math.round(v * 100)}%`;
