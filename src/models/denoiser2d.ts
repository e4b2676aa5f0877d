/**
 * The live 2-D denoiser: one small MLP that learns, in the page, to turn noise into the
 * reader's points, under either of two objectives on the same network.
 *
 * - 'diffusion' (Ho et al. 2020): xₜ = √ᾱₜ·x₀ + √(1 − ᾱₜ)·ε on the chapter's linear
 *   schedule (T = 1000); the net predicts ε; sampling is deterministic DDIM (Song et al. 2020).
 * - 'flow' (flow matching, Lipman et al. 2022; rectified flow, Liu et al. 2022):
 *   xₛ = (1 − s)·ε + s·x₀ for s ~ U(0, 1); the net predicts the velocity x₀ − ε; sampling
 *   integrates dx/ds = v(x, s) from s = 0 (noise) to 1 by Euler steps.
 *
 * Net: (x, y, 16 smooth features of the time τ) → layers × (dense units → SiLU) → dense 2,
 * with τ ∈ [0, 1] and τ = 1 pure noise under both objectives (τ = t/T for diffusion,
 * τ = 1 − s for flow). The gradient is written out (mlp2d.ts).
 * Pure tfjs and arrays, no DOM: the trainer (denoiser2dTrainer.ts) runs it in a Web Worker.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Params } from './nn.ts';
import {
  initMlp,
  layersOf,
  mlpBackward,
  mlpForward,
  mlpShapes,
  type Shape2d,
  type Tape,
} from './mlp2d.ts';
import { alphaBarAt, type Schedule } from './diffusion/schedule.ts';
import { ddimStep } from './diffusion/sampler.ts';
import { timesteps } from './diffusion/schedule.ts';

export const OBJECTIVES_2D = ['diffusion', 'flow'] as const;
export type Objective2d = (typeof OBJECTIVES_2D)[number];
export const OBJECTIVE_LABELS: Record<Objective2d, string> = {
  diffusion: 'Diffusion (predict the noise, DDIM sampler)',
  flow: 'Flow matching (predict the velocity, Euler sampler)',
};

const PREFIX = 'n';
/**
 * Frequencies (in half turns over τ ∈ [0, 1]) of the time features: slow enough that the
 * net's answer changes smoothly between two sampling steps. (The transformer embedding of
 * integer steps, as the image models use, has periods of a few steps here: measured, it made
 * the paths wiggle, flow matching's most of all.)
 */
const FREQUENCIES = [0.5, 1, 1.5, 2, 3, 4, 6, 8];
const TIME_DIM = 2 * FREQUENCIES.length;

/** sin and cos of π·f·τ for each frequency f, per time τ: [n · TIME_DIM]. */
export function timeFeatures(taus: ArrayLike<number>): Float32Array {
  const out = new Float32Array(taus.length * TIME_DIM);
  for (let b = 0; b < taus.length; b++) {
    FREQUENCIES.forEach((f, i) => {
      out[b * TIME_DIM + 2 * i] = Math.sin(Math.PI * f * taus[b]!);
      out[b * TIME_DIM + 2 * i + 1] = Math.cos(Math.PI * f * taus[b]!);
    });
  }
  return out;
}

export function initDenoiser2d(seed: number, shape: Shape2d): Params {
  // A small last layer: the first predictions sit near zero rather than far off the plane.
  return initMlp(seed, PREFIX, 2 + TIME_DIM, 2, shape, 0.1);
}

/** The weights a saved denoiser of `shape` must hold, by name. */
export function denoiserShapes(shape: Shape2d): Record<string, number[]> {
  return mlpShapes(PREFIX, 2 + TIME_DIM, 2, shape);
}

function inputs(x: tf.Tensor2D, times: ArrayLike<number>): tf.Tensor2D {
  const n = x.shape[0];
  return tf.concat([x, tf.tensor2d(timeFeatures(times), [n, TIME_DIM])], 1);
}

/** The net's output [n, 2] (ε̂ or v̂) for points x [n, 2] at times τ `times` (1: noise). */
export function predict2d(p: Params, x: tf.Tensor2D, times: ArrayLike<number>, tape?: Tape) {
  return mlpForward(p, layersOf(p, PREFIX), inputs(x, times), 'silu', tape);
}

/** One training batch, made in plain arrays: the net's inputs and what it should answer. */
export interface Batch2d {
  x: Float32Array;
  times: Float32Array;
  target: Float32Array;
}

/**
 * A batch for `objective` from clean points x₀ (flat), noise ε of the same length and one
 * uniform number u ∈ [0, 1) per point (the time).
 */
export function makeBatch(
  objective: Objective2d,
  x0: Float32Array,
  eps: Float32Array,
  u: Float32Array,
  schedule: Schedule,
): Batch2d {
  const n = u.length;
  const x = new Float32Array(2 * n);
  const target = new Float32Array(2 * n);
  const times = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    if (objective === 'diffusion') {
      const t = 1 + Math.min(schedule.T - 1, Math.floor(u[i]! * schedule.T));
      const ab = alphaBarAt(schedule.alphaBars, t);
      const a = Math.sqrt(ab);
      const b = Math.sqrt(1 - ab);
      times[i] = t / schedule.T;
      for (let k = 2 * i; k < 2 * i + 2; k++) {
        x[k] = a * x0[k]! + b * eps[k]!;
        target[k] = eps[k]!;
      }
    } else {
      const s = u[i]!;
      times[i] = 1 - s;
      for (let k = 2 * i; k < 2 * i + 2; k++) {
        x[k] = (1 - s) * eps[k]! + s * x0[k]!;
        target[k] = x0[k]! - eps[k]!;
      }
    }
  }
  return { x, times, target };
}

/** A type rather than an interface, so that `tf.tidy` can return it. */
export type DenoiserGradients = { loss: tf.Scalar; grads: tf.NamedTensorMap };

/** The mean squared error of the net's answer on `batch`, and its gradient. */
export function denoiserGradients(p: Params, batch: Batch2d): DenoiserGradients {
  const n = batch.times.length;
  const tape: Tape = [];
  const out = predict2d(p, tf.tensor2d(batch.x, [n, 2]), batch.times, tape);
  const diff = tf.sub(out, tf.tensor2d(batch.target, [n, 2]));
  // L = mean over the n·2 numbers of diff², so ∂L/∂out = 2·diff / (2n).
  const dOut = tf.div(diff, n) as tf.Tensor2D;
  return {
    loss: tf.mean(tf.square(diff)),
    grads: mlpBackward(p, layersOf(p, PREFIX), tape, dOut, 'silu').grads,
  };
}

/** The net as the samplers call it: flat points in, flat answers out, at one time τ. */
export type Field2d = (x: Float32Array, time: number) => Float32Array;

/** Frames of a sampling run: frame 0 is the noise, the last the samples (flat points). */
export function samplePaths(
  objective: Objective2d,
  field: Field2d,
  noise: Float32Array,
  steps: number,
  schedule: Schedule,
): Float32Array[] {
  const frames: Float32Array[] = [Float32Array.from(noise)];
  let x: Float32Array = frames[0]!;
  if (objective === 'diffusion') {
    const ts = timesteps(schedule.T, steps);
    ts.forEach((t, k) => {
      const tPrev = ts[k + 1] ?? 0;
      x = ddimStep(x, field(x, t / schedule.T), t, tPrev, schedule, 0, null);
      frames.push(x);
    });
  } else {
    const h = 1 / steps;
    for (let k = 0; k < steps; k++) {
      const v = field(x, 1 - k * h);
      x = x.map((xi, i) => xi + h * v[i]!);
      frames.push(x);
    }
  }
  return frames;
}

/**
 * How straight the sampling paths are: the summed distance from each point's start to its
 * end over the summed length of the paths they took (1: every path a straight line). Summed
 * rather than averaged per point, so a point that lands near where it started, whose ratio
 * means little, weighs as little as it moved.
 */
export function straightness(frames: readonly Float32Array[]): number {
  const first = frames[0]!;
  const last = frames.at(-1)!;
  let chords = 0;
  let lengths = 0;
  for (let i = 0; i < first.length; i += 2) {
    for (let k = 1; k < frames.length; k++) {
      const a = frames[k - 1]!;
      const b = frames[k]!;
      lengths += Math.hypot(b[i]! - a[i]!, b[i + 1]! - a[i + 1]!);
    }
    chords += Math.hypot(last[i]! - first[i]!, last[i + 1]! - first[i + 1]!);
  }
  return lengths > 0 ? chords / lengths : Number.NaN;
}
