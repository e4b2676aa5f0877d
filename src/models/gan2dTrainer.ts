/**
 * Training loop of the live 2-D GAN (`gan2d.ts`), the same in the page and in Node's tests:
 * Adam for both players (`flatAdam.ts`), and every random number (initial weights, real
 * batches, noise) drawn from one seed, so a preset plays out the same way each time.
 *
 * One round, as in Goodfellow et al. 2014 (Algorithm 1), is `dSteps` updates of D followed
 * by one update of G; `stepD` and `stepG` let a reader take them one at a time. Losses stay
 * on the backend until `takeLosses` reads them all at once (one read per animation frame,
 * not one per step). Call `dispose` when done: a trainer owns its weights, Adam's moments
 * and the fixed noise of its snapshot.
 */
import * as tf from '@tensorflow/tfjs-core';
import { mulberry32, normal } from '../data/random.ts';
import { pointPool, type Data2d } from '../data/points2d.ts';
import {
  belief,
  discriminate2d,
  discriminatorGradients,
  generate2d,
  generatorGradients,
  generatorPull,
  initDiscriminator2d,
  initGenerator2d,
  type GanLoss,
  type Gradients,
  type Shape2d,
} from './gan2d.ts';
import { FlatAdam } from './flatAdam.ts';
import { FlatSgd, type FlatOptimizer } from './flatSgd.ts';
import type { Optimizer2d } from './gan2dPresets.ts';
import { toVariables } from './nn.ts';

/** A preset distribution, or the reader's own drawing (`drawn`). */
export type Gan2dData = Data2d;

export interface Gan2dSettings {
  distribution: Gan2dData;
  /** The drawn points (flat [x0, y0, …]) when `distribution` is 'draw'. */
  drawn?: Float32Array;
  loss: GanLoss;
  /** Adam learning rates of the discriminator and the generator. */
  lrD: number;
  lrG: number;
  /** Updates of D per update of G in one round. */
  dSteps: number;
  /** Dimension of the generator's input noise z. */
  noiseDim: number;
  seed: number;
  /** The players' networks (default: two hidden layers of 64 units each). */
  g?: Shape2d;
  d?: Shape2d;
  /** Adam (default) or plain SGD, for both players. */
  optimizer?: Optimizer2d;
}

/** Points per training batch (real and fake alike). */
export const BATCH = 64;
/** Real points are drawn from a fixed pool of this many samples of the distribution. */
const POOL = 8192;
/** Adam's β₁ as in DCGAN (Radford et al. 2015): less momentum, steadier games. */
const BETA1 = 0.5;
const BETA2 = 0.999;

export interface LossRecord {
  player: 'd' | 'g';
  /** The step (G update) the update belongs to: D's updates count towards G's next one. */
  step: number;
  value: number;
}

/** What the figure draws, read back in one piece. Flat arrays, [x0, y0, x1, y1, …]. */
export interface Gan2dSnapshot {
  /** G applied to the fixed snapshot noise. */
  fakes: Float32Array;
  /** −∂L_G/∂x at the first `arrows` fakes. */
  pulls: Float32Array;
  /** D's belief that a point is real on the `grid`×`grid` lattice, top row first. */
  field: Float32Array;
  /** Mean belief of D on a batch of real points and on the fakes. */
  dReal: number;
  dFake: number;
}

export interface SnapshotOptions {
  /** Fakes to draw; fixed noise, so each point moves smoothly as G learns. */
  fakes: number;
  arrows: number;
  grid: number;
  /** The field spans [−extent, extent]² (y up). */
  extent: number;
}

/** Names variables uniquely, so a new trainer never collides with one not yet disposed. */
let instances = 0;

export class Gan2dTrainer {
  /** Updates of each player so far; the figure counts its steps in G updates. */
  dUpdates = 0;
  gUpdates = 0;
  readonly #g: Record<string, tf.Variable>;
  readonly #d: Record<string, tf.Variable>;
  readonly #optD: FlatOptimizer;
  readonly #optG: FlatOptimizer;
  #pool: Float32Array;
  readonly #uniform: () => number;
  readonly #gauss: () => number;
  #settings: Gan2dSettings;
  /** Loss scalars not yet read, with their player and step. */
  #pending: { player: 'd' | 'g'; step: number; loss: tf.Scalar }[] = [];
  #snapshotNoise: tf.Tensor2D | null = null;
  #realProbe: tf.Tensor2D;

  constructor(settings: Gan2dSettings) {
    this.#settings = { ...settings };
    const id = ++instances;
    const { seed, noiseDim } = settings;
    this.#g = toVariables(initGenerator2d(seed, noiseDim, settings.g), `gan2d-${id}/g`);
    this.#d = toVariables(initDiscriminator2d(seed + 1000, settings.d), `gan2d-${id}/d`);
    const optimizer = (weights: tf.Variable[], lr: number): FlatOptimizer =>
      settings.optimizer === 'sgd'
        ? new FlatSgd(weights, lr)
        : new FlatAdam(weights, lr, BETA1, BETA2);
    this.#optG = optimizer(Object.values(this.#g), settings.lrG);
    this.#optD = optimizer(Object.values(this.#d), settings.lrD);
    this.#pool = realPool(settings);
    this.#uniform = mulberry32(seed + 3000);
    this.#gauss = normal(this.#uniform);
    this.#realProbe = tf.tensor2d(this.#realBatch(), [BATCH, 2]);
  }

  /**
   * New drawn data for a run on a drawing: the players keep their weights and chase the new
   * points (a reader adding a stroke mid-run sees the fakes move to it).
   */
  redraw(drawn: Float32Array): void {
    this.#settings.drawn = drawn;
    this.#pool = realPool(this.#settings);
    this.#realProbe.dispose();
    this.#realProbe = tf.tensor2d(this.#realBatch(), [BATCH, 2]);
  }

  /** Changes learning rates, D steps or the loss for the following updates. */
  tune(changes: Partial<Pick<Gan2dSettings, 'lrD' | 'lrG' | 'dSteps' | 'loss'>>): void {
    Object.assign(this.#settings, changes);
    // Adam keeps its moments: only the step size changes.
    this.#optD.learningRate = this.#settings.lrD;
    this.#optG.learningRate = this.#settings.lrG;
  }

  /** One update of D on a fresh real batch and a fresh fake batch. */
  stepD(): void {
    const { loss } = this.#settings;
    const real = this.#realBatch();
    const z = this.#noiseValues(BATCH);
    const step = tf.tidy(() =>
      discriminatorGradients(
        loss,
        this.#d,
        this.#g,
        tf.tensor2d(real, [BATCH, 2]),
        tf.tensor2d(z, [BATCH, this.#settings.noiseDim]),
      ),
    );
    this.#apply(this.#optD, this.#d, step);
    this.dUpdates++;
    // D's updates belong to the step that G's next update completes.
    this.#pending.push({ player: 'd', step: this.gUpdates + 1, loss: step.loss });
  }

  /** One update of G on fresh noise, against the current D (whose weights stay put). */
  stepG(): void {
    const { loss } = this.#settings;
    const z = this.#noiseValues(BATCH);
    const step = tf.tidy(() =>
      generatorGradients(loss, this.#d, this.#g, tf.tensor2d(z, [BATCH, this.#settings.noiseDim])),
    );
    this.#apply(this.#optG, this.#g, step);
    this.gUpdates++;
    this.#pending.push({ player: 'g', step: this.gUpdates, loss: step.loss });
  }

  /** One round: `dSteps` updates of D, then one of G. */
  round(): void {
    for (let i = 0; i < this.#settings.dSteps; i++) this.stepD();
    this.stepG();
  }

  /**
   * The loss of every update since the last call, in order, read back in one transfer. NaN
   * marks a run that has blown up.
   */
  takeLosses(): LossRecord[] {
    const pending = this.#pending;
    this.#pending = [];
    if (pending.length === 0) return [];
    const all = tf.stack(pending.map((p) => p.loss));
    const values = all.dataSync();
    tf.dispose([all, ...pending.map((p) => p.loss)]);
    return pending.map(({ player, step }, i) => ({ player, step, value: values[i] ?? Number.NaN }));
  }

  /** Fakes, pulls, D's field and mean beliefs in one read (all tensors freed). */
  snapshot({ fakes, arrows, grid, extent }: SnapshotOptions): Gan2dSnapshot {
    const { loss, noiseDim } = this.#settings;
    if (this.#snapshotNoise?.shape[0] !== fakes) {
      this.#snapshotNoise?.dispose();
      const noise = normal(mulberry32(this.#settings.seed + 4000));
      this.#snapshotNoise = tf.tensor2d(Float32Array.from({ length: fakes * noiseDim }, noise), [
        fakes,
        noiseDim,
      ]);
    }
    const z = this.#snapshotNoise;
    const lattice = latticePoints(grid, extent);
    const flat = tf.tidy(() => {
      const x = generate2d(this.#g, z);
      const pulls = generatorPull(loss, this.#d, tf.slice(x, [0, 0], [arrows, 2]));
      const field = belief(loss, discriminate2d(this.#d, tf.tensor2d(lattice, [grid * grid, 2])));
      const dReal = tf.mean(belief(loss, discriminate2d(this.#d, this.#realProbe)));
      const dFake = tf.mean(belief(loss, discriminate2d(this.#d, x)));
      return tf.concat([
        tf.reshape(x, [-1]),
        tf.reshape(pulls, [-1]),
        tf.reshape(field, [-1]),
        tf.reshape(dReal, [1]),
        tf.reshape(dFake, [1]),
      ]);
    });
    const values = flat.dataSync() as Float32Array;
    flat.dispose();
    let at = 0;
    const take = (n: number) => values.slice(at, (at += n));
    return {
      fakes: take(fakes * 2),
      pulls: take(arrows * 2),
      field: take(grid * grid),
      dReal: values[at] ?? Number.NaN,
      dFake: values[at + 1] ?? Number.NaN,
    };
  }

  /** `n` points from G for noise drawn from `seed`, e.g. to compare two runs. */
  sample(n: number, seed: number): Float32Array {
    const noise = normal(mulberry32(seed));
    const out = tf.tidy(() =>
      generate2d(
        this.#g,
        tf.tensor2d(Float32Array.from({ length: n * this.#settings.noiseDim }, noise), [
          n,
          this.#settings.noiseDim,
        ]),
      ),
    );
    const values = out.dataSync() as Float32Array;
    out.dispose();
    return values;
  }

  /** Both players' weights by name ('g1/kernel', 'd1/bias', …), read back for saving. */
  weights(): Record<string, Float32Array> {
    const all = { ...this.#g, ...this.#d };
    return Object.fromEntries(
      Object.entries(all).map(([name, v]) => [name, v.dataSync() as Float32Array]),
    );
  }

  /**
   * Takes over saved weights (of this trainer's shapes, checked by the caller) and the
   * counters of the run they came from. Adam's moments start afresh: the file keeps the
   * model, not the optimiser.
   */
  adopt(weights: Record<string, Float32Array>, gUpdates: number, dUpdates: number): void {
    for (const [name, v] of Object.entries({ ...this.#g, ...this.#d })) {
      const values = weights[name];
      if (values?.length !== v.size) throw new Error(`adopt: weight ${name} does not fit`);
      tf.tidy(() => v.assign(tf.tensor(values, v.shape)));
    }
    tf.dispose(this.#pending.map((p) => p.loss));
    this.#pending = [];
    this.gUpdates = gUpdates;
    this.dUpdates = dUpdates;
  }

  dispose(): void {
    tf.dispose([
      ...Object.values(this.#g),
      ...Object.values(this.#d),
      ...this.#pending.map((p) => p.loss),
      this.#realProbe,
    ]);
    this.#snapshotNoise?.dispose();
    this.#pending = [];
    this.#optD.dispose();
    this.#optG.dispose();
  }

  #realBatch(): Float32Array {
    const out = new Float32Array(BATCH * 2);
    const n = this.#pool.length / 2;
    if (n === 0) return out; // an empty drawing: the figure offers no training
    for (let b = 0; b < BATCH; b++) {
      const i = Math.floor(this.#uniform() * n);
      out[2 * b] = this.#pool[2 * i] ?? 0;
      out[2 * b + 1] = this.#pool[2 * i + 1] ?? 0;
    }
    return out;
  }

  #noiseValues(n: number): Float32Array {
    return Float32Array.from({ length: n * this.#settings.noiseDim }, this.#gauss);
  }

  /** The optimiser on one player's weights (in its order); frees the gradients. */
  #apply(optimizer: FlatOptimizer, vars: Record<string, tf.Variable>, step: Gradients): void {
    const grads = Object.keys(vars).map((name) => step.grads[name]!);
    optimizer.apply(grads);
    tf.dispose(grads);
  }
}

/** The fixed pool real batches are drawn from: the preset's samples or the drawing's. */
function realPool({ distribution, drawn, seed }: Gan2dSettings): Float32Array {
  return pointPool(distribution, drawn, POOL, seed + 2000);
}

/** Centres of a `grid`×`grid` lattice of cells over [−extent, extent]², top row first. */
export function latticePoints(grid: number, extent: number): Float32Array {
  const out = new Float32Array(grid * grid * 2);
  const cell = (2 * extent) / grid;
  for (let row = 0; row < grid; row++) {
    for (let col = 0; col < grid; col++) {
      const i = row * grid + col;
      out[2 * i] = -extent + (col + 0.5) * cell;
      out[2 * i + 1] = extent - (row + 0.5) * cell;
    }
  }
  return out;
}
