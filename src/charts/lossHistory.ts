/**
 * A loss curve of bounded size for a run of any length: while there is room every value is
 * kept; when the buffer fills up, neighbouring points are averaged in pairs and later points
 * each summarise twice as many values. A chart of it always shows the whole run in at most
 * `capacity` points, and memory stays flat however long the reader trains.
 */
export class LossHistory {
  readonly capacity: number;
  /** Values each stored point summarises (a power of two). */
  stride = 1;
  /** Step of each stored point (that of the last value it summarises) and its mean value. */
  readonly steps: number[] = [];
  readonly values: number[] = [];
  /** The most recent value pushed, or NaN before the first. */
  last = Number.NaN;
  #sum = 0;
  #count = 0;

  constructor(capacity = 400) {
    if (capacity < 2 || capacity % 2 !== 0) throw new Error('capacity must be even and ≥ 2');
    this.capacity = capacity;
  }

  /** Adds a value at `step`. NaN (a run that blew up) keeps its point NaN. */
  push(step: number, value: number): void {
    this.last = value;
    this.#sum += value;
    this.#count++;
    if (this.#count < this.stride) return;
    this.steps.push(step);
    this.values.push(this.#sum / this.#count);
    this.#sum = 0;
    this.#count = 0;
    if (this.values.length === this.capacity) this.#halve();
  }

  clear(): void {
    this.steps.length = 0;
    this.values.length = 0;
    this.stride = 1;
    this.last = Number.NaN;
    this.#sum = 0;
    this.#count = 0;
  }

  #halve(): void {
    const n = this.values.length / 2;
    for (let i = 0; i < n; i++) {
      this.steps[i] = this.steps[2 * i + 1]!;
      this.values[i] = (this.values[2 * i]! + this.values[2 * i + 1]!) / 2;
    }
    this.steps.length = n;
    this.values.length = n;
    this.stride *= 2;
  }
}
