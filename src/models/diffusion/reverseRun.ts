/**
 * The reverse process one step at a time, with every step kept: a figure asks the model for
 * ε̂ when it wants to, hands it in, and can look back at any earlier step without calling
 * the model again. Pure bookkeeping over `ddpmStep` / `ddimStep`; no tfjs, no DOM.
 *
 * Frame k holds the sample x at step tₖ (frame 0 is the starting noise x_T, the last frame
 * is the finished sample at t = 0), and once the model has been asked, the noise ε̂ it
 * predicts in x and the clean image x̂₀ that prediction implies. Random numbers are drawn in
 * the same order as `sample` draws them, so a run finishes on exactly the sample `sample`
 * returns for the same generator and model.
 */
import { normal } from '../../data/random.ts';
import { ddimStep, ddpmStep, predictX0, type Clip } from './sampler.ts';
import { alphaBarAt, timesteps, type Schedule } from './schedule.ts';

export type ReverseSampler = 'ddpm' | 'ddim';

export interface ReverseSettings {
  sampler: ReverseSampler;
  /** How many model calls the whole run takes (1…T). */
  steps: number;
  /** DDIM's stochasticity, 0 (deterministic) … 1; DDPM always uses 1. */
  eta: number;
}

/**
 * The steps a run visits, from T down, followed by 0. DDPM with all T steps walks every
 * step; with fewer it strides like DDIM with η = 1, which is DDPM's posterior between the
 * steps it visits (Song et al. 2020, §4.1).
 */
export function reversePath(T: number, steps: number): number[] {
  return [...timesteps(T, steps), 0];
}

/** The η a step really uses: DDPM is DDIM's η = 1. */
export const effectiveEta = (s: ReverseSettings): number => (s.sampler === 'ddpm' ? 1 : s.eta);

export interface Frame {
  /** The step this sample sits at (0: finished). */
  t: number;
  x: Float32Array;
  /** The model's ε̂ for x, once asked (never for the finished sample). */
  eps: Float32Array | null;
  /** x̂₀ implied by ε̂ (clipped like the sampler's); the sample itself once finished. */
  x0: Float32Array | null;
}

export class ReverseRun {
  readonly path: readonly number[];
  readonly frames: Frame[] = [];
  readonly #schedule: Schedule;
  readonly #settings: ReverseSettings;
  readonly #gauss: () => number;
  readonly #clip: Clip | undefined;
  readonly #n: number;

  /** `rng` is a uniform [0, 1) generator, e.g. `mulberry32(seed)`; x_T is drawn from it now. */
  constructor(
    schedule: Schedule,
    settings: ReverseSettings,
    n: number,
    rng: () => number,
    clip?: Clip,
  ) {
    this.#schedule = schedule;
    this.#settings = { ...settings };
    this.#n = n;
    this.#clip = clip;
    this.#gauss = normal(rng);
    this.path = reversePath(schedule.T, settings.steps);
    this.frames.push({ t: this.path[0]!, x: this.#draw(), eps: null, x0: null });
  }

  /** The number of steps (model calls) in the whole run. */
  get steps(): number {
    return this.path.length - 1;
  }

  /** The newest frame. */
  get last(): Frame {
    return this.frames[this.frames.length - 1]!;
  }

  get done(): boolean {
    return this.last.t === 0;
  }

  /** True when the newest frame waits for the model's ε̂. */
  get needsNoise(): boolean {
    return !this.done && this.last.eps === null;
  }

  /** Hands in the model's ε̂ for the newest frame; fills in its x̂₀. */
  setNoise(eps: Float32Array): void {
    if (!this.needsNoise) throw new Error('ReverseRun: no frame is waiting for ε̂');
    if (eps.length !== this.#n)
      throw new Error(`ReverseRun: ε̂ has ${eps.length} values, expected ${this.#n}`);
    const frame = this.last;
    frame.eps = eps;
    const x0 = predictX0(frame.x, eps, alphaBarAt(this.#schedule.alphaBars, frame.t));
    frame.x0 = this.#clip
      ? x0.map((v) => Math.min(this.#clip![1], Math.max(this.#clip![0], v)))
      : x0;
  }

  /** Takes one step with the newest frame's ε̂ and returns the new frame. */
  advance(): Frame {
    const frame = this.last;
    if (this.done) throw new Error('ReverseRun: the run is finished');
    if (!frame.eps) throw new Error('ReverseRun: call setNoise before advance');
    const k = this.frames.length - 1;
    const t = frame.t;
    const tPrev = this.path[k + 1]!;
    const eta = effectiveEta(this.#settings);
    const s = this.#schedule;
    const z = eta > 0 && tPrev > 0 ? this.#draw() : null;
    // Neighbouring DDPM steps use Ho et al.'s own update, as `sample` does.
    const x =
      this.#settings.sampler === 'ddpm' && tPrev === t - 1
        ? ddpmStep(frame.x, frame.eps, t, s, z, this.#clip)
        : ddimStep(frame.x, frame.eps, t, tPrev, s, eta, z, this.#clip);
    const next: Frame = { t: tPrev, x, eps: null, x0: tPrev === 0 ? x : null };
    this.frames.push(next);
    return next;
  }

  #draw(): Float32Array {
    return Float32Array.from({ length: this.#n }, this.#gauss);
  }
}
