/**
 * Pure helpers of the "diversity, measured" figure: reading the probe's answers for a batch
 * of faces into factor shares and coverage, exactly as `npm run evaluate` does (the most
 * likely value of each factor, glasses when its logit is above 0; coverage counts the eye
 * colour × hair style pairs seen at least once), and finding the values a model under-produces.
 */
import { combinationCoverage, distribution } from '../../../models/metrics.ts';
import { BACKDROPS, EYE_COLOURS, HAIR_COLOURS, HAIR_STYLES } from '../../../data/headshots.ts';

/**
 * The probe's categorical heads in its order (CATEGORICAL in src/models/probe.ts, which
 * imports TensorFlow.js; a unit test ties the two).
 */
const CATEGORICAL = {
  eyeColour: EYE_COLOURS,
  hairStyle: HAIR_STYLES,
  hairColour: HAIR_COLOURS,
  backdrop: BACKDROPS,
} as const;
type CategoricalFactor = keyof typeof CATEGORICAL;
export const CATEGORICAL_FACTORS = Object.keys(CATEGORICAL) as CategoricalFactor[];

export type DiversityFactor = CategoricalFactor | 'glasses';
export const DIVERSITY_FACTORS: readonly DiversityFactor[] = [...CATEGORICAL_FACTORS, 'glasses'];

/** The values of each factor in the order metrics.json lists their shares. */
export const FACTOR_VALUES: Record<DiversityFactor, readonly string[]> = {
  ...CATEGORICAL,
  glasses: ['glasses', 'no glasses'],
};

/** Numbers per face in the probe read-out: the categorical heads' logits, then glasses'. */
export const READOUT_WIDTH = CATEGORICAL_FACTORS.reduce((n, f) => n + CATEGORICAL[f].length, 1);

export type Shares = Record<DiversityFactor, number[]>;

const argmax = (row: ArrayLike<number>, from: number, length: number) => {
  let best = 0;
  for (let j = 1; j < length; j++) if (row[from + j]! > row[from + best]!) best = j;
  return best;
};

/**
 * Factor shares and eye colour × hair style coverage of n faces, from the probe's read-out
 * (flat [n, READOUT_WIDTH]: eyeColour, hairStyle, hairColour, backdrop logits, glasses logit).
 */
export function readShares(readout: Float32Array, n: number): { shares: Shares; coverage: number } {
  if (readout.length !== n * READOUT_WIDTH) {
    throw new Error(`readShares: ${readout.length} numbers for ${n} faces`);
  }
  const picks = Object.fromEntries(CATEGORICAL_FACTORS.map((f) => [f, [] as string[]])) as Record<
    CategoricalFactor,
    string[]
  >;
  const glasses: boolean[] = [];
  for (let i = 0; i < n; i++) {
    let at = i * READOUT_WIDTH;
    for (const f of CATEGORICAL_FACTORS) {
      const values = CATEGORICAL[f];
      picks[f].push(values[argmax(readout, at, values.length)]!);
      at += values.length;
    }
    glasses.push(readout[at]! > 0);
  }
  const shares = Object.fromEntries(
    CATEGORICAL_FACTORS.map((f) => [
      f,
      distribution(picks[f], CATEGORICAL[f] as readonly string[]),
    ]),
  ) as Shares;
  shares.glasses = distribution(glasses, [true, false]);
  const coverage = combinationCoverage(
    picks.eyeColour.map((e, i) => [e, picks.hairStyle[i]!] as const),
    CATEGORICAL.eyeColour,
    CATEGORICAL.hairStyle,
  );
  return { shares, coverage };
}

/**
 * Indices of the values a model makes less than `ratio` times as often as the data has them
 * (only values the data has at least 5 % of, so rare values do not flicker in and out).
 */
export function underProduced(model: readonly number[], data: readonly number[], ratio = 0.5) {
  return data.flatMap((d, i) => (d >= 0.05 && (model[i] ?? 0) < ratio * d ? [i] : []));
}
