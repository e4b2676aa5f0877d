/**
 * Model calls taken one per animation frame. Each job runs alone at the start of its own
 * frame, in the order asked for, so a page running two models side by side never does two
 * model calls in one frame (no long task from the figure), and the calls never overlap, so
 * each one can be timed on its own. `cancel` drops the jobs not yet started: their promises
 * reject with a `Cancelled` error, and nothing is left scheduled (no rAF, no timer).
 */
export class Cancelled extends Error {
  constructor() {
    super('Cancelled.');
    this.name = 'Cancelled';
  }
}

export const isCancelled = (e: unknown): boolean => e instanceof Error && e.name === 'Cancelled';

interface Job {
  run: () => Promise<void>;
  drop: () => void;
}

export class FrameQueue {
  #jobs: Job[] = [];
  #frame = 0;
  #busy = false;

  /**
   * Runs `work` in a frame of its own, after the jobs already queued, or with `next`, before
   * them: a job that finishes what the previous one started (such as drawing its result) can
   * take the very next frame, so two lanes of work stay in step.
   */
  run<T>(work: () => Promise<T>, next = false): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const job = { run: () => work().then(resolve, reject), drop: () => reject(new Cancelled()) };
      if (next) this.#jobs.unshift(job);
      else this.#jobs.push(job);
      this.#schedule();
    });
  }

  /** Jobs waiting for their frame (not counting one running now). */
  get pending(): number {
    return this.#jobs.length;
  }

  cancel(): void {
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    const dropped = this.#jobs;
    this.#jobs = [];
    dropped.forEach((job) => job.drop());
  }

  #schedule(): void {
    if (this.#busy || this.#frame || !this.#jobs.length) return;
    this.#frame = requestAnimationFrame(() => void this.#next());
  }

  async #next(): Promise<void> {
    this.#frame = 0;
    const job = this.#jobs.shift();
    if (!job) return;
    this.#busy = true;
    try {
      await job.run();
    } finally {
      this.#busy = false;
      this.#schedule();
    }
  }
}
