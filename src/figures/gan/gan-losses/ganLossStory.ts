/**
 * What the shipped `gan`'s recorded loss curves (card.json `training.history`) do and do not
 * say, in numbers read from the record itself: where the detective pulled furthest ahead,
 * the narrow band both losses then stayed in, and where they ended. Pure, no DOM.
 *
 * Losses are those of the trainer (src/models/gan.ts): the discriminator's is the sum of
 * two binary cross-entropies, E[−log D(x)] + E[−log(1 − D(G(z)))], and the generator's the
 * non-saturating E[−log D(G(z))]; each recorded row is the mean over the steps since the last.
 */

export interface LossRow {
  step: number;
  discriminator: number;
  generator: number;
}

/** Where the losses sit at a draw, when D answers ½ for every image: 2 ln 2 and ln 2. */
export const DRAW = { discriminator: 2 * Math.LN2, generator: Math.LN2 } as const;

export interface Band {
  fromStep: number;
  toStep: number;
  discriminator: { min: number; max: number };
  generator: { min: number; max: number };
}

export interface LossStory {
  first: LossRow;
  last: LossRow;
  /** The row where D's loss was lowest: the detective furthest ahead. */
  detectiveAhead: LossRow;
  /** The range both losses stay in after the opening (from `settledFrom` on). */
  band: Band;
}

/** Index of the recorded row nearest to `step` (ties go to the earlier row). */
export function nearestRow(history: readonly LossRow[], step: number): number {
  let best = 0;
  for (let i = 1; i < history.length; i++) {
    if (Math.abs(history[i]!.step - step) < Math.abs(history[best]!.step - step)) best = i;
  }
  return best;
}

/**
 * The first row, every row whose step is a multiple of `every`, and the last row (a run may
 * stop between two multiples): the table's rows.
 */
export function evenlySpacedRows(history: readonly LossRow[], every: number): LossRow[] {
  const last = history.length - 1;
  return history.filter((row, i) => i === 0 || i === last || row.step % every === 0);
}

const range = (values: number[]) => ({ min: Math.min(...values), max: Math.max(...values) });

/**
 * The story of a run. `settledFrom` is the share of the run counted as its opening
 * (by default the first eighth); the band covers everything after it.
 */
export function lossStory(history: readonly LossRow[], settledFrom = 1 / 8): LossStory {
  if (history.length === 0) throw new Error('lossStory: the history is empty');
  const first = history[0]!;
  const last = history.at(-1)!;
  const detectiveAhead = history.reduce((a, b) => (b.discriminator < a.discriminator ? b : a));
  const fromStep = first.step + (last.step - first.step) * settledFrom;
  const later = history.filter((r) => r.step >= fromStep);
  return {
    first,
    last,
    detectiveAhead,
    band: {
      fromStep: later[0]!.step,
      toStep: last.step,
      discriminator: range(later.map((r) => r.discriminator)),
      generator: range(later.map((r) => r.generator)),
    },
  };
}

export interface StoryMark {
  step: number;
  value: number;
  series: 'discriminator' | 'generator';
}

/**
 * Where the chart numbers the story's three notes: on D's curve where the detective was
 * furthest ahead, on G's where the band starts, and on G's at the end.
 */
export function storyMarks(history: readonly LossRow[], story: LossStory): StoryMark[] {
  const bandStart = history[nearestRow(history, story.band.fromStep)]!;
  return [
    { row: story.detectiveAhead, series: 'discriminator' as const },
    { row: bandStart, series: 'generator' as const },
    { row: story.last, series: 'generator' as const },
  ].map(({ row, series }) => ({ step: row.step, value: row[series], series }));
}

/**
 * The detective's typical verdict on the forger's fakes (1 = real, 0 = fake) implied by the
 * generator's loss: since L_G = E[−log D(G(z))], exp(−L_G) is the geometric mean of D(G(z)).
 */
export const verdictOnFakes = (generatorLoss: number) => Math.exp(-generatorLoss);
