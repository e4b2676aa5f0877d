/**
 * The live side of the reverse-process figure: starts the chapter's diffusion worker (the
 * shared DDPM) when the figure wakes and walks a `ReverseRun` forward, one U-Net call per
 * animation frame, keeping every step so that looking back (scrubbing, replaying) never
 * calls the model.
 *
 * One loop serves both Play and seeking to a step from a shared link: each frame either
 * shows the next stored step or computes one new step. Paused means paused: no animation
 * frame is requested and no timer is set. With reduced motion the pictures change at most
 * twice a second while playing (the run itself goes on at full speed).
 */
import { mulberry32 } from '../../../data/random.ts';
import type { DdpmApi } from '../diffusionClient.ts';
import { IMAGE_LENGTH } from '../../../data/headshots.ts';
import {
  ReverseRun,
  type Frame,
  type ReverseSettings,
} from '../../../models/diffusion/reverseRun.ts';
import { makeSchedule } from '../../../models/diffusion/schedule.ts';
import { LiveSession } from '../../shell/liveSession.svelte.ts';

/** The schedule `ddpm` was trained with (its card: linear, T = 1000). */
export const SCHEDULE = makeSchedule({ kind: 'linear', T: 1000 });

export interface RunSettings extends ReverseSettings {
  seed: number;
}

/** Least time between two pictures with reduced motion, and between two spoken updates. */
const REDUCED_MOTION_MS = 500;
const ANNOUNCE_MS = 3000;

type Mode = 'idle' | 'play' | 'seek';

const same = (a: RunSettings, b: RunSettings) =>
  a.sampler === b.sampler && a.steps === b.steps && a.seed === b.seed && a.eta === b.eta;

export class LiveReverse {
  readonly live: LiveSession<DdpmApi>;
  playing = $state(false);
  /** Steps computed so far (frames kept − 1). */
  taken = $state(0);
  /** The step on screen (an index into the run's frames). */
  cursor = $state(0);
  /** True while a model call is in flight. */
  busy = $state(false);
  /** Bumped whenever frames are added, for what reads them to redraw. */
  version = $state(0);
  /** The spoken status, changed at a readable rate. */
  announcement = $state('');
  /** Model calls so far (from the session), for the tests and the bench. */
  calls = $state(0);
  run: ReverseRun | null = null;

  #settings: RunSettings;
  #mode: Mode = 'idle';
  #target = 0;
  #pos = 0;
  #frame = 0;
  #generation = 0;
  /** Set once the model has first answered: from then on, new settings compute at once. */
  #started = false;
  #lastShown = Number.NEGATIVE_INFINITY;
  #lastSpoken = Number.NEGATIVE_INFINITY;
  readonly #reducedMotion: () => boolean;

  constructor(settings: RunSettings, reducedMotion: () => boolean) {
    this.#settings = { ...settings };
    this.#reducedMotion = reducedMotion;
    // The starting static needs no model: it is on screen before TensorFlow.js loads.
    this.#rebuild(0);
    this.live = new LiveSession<DdpmApi>(
      async () => {
        const { openDiffusion } = await import('../diffusionClient.ts');
        return openDiffusion(import.meta.env.BASE_URL);
      },
      async () => {
        // After a backend switch the kept steps stay valid; only a missing ε̂ is recomputed.
        await this.#predict(this.#generation);
        if (!this.#started) {
          this.#started = true;
          this.#seek(this.#target);
        }
      },
    );
  }

  get settings(): RunSettings {
    return this.#settings;
  }

  /** The frame on screen. */
  get frame(): Frame | null {
    void this.version;
    return this.run?.frames[this.cursor] ?? null;
  }

  start(): Promise<void> {
    return this.live.start();
  }

  /**
   * New settings start a new run from step 0 and walk to `target` (e.g. from a shared link;
   * before the model is ready, the walk starts once it is).
   */
  configure(settings: RunSettings, target?: number): void {
    if (same(settings, this.#settings)) {
      if (!this.#started && target !== undefined) this.#target = target;
      return;
    }
    this.#settings = { ...settings };
    this.#rebuild(target ?? 0);
    if (!this.#started) return;
    const generation = this.#generation;
    this.#predict(generation).then(() => {
      if (generation === this.#generation) this.#seek(target ?? 0);
    }, this.live.report);
  }

  play(): void {
    const run = this.run;
    if (this.playing || !run || this.live.status !== 'ready') return;
    // At the end, Play replays the kept steps from the start, without the model.
    if (run.done && this.cursor === run.frames.length - 1) this.#show(0, true);
    this.#pos = this.cursor;
    this.playing = true;
    this.#lastSpoken = performance.now();
    this.#loop('play');
  }

  pause(): void {
    if (this.#mode === 'idle') return;
    this.#halt();
    this.#show(this.#pos, true);
    this.#speak();
  }

  /** One step forward: a kept one is shown at once, else the model takes it. */
  async stepOnce(): Promise<void> {
    const run = this.run;
    if (!run || this.busy) return;
    this.#halt();
    if (this.cursor < run.frames.length - 1) {
      this.#show(this.cursor + 1, true);
    } else if (!run.done) {
      const generation = this.#generation;
      try {
        await this.#extend(run, generation);
      } catch (e) {
        this.live.report(e);
        return;
      }
      if (generation !== this.#generation) return;
      this.#show(run.frames.length - 1, true);
    }
    this.#speak();
  }

  /** Shows a kept step: instant, no model call. */
  scrub(step: number): void {
    const run = this.run;
    if (!run) return;
    this.#halt();
    this.#show(Math.max(0, Math.min(run.frames.length - 1, Math.round(step))), true);
  }

  /** Back to step 0 of the same run (kept steps stay, so playing again is free). */
  rewind(): void {
    this.scrub(0);
    this.#speak();
  }

  destroy(): void {
    this.#halt();
    this.#generation++;
    this.live.stop();
  }

  #rebuild(target: number): void {
    this.#halt();
    this.#generation++;
    this.run = new ReverseRun(
      SCHEDULE,
      this.#settings,
      IMAGE_LENGTH,
      mulberry32(this.#settings.seed),
      [-1, 1],
    );
    this.#target = target;
    this.taken = 0;
    this.cursor = 0;
    this.#pos = 0;
    this.version++;
  }

  /** Asks the model for the newest frame's ε̂ if it is missing. */
  async #predict(generation: number): Promise<void> {
    const run = this.run;
    const session = this.live.session;
    if (!run || !session || !run.needsNoise) return;
    this.busy = true;
    try {
      const eps = await session.predictNoise(run.last.x, run.last.t);
      if (generation !== this.#generation) return;
      run.setNoise(eps);
      this.calls = session.calls;
      this.version++;
    } finally {
      if (generation === this.#generation) this.busy = false;
    }
  }

  /** Takes one new step: the update, then the model's ε̂ for the new frame. */
  async #extend(run: ReverseRun, generation: number): Promise<void> {
    performance.mark('reverse-process:step-start');
    run.advance();
    this.taken = run.frames.length - 1;
    await this.#predict(generation);
    performance.measure('reverse-process:step', 'reverse-process:step-start');
  }

  #seek(target: number): void {
    const run = this.run;
    if (!run || target <= 0) return;
    this.#target = Math.min(target, run.steps);
    this.#pos = this.cursor;
    this.#loop('seek');
  }

  #loop(mode: Mode): void {
    this.#mode = mode;
    if (this.#frame) cancelAnimationFrame(this.#frame);
    this.#frame = requestAnimationFrame(this.#tick);
  }

  readonly #tick = async (now: number): Promise<void> => {
    this.#frame = 0;
    const run = this.run;
    const generation = this.#generation;
    if (!run || this.#mode === 'idle') return;
    if (this.#pos < run.frames.length - 1) {
      this.#pos++;
    } else if (!run.done) {
      try {
        await this.#extend(run, generation);
      } catch (e) {
        this.#halt();
        this.live.report(e);
        return;
      }
      if (generation !== this.#generation) return; // rebuilt meanwhile: this run is gone
      if (!this.#running()) {
        // Paused while the model was busy: show the step it finished, and stop there.
        this.#show(run.frames.length - 1, true);
        this.#speak();
        return;
      }
      this.#pos = run.frames.length - 1;
    }
    const end = this.#mode === 'seek' ? this.#pos >= this.#target : this.#pos >= run.steps;
    if (end) {
      this.#halt();
      this.#show(this.#pos, true);
      this.#speak();
      return;
    }
    this.#show(this.#pos, false, now);
    if (now - this.#lastSpoken >= ANNOUNCE_MS) this.#speak(now);
    this.#frame = requestAnimationFrame(this.#tick);
  };

  /** Whether Play or a seek is on (read after an await: pause may have run meanwhile). */
  #running(): boolean {
    return this.#mode !== 'idle';
  }

  #show(k: number, always: boolean, now = performance.now()): void {
    this.#pos = k;
    if (!always && this.#reducedMotion() && now - this.#lastShown < REDUCED_MOTION_MS) return;
    this.#lastShown = now;
    this.cursor = k;
  }

  #halt(): void {
    // Also runs on the server (the constructor draws the poster's static), where there are no frames.
    if (this.#frame) cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    this.#mode = 'idle';
    this.playing = false;
  }

  /** Says where the run is, for screen readers. */
  #speak(now = performance.now()): void {
    const run = this.run;
    if (!run) return;
    this.#lastSpoken = now;
    const t = run.frames[this.cursor]?.t ?? 0;
    this.announcement =
      t === 0
        ? `Finished: step ${this.cursor} of ${run.steps}, the face is done.`
        : `Step ${this.cursor} of ${run.steps}, t = ${t}.`;
  }
}
