/**
 * The forger figure's shared constants and number words (pure: no state).
 */

/** Faces per row of the grid. */
export const COLUMNS = 8;

/** A probability as a whole percentage, e.g. "73%". */
export const pct = (v: number): string => `${Math.round(v * 100)}%`;

/** The walk's point of the strip's face `i` of `steps`, in percent of the way from A to B. */
export const stepT = (i: number, steps: number): number => Math.round((100 * i) / (steps - 1));

export const sideName = (s: 0 | 1): 'left' | 'right' => (s === 0 ? 'left' : 'right');
