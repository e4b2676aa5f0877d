/**
 * The pure parts of lesson mode: where a step sits in its lesson, the URL that sets up its
 * figure, and what to tell the reader about their prediction. No DOM, so it is unit-tested.
 */
import { hideParam } from '../figures/shell/hiddenControls.ts';

/** A step's figure state: URL parameters without the figure's prefix (`{ t: 0 }`). */
export type StepState = Readonly<Record<string, string | number>>;

/**
 * The query that sets `figure` to `state` and hides the `hide` controls (a teacher link,
 * see hiddenControls.ts), e.g. `?gan-2d.seed=3&gan-2d-hide=settings`; empty for neither.
 */
export function stepSearch(figure: string, state: StepState, hide: readonly string[] = []): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(state)) params.set(`${figure}.${key}`, String(value));
  if (hide.length) params.set(hideParam(figure), hide.join(','));
  // Commas stay literal, as in teacher links, so the link reads as it is written.
  const query = params.toString().replace(/%2C/gi, ',');
  return query ? `?${query}` : '';
}

/**
 * The page's query with the step's parameters (`stepQuery`, from `stepSearch`) added, or
 * null to leave the URL alone. A URL that already sets any of the figure's parameters is
 * left as it is: it is a shared link (a teacher's "copy link to this state"), and a link
 * leaves out parameters at their default, so mixing the step's values into it would change
 * the state it shares.
 */
export function withStepState(search: string, figure: string, stepQuery: string): string | null {
  const params = new URLSearchParams(search);
  const own = (key: string) => key.startsWith(`${figure}.`) || key === hideParam(figure);
  if ([...params.keys()].some(own)) return null;
  const step = [...new URLSearchParams(stepQuery)];
  if (step.length === 0) return null;
  for (const [key, value] of step) params.set(key, value);
  return `?${params.toString().replace(/%2C/gi, ',')}`;
}

export interface StepPosition<T> {
  /** 1-based, for "Step 2 of 5". */
  number: number;
  total: number;
  previous: T | undefined;
  next: T | undefined;
}

/** Where the step `id` sits among `steps`; throws on an id the lesson does not have. */
export function stepPosition<T extends { id: string }>(
  steps: readonly T[],
  id: string,
): StepPosition<T> {
  const i = steps.findIndex((s) => s.id === id);
  if (i < 0)
    throw new Error(`No step "${id}" in this lesson: ${steps.map((s) => s.id).join(', ')}`);
  return { number: i + 1, total: steps.length, previous: steps[i - 1], next: steps[i + 1] };
}

export type Verdict = 'right' | 'wrong' | 'unanswered';

export function verdict(chosen: number | null, answer: number): Verdict {
  if (chosen === null) return 'unanswered';
  return chosen === answer ? 'right' : 'wrong';
}

/** The sentence shown (and announced) with the answer. */
export function verdictSentence(v: Verdict, chosen: string | null): string {
  if (v === 'right') return `You predicted “${chosen}”. That is right.`;
  if (v === 'wrong') return `You predicted “${chosen}”. Not quite.`;
  return 'You did not pick a prediction this time.';
}
