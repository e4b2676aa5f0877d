/**
 * The live side of the 2-D GAN figure: loads TensorFlow.js and the trainer when the figure
 * wakes, and runs training in chunks, one per animation frame.
 *
 * Every frame trains for a few milliseconds (stopping early when a key press or tap is
 * waiting) and reads the losses in one transfer. About 30 times a second a frame also reads
 * and draws the picture (fakes, arrows, D's field, the readouts) and trains for less, so
 * that no frame's work grows long; the loss chart follows 5 times a second. The browser gets
 * the rest of each frame for input and painting. Paused means paused: no animation frame is
 * requested and no timer is set. With reduced motion the picture is redrawn twice a second.
 *
 * Going live (status, runtime, retry) is LiveSession's, as for every live figure; the
 * "session" here is the shared runtime together with the trainer class.
 */
import type { Runtime } from '../../../models/runtime.ts';
import type { Gan2dSettings, Gan2dSnapshot, Gan2dTrainer } from '../../../models/gan2dTrainer.ts';
import type { Shape2d } from '../../../models/gan2d.ts';
import { MODES, modeCoverage, type Coverage } from '../../../models/modeCoverage.ts';
import { PICTURE } from '../../../models/gan2dPresets.ts';
import { LossHistory } from '../../../charts/lossHistory.ts';
import { LiveSession } from '../../shell/liveSession.svelte.ts';

/**
 * Training time per animation frame, and on frames that also draw (reading the picture
 * took 2–3 ms and Svelte's update about as much, measured in headless Chromium).
 */
const TRAIN_MS = 12;
const TRAIN_MS_WHEN_DRAWING = 6;
/** Least time between two pictures: about 30 per second, or 2 with reduced motion. */
const DRAW_MS = 30;
const REDUCED_MOTION_DRAW_MS = 500;
const CHART_MS = 200;
/** How often the speed readout changes. */
const METER_MS = 500;

type Settings = Gan2dSettings;

/** What going live opens: the runtime to follow, and the trainer to build on it. */
interface TrainerSession {
  runtime: Runtime;
  Trainer: typeof Gan2dTrainer;
}

/** Loads TensorFlow.js and the trainer on demand, off the page's critical path. */
async function openTrainer(): Promise<TrainerSession> {
  const [{ getRuntime }, { Gan2dTrainer }] = await Promise.all([
    import('../../../models/runtime.ts'),
    import('../../../models/gan2dTrainer.ts'),
  ]);
  return { runtime: await getRuntime(), Trainer: Gan2dTrainer };
}

export class LiveGan2d extends LiveSession<TrainerSession> {
  playing = $state(false);
  /** Steps (generator updates) and discriminator updates so far. */
  step = $state(0);
  dUpdates = $state(0);
  picture: Gan2dSnapshot | null = $state.raw(null);
  coverage: Coverage | null = $state.raw(null);
  /** Steps per second while playing, measured over the last half second. */
  speed = $state(0);
  /** Set when a loss became NaN or infinite; training stops. */
  blewUp = $state(false);
  /** Bumped whenever the loss histories change, for the chart to redraw. */
  lossVersion = $state(0);
  readonly dLoss = new LossHistory();
  readonly gLoss = new LossHistory();

  #trainer: Gan2dTrainer | null = null;
  #settings: Settings;
  #frame = 0;
  #lastDraw = Number.NEGATIVE_INFINITY;
  #lastChart = Number.NEGATIVE_INFINITY;
  #meter = { since: 0, steps: 0 };
  readonly #reducedMotion: () => boolean;

  constructor(settings: Settings, reducedMotion: () => boolean) {
    // A new backend holds none of the old weights: every runtime change starts the run afresh.
    super(openTrainer, async () => this.#rebuild());
    this.#settings = { ...settings };
    this.#reducedMotion = reducedMotion;
  }

  /**
   * New settings: a distribution, noise size, seed, network or optimiser change restarts the
   * run (new weights, new moments); new drawn
   * points or new rates carry on from the current weights.
   */
  configure(settings: Settings): void {
    const old = this.#settings;
    this.#settings = { ...settings };
    const trainer = this.#trainer;
    if (!trainer) return;
    if (
      old.distribution !== settings.distribution ||
      old.noiseDim !== settings.noiseDim ||
      old.seed !== settings.seed ||
      old.optimizer !== settings.optimizer ||
      !sameShape(old.g, settings.g) ||
      !sameShape(old.d, settings.d)
    ) {
      this.#rebuild();
      return;
    }
    const { lrD, lrG, dSteps, loss } = settings;
    trainer.tune({ lrD, lrG, dSteps, loss });
    const redrawn = settings.distribution === 'draw' && !sameDrawing(old.drawn, settings.drawn);
    if (redrawn) trainer.redraw(settings.drawn ?? new Float32Array(0));
    // D's field means something else under another loss; the real probe changed with the data.
    if ((redrawn || loss !== old.loss) && !this.playing) this.#draw();
  }

  /** Back to step 0 with fresh weights from the seed. */
  restart(): void {
    if (this.#trainer) this.#rebuild();
  }

  play(): void {
    if (this.playing || !this.#trainer || this.blewUp) return;
    this.playing = true;
    this.#meter = { since: performance.now(), steps: 0 };
    this.#frame = requestAnimationFrame(this.#tick);
  }

  /** Stops training; the picture and the chart catch up with the last step. */
  pause(): void {
    const wasPlaying = this.playing;
    this.#stop();
    if (wasPlaying && this.#trainer) {
      this.#draw();
      this.lossVersion++;
    }
  }

  #stop(): void {
    this.playing = false;
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    this.speed = 0;
  }

  /** One step, or one update of a single player; pauses first. */
  stepOnce(what: 'step' | 'd' | 'g'): void {
    if (!this.#trainer || this.blewUp) return;
    this.#stop();
    if (what === 'step') this.#trainer.round();
    else if (what === 'd') this.#trainer.stepD();
    else this.#trainer.stepG();
    this.#collect();
    this.#draw();
    this.lossVersion++;
  }

  /** The run as a model file holds it: both players' weights and the counters. */
  model(): { weights: Record<string, Float32Array>; step: number; dUpdates: number } | null {
    const t = this.#trainer;
    return t ? { weights: t.weights(), step: t.gUpdates, dUpdates: t.dUpdates } : null;
  }

  /**
   * Continues from a loaded model: a new run with its settings, then its weights and counters
   * (the loss chart starts empty; the file keeps the model, not its history). Paused.
   */
  adopt(settings: Settings, weights: Record<string, Float32Array>, step: number, dUpdates: number) {
    this.#stop();
    this.#settings = { ...settings };
    this.#rebuild();
    this.#trainer?.adopt(weights, step, dUpdates);
    this.#draw();
  }

  /** A failure (a dead runtime, a throwing step) also stops training. */
  override fail(e: unknown): void {
    this.#stop();
    super.fail(e);
  }

  destroy(): void {
    this.#stop();
    this.stop();
    this.#trainer?.dispose();
    this.#trainer = null;
  }

  #tick = (now: number): void => {
    this.#frame = 0;
    const trainer = this.#trainer;
    if (!this.playing || !trainer) return;
    try {
      const drawing =
        now - this.#lastDraw >= (this.#reducedMotion() ? REDUCED_MOTION_DRAW_MS : DRAW_MS);
      const budget = drawing ? TRAIN_MS_WHEN_DRAWING : TRAIN_MS;
      const start = performance.now();
      const stepsBefore = trainer.gUpdates;
      do trainer.round();
      while (performance.now() - start < budget && !inputPending());
      this.#collect();
      if (drawing) {
        this.#draw();
        this.#lastDraw = now;
      }
      if (drawing && now - this.#lastChart >= CHART_MS) {
        this.lossVersion++;
        this.#lastChart = now;
      }
      this.#measure(now, trainer.gUpdates - stepsBefore);
    } catch (e) {
      this.fail(e);
      return;
    }
    if (this.blewUp) {
      this.pause();
    } else {
      this.#frame = requestAnimationFrame(this.#tick);
    }
  };

  #measure(now: number, steps: number): void {
    const m = this.#meter;
    m.steps += steps;
    const elapsed = now - m.since;
    if (elapsed < METER_MS) return;
    this.speed = (m.steps * 1000) / elapsed;
    this.#meter = { since: now, steps: 0 };
  }

  /** Moves the pending losses into the histories (the chart redraws when told). */
  #collect(): void {
    const trainer = this.#trainer;
    if (!trainer) return;
    for (const { player, step, value } of trainer.takeLosses()) {
      (player === 'd' ? this.dLoss : this.gLoss).push(step, value);
      if (!Number.isFinite(value)) this.blewUp = true;
    }
  }

  /** Reads the picture and publishes it with the counters. */
  #draw(): void {
    const trainer = this.#trainer;
    if (!trainer) return;
    this.step = trainer.gUpdates;
    this.dUpdates = trainer.dUpdates;
    const picture = trainer.snapshot(PICTURE);
    this.picture = picture;
    const { distribution } = this.#settings;
    const modes = distribution === 'draw' ? undefined : MODES[distribution];
    this.coverage = modes ? modeCoverage(picture.fakes, modes) : null;
  }

  /** Fresh weights from the seed, step 0; a run that was playing keeps playing. */
  #rebuild(): void {
    const Trainer = this.session?.Trainer;
    if (!Trainer) return;
    const wasPlaying = this.playing;
    this.#stop();
    this.#trainer?.dispose();
    this.#trainer = new Trainer(this.#settings);
    this.blewUp = false;
    this.dLoss.clear();
    this.gLoss.clear();
    this.#draw();
    this.lossVersion++;
    if (wasPlaying) this.play();
  }
}

/** Whether two drawings hold the same points (a new array from the link each time). */
function sameDrawing(a: Float32Array | undefined, b: Float32Array | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  return a.every((v, i) => v === b[i]);
}

/** Whether a key press or tap is waiting (Chromium's isInputPending; false elsewhere). */
function inputPending(): boolean {
  const scheduling = (navigator as Navigator & { scheduling?: { isInputPending?: () => boolean } })
    .scheduling;
  return scheduling?.isInputPending?.() ?? false;
}

function sameShape(a: Shape2d | undefined, b: Shape2d | undefined): boolean {
  return a?.layers === b?.layers && a?.units === b?.units;
}
