/**
 * The state of one figure, restorable from and shareable as a URL. Values start at their
 * defaults so the server-rendered poster and the first client render agree; `restore()`
 * applies the page URL after hydration.
 */
import { readState, stateUrl, type Fields } from '../../lib/urlState.ts';

export class FigureState<S extends object> {
  values: S = $state() as S;
  readonly #id: string;
  readonly #fields: () => Fields<S>;

  /** `fields` is a function so a component can build it from its props (read lazily). */
  constructor(id: string, fields: () => Fields<S>) {
    this.#id = id;
    this.#fields = fields;
    this.values = readState('', id, fields());
  }

  /** Applies the figure's parameters from the page URL (invalid ones are ignored). */
  restore(search = location.search): void {
    this.values = readState(search, this.#id, this.#fields());
  }

  reset(): void {
    this.values = readState('', this.#id, this.#fields());
  }

  shareUrl(href = location.href): string {
    return stateUrl(href, this.#id, this.#fields(), $state.snapshot(this.values) as S);
  }
}
