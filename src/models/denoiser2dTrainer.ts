/**
 * Training loop of the live 2-D denoiser (`denoiser2d.ts`), the same in the Web Worker and
 * in Node's tests: a fixed pool of the data's points, Adam or SGD over the whole net at once
 * (`flatAdam.ts`), every random number drawn from one seed. Losses stay on the backend
 * until `takeLosses` reads them all in one transfer.
 */
import * as tf from '@tensorflow/tfjs-core';
import { mulberry32, normal } from '../data/random.ts';
import { makeSchedule, type Schedule } from './diffusion/schedule.ts';
import {
  denoiserGradients,
  initDenoiser2d,
  makeBatch,
  predict2d,
  samplePaths,
  type Objective2d,
} from './denoiser2d.ts';
import { FlatAdam } from './flatAdam.ts';
import { FlatSgd, type FlatOptimizer } from './flatSgd.ts';
import type { Optimizer2d } from './gan2dPresets.ts';
import { pointPool, type Data2d as Gan2dData } from '../data/points2d.ts';
import type { Shape2d } from './mlp2d.ts';
import { toVariables } from './nn.ts';
import { DIFFUSION_T } from './sampling.ts';

export interface Denoiser2dSettings {
  objective: Objective2d;
  distribution: Gan2dData;
  drawn?: Float32Array;
  shape: Shape2d;
  optimizer: Optimizer2d;
  lr: number;
  seed: number;
  /** Points per batch (256 unless a benchmark asks otherwise). */
  batch?: number;
}

const POOL = 8192;
const BATCH = 256;
/**
 * Samples come from an exponential moving average of the weights, as image diffusion models'
 * do (Ho et al. 2020): measured on the two moons, the raw weights' samples wandered between
 * energy distances 0.05 and 0.3 from one few hundred steps to the next.
 */
const EMA = 0.98;
/**
 * The average is updated every few steps (with the decay those steps would have had): each
 * update is three kernel calls per weight, which cost a step as much as its matmuls.
 */
const EMA_EVERY = 4;

let instances = 0;

export class Denoiser2dTrainer {
  steps = 0;
  readonly schedule: Schedule = makeSchedule({ kind: 'linear', T: DIFFUSION_T });
  readonly #vars: Record<string, tf.Variable>;
  readonly #ema: Record<string, tf.Variable>;
  readonly #opt: FlatOptimizer;
  readonly #settings: Denoiser2dSettings;
  readonly #uniform: () => number;
  readonly #gauss: () => number;
  #pool: Float32Array;
  #pending: { step: number; loss: tf.Scalar }[] = [];

  constructor(settings: Denoiser2dSettings) {
    this.#settings = { ...settings };
    const { seed, shape, lr } = settings;
    const id = ++instances;
    this.#vars = toVariables(initDenoiser2d(seed, shape), `denoiser2d-${id}`);
    this.#ema = toVariables(initDenoiser2d(seed, shape), `denoiser2d-${id}-ema`);
    const weights = Object.values(this.#vars);
    this.#opt = settings.optimizer === 'sgd' ? new FlatSgd(weights, lr) : new FlatAdam(weights, lr);
    this.#uniform = mulberry32(seed + 3000);
    this.#gauss = normal(this.#uniform);
    this.#pool = pointPool(settings.distribution, settings.drawn, POOL, seed + 2000);
  }

  get objective(): Objective2d {
    return this.#settings.objective;
  }

  /** New drawn points: the net keeps its weights and learns the new ones. */
  redraw(drawn: Float32Array): void {
    this.#settings.drawn = drawn;
    this.#pool = pointPool('draw', drawn, POOL, this.#settings.seed + 2000);
  }

  /** One update on a fresh batch (nothing to learn from an empty drawing). */
  step(): void {
    const n = this.#settings.batch ?? BATCH;
    const count = this.#pool.length / 2;
    if (count === 0) return;
    const x0 = new Float32Array(2 * n);
    for (let b = 0; b < n; b++) {
      const i = Math.floor(this.#uniform() * count);
      x0[2 * b] = this.#pool[2 * i]!;
      x0[2 * b + 1] = this.#pool[2 * i + 1]!;
    }
    const eps = Float32Array.from({ length: 2 * n }, this.#gauss);
    const u = Float32Array.from({ length: n }, this.#uniform);
    const batch = makeBatch(this.#settings.objective, x0, eps, u, this.schedule);
    const result = tf.tidy(() => denoiserGradients(this.#vars, batch));
    const grads = Object.keys(this.#vars).map((name) => result.grads[name]!);
    this.#opt.apply(grads);
    tf.dispose(grads);
    this.steps++;
    if (this.steps % EMA_EVERY === 0) this.#average();
    this.#pending.push({ step: this.steps, loss: result.loss });
  }

  /** ema ← d·ema + (1 − d)·w, for the last EMA_EVERY steps at once. */
  #average(): void {
    // The first steps follow the weights closely (a fresh average of fresh weights means little).
    const decay = Math.min(EMA, (1 + this.steps) / (10 + this.steps)) ** EMA_EVERY;
    tf.tidy(() => {
      for (const [name, v] of Object.entries(this.#vars)) {
        const e = this.#ema[name]!;
        e.assign(tf.add(tf.mul(e, decay), tf.mul(v, 1 - decay)));
      }
    });
  }

  /** The loss of every step since the last call, read back in one transfer. */
  takeLosses(): { step: number; value: number }[] {
    const pending = this.#pending;
    this.#pending = [];
    if (pending.length === 0) return [];
    const all = tf.stack(pending.map((p) => p.loss));
    const values = all.dataSync();
    tf.dispose([all, ...pending.map((p) => p.loss)]);
    return pending.map(({ step }, i) => ({ step, value: values[i] ?? Number.NaN }));
  }

  /** Sampling frames for `n` points from noise drawn from `seed` (see `samplePaths`). */
  sample(n: number, steps: number, seed: number): Float32Array[] {
    const noise = Float32Array.from({ length: 2 * n }, normal(mulberry32(seed)));
    return samplePaths(
      this.#settings.objective,
      (x, time) => {
        const out = tf.tidy(() =>
          predict2d(this.#ema, tf.tensor2d(x, [n, 2]), new Float32Array(n).fill(time)),
        );
        const values = out.dataSync() as Float32Array;
        out.dispose();
        return values;
      },
      noise,
      steps,
      this.schedule,
    );
  }

  /** The net's averaged weights by name ('n1/kernel', …), the ones it samples with. */
  weights(): Record<string, Float32Array> {
    return Object.fromEntries(
      Object.entries(this.#ema).map(([name, v]) => [name, v.dataSync() as Float32Array]),
    );
  }

  /** Takes over saved weights of this net's shapes (Adam's moments start afresh). */
  adopt(weights: Record<string, Float32Array>, steps: number): void {
    for (const [name, v] of Object.entries(this.#vars)) {
      const values = weights[name];
      if (values?.length !== v.size) throw new Error(`adopt: weight ${name} does not fit`);
      tf.tidy(() => {
        v.assign(tf.tensor(values, v.shape));
        this.#ema[name]!.assign(v);
      });
    }
    tf.dispose(this.#pending.map((p) => p.loss));
    this.#pending = [];
    this.steps = steps;
  }

  dispose(): void {
    tf.dispose([
      ...Object.values(this.#vars),
      ...Object.values(this.#ema),
      ...this.#pending.map((p) => p.loss),
    ]);
    this.#pending = [];
    this.#opt.dispose();
  }
}
