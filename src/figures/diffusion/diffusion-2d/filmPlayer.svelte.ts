/**
 * Plays a computed film one animation frame at a time, only while playing (paused means no
 * work at all: no frame requested, no timer). The whole film lasts about FILM_MS whatever
 * its number of steps; with reduced motion the frames change at most every 400 ms.
 */
import { prefersReducedMotion } from 'svelte/motion';

/** The whole film lasts about this long when played, whatever the number of steps. */
const FILM_MS = 4000;
const REDUCED_MOTION_FRAME_MS = 400;

export class FilmPlayer {
  playing = $state(false);
  #raf = 0;
  #last = 0;
  readonly #frame: () => number;
  readonly #steps: () => number;
  readonly #show: (frame: number) => void;

  /** `frame` and `steps` read the figure's position; `show` moves it. */
  constructor(frame: () => number, steps: () => number, show: (frame: number) => void) {
    this.#frame = frame;
    this.#steps = steps;
    this.#show = show;
  }

  play(): void {
    if (this.playing) return;
    if (this.#frame() >= this.#steps()) this.#show(0);
    this.playing = true;
    this.#last = performance.now();
    this.#raf = requestAnimationFrame(this.#tick);
  }

  pause(): void {
    this.playing = false;
    cancelAnimationFrame(this.#raf);
    this.#raf = 0;
  }

  /** Pauses and moves by d frames, within the film. */
  stepBy(d: number): void {
    this.pause();
    this.#show(Math.max(0, Math.min(this.#steps(), this.#frame() + d)));
  }

  readonly #tick = (now: number): void => {
    this.#raf = 0;
    if (!this.playing) return;
    const steps = this.#steps();
    const every = prefersReducedMotion.current
      ? REDUCED_MOTION_FRAME_MS
      : Math.max(16, FILM_MS / steps);
    if (now - this.#last >= every) {
      this.#last = now;
      this.#show(Math.min(steps, this.#frame() + 1));
    }
    if (this.#frame() >= steps) this.pause();
    else this.#raf = requestAnimationFrame(this.#tick);
  };
}
