/**
 * A URL field for a number the figure offers from a fixed list (steps T, number of sampler
 * steps): any number in a link snaps to the nearest choice, so a hand-edited link still opens.
 */
import type { Field } from '../shell/urlState.ts';

/** The choice nearest to `x` (the first of two equally near ones). */
export function nearest(choices: readonly number[], x: number): number {
  return choices.reduce((best, c) => (Math.abs(c - x) < Math.abs(best - x) ? c : best));
}

/** A number from `choices`; non-numbers are ignored, others snap to the nearest choice. */
export function nearestChoiceField(fallback: number, choices: readonly number[]): Field<number> {
  return {
    fallback,
    parse: (raw) => {
      const x = Number(raw.trim());
      if (raw.trim() === '' || !Number.isFinite(x)) return undefined;
      return nearest(choices, x);
    },
    format: String,
  };
}
