/**
 * Work that should follow a moving input at display rate, such as decoding the point under
 * a dragged cursor: `request(value)` asks for the newest value; `work` runs at most once per
 * animation frame, never twice at once, and always ends on the last value asked for. Values
 * requested while one is computing are coalesced, so a fast drag cannot queue up work.
 */
export class LatestOnly<T> {
  #next: { value: T } | null = null;
  #busy = false;
  #frame = 0;
  readonly #work: (value: T) => Promise<void>;
  readonly #onerror: (error: unknown) => void;

  constructor(work: (value: T) => Promise<void>, onerror: (error: unknown) => void) {
    this.#work = work;
    this.#onerror = onerror;
  }

  request(value: T): void {
    this.#next = { value };
    if (!this.#busy && !this.#frame) this.#frame = requestAnimationFrame(() => void this.#flush());
  }

  async #flush(): Promise<void> {
    this.#frame = 0;
    const next = this.#next;
    if (!next) return;
    this.#next = null;
    this.#busy = true;
    try {
      await this.#work(next.value);
    } catch (e) {
      this.#onerror(e);
    } finally {
      this.#busy = false;
      if (this.#next) this.#frame = requestAnimationFrame(() => void this.#flush());
    }
  }

  cancel(): void {
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    this.#next = null;
  }
}
