/**
 * What survives the VAE's two-number bottleneck, in words the chapter can print: for each
 * factor of a face, how much of it the probe can still read from reconstructions
 * (`metrics.json` → models.vae.survives, measured by `npm run evaluate`).
 *
 * Both kinds of factor go on one scale, "how far from guessing to perfect":
 *   categorical: (accuracy − chance) / (1 − chance), where chance is always guessing the
 *                most common value (e.g. dark brown eyes, 45 %);
 *   continuous:  R², which is already that: 0 = no better than guessing the average.
 * A factor is "kept" at ≥ 0.8 on that scale, "lost" below 0.25, "partly kept" between.
 */
import { FREQUENCIES } from '../../../data/headshots.ts';
import { FACTOR_NAMES } from '../../../data/headshotLabels.ts';

export const CATEGORICAL_SURVIVAL = [
  'eyeColour',
  'hairStyle',
  'hairColour',
  'backdrop',
  'glasses',
] as const;
export const CONTINUOUS_SURVIVAL = ['faceShape', 'skinTone', 'brows', 'smile'] as const;
export type CategoricalSurvival = (typeof CATEGORICAL_SURVIVAL)[number];
export type ContinuousSurvival = (typeof CONTINUOUS_SURVIVAL)[number];

export interface Survives {
  accuracy: Record<CategoricalSurvival, number>;
  r2: Record<ContinuousSurvival, number>;
}

export type Verdict = 'kept' | 'partly kept' | 'lost';

/** Accuracy of always guessing the most common value of a categorical factor. */
export const chanceAccuracy = (factor: CategoricalSurvival): number =>
  Math.max(...Object.values(FREQUENCIES[factor]));

export function verdict(score: number): Verdict {
  return score >= 0.8 ? 'kept' : score < 0.25 ? 'lost' : 'partly kept';
}

export interface FactorSurvival {
  factor: CategoricalSurvival | ContinuousSurvival;
  name: string;
  kind: 'categorical' | 'continuous';
  /** Accuracy (categorical) or R² (continuous), as measured. */
  measured: number;
  /** Accuracy of guessing the most common value; 0 for continuous factors (R²'s own zero). */
  chance: number;
  /** 0 = no better than guessing, 1 = perfect. */
  score: number;
  verdict: Verdict;
}

export function survivalTable(s: Survives): FactorSurvival[] {
  const categorical = CATEGORICAL_SURVIVAL.map((factor) => {
    const chance = chanceAccuracy(factor);
    const measured = s.accuracy[factor];
    const score = (measured - chance) / (1 - chance);
    return { factor, kind: 'categorical' as const, measured, chance, score };
  });
  const continuous = CONTINUOUS_SURVIVAL.map((factor) => {
    const measured = s.r2[factor];
    return { factor, kind: 'continuous' as const, measured, chance: 0, score: measured };
  });
  return [...categorical, ...continuous].map((row) => ({
    ...row,
    name: FACTOR_NAMES[row.factor],
    verdict: verdict(row.score),
  }));
}

/** "a, b and c" */
export function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** Up to three short sentences on what was kept, partly kept and lost, driven only by the numbers. */
export function survivalSentence(rows: readonly FactorSurvival[]): string {
  const names = (v: Verdict) =>
    rows.filter((r) => r.verdict === v).map((r) => r.name.toLowerCase());
  const kept = names('kept');
  const partly = names('partly kept');
  const lost = names('lost');
  const sentences: string[] = [];
  if (kept.length) sentences.push(`Reconstructions keep ${listWords(kept)}.`);
  if (partly.length) {
    sentences.push(
      `${kept.length ? 'They keep' : 'Reconstructions keep'} only part of ${listWords(partly)}.`,
    );
  }
  if (lost.length) {
    const list = listWords(lost);
    sentences.push(
      `${list[0]!.toUpperCase()}${list.slice(1)} ${lost.length === 1 ? 'is' : 'are'} lost: ` +
        `the probe reads ${lost.length === 1 ? 'it' : 'them'} from reconstructions no better than a guess.`,
    );
  }
  return sentences.join(' ');
}
