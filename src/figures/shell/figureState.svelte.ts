/**
 * The state of one figure, restorable from and shareable as a URL. Values start at their
 * defaults so the server-rendered poster and the first client render agree; `restore()`
 * applies the page URL after hydration.
 */
import { readState, stateUrl, type Fields } from './urlState.ts';

export class FigureState<S extends object> {
  values: S = $state() as S;
  readonly #id: string;
  readonly #fields: () => Fields<S>;
  /** The state, as parameters, when it was last set by the page rather than by the reader. */
  #settled = '';

  /** `fields` is a function so a component can build it from its props (read lazily). */
  constructor(id: string, fields: () => Fields<S>) {
    this.#id = id;
    this.#fields = fields;
    this.values = readState('', id, fields());
    this.#settled = this.#params();
    // Any other change is the reader operating the figure. Lesson pages listen for it (to
    // reveal an answer), so it is announced here once rather than in every figure.
    $effect(() => {
      const params = this.#params();
      if (params === this.#settled) return;
      this.#settled = params;
      this.operated();
    });
  }

  /**
   * Announces that the reader operated the figure. Changes to its values announce
   * themselves; a figure calls this for an act that changes none, such as starting a run.
   */
  operated(): void {
    const detail = { id: this.#id, params: this.#settled };
    (document.getElementById(`fig-${this.#id}`) ?? document).dispatchEvent(
      new CustomEvent('figure-input', { bubbles: true, detail }),
    );
  }

  /** Applies the figure's parameters from the page URL (invalid ones are ignored). */
  restore(search = location.search): void {
    this.values = readState(search, this.#id, this.#fields());
    this.#settled = this.#params();
  }

  reset(): void {
    this.values = readState('', this.#id, this.#fields());
    this.#settled = this.#params();
  }

  /** Every value in its URL form (reading them all is what makes the effect track them). */
  #params(): string {
    const fields = this.#fields();
    const keys = Object.keys(fields) as (keyof S & string)[];
    return keys.map((key) => `${key}=${fields[key].format(this.values[key])}`).join('&');
  }

  shareUrl(href = location.href): string {
    return stateUrl(href, this.#id, this.#fields(), $state.snapshot(this.values) as S);
  }
}
