/**
 * The small dense networks of the live 2-D figures (the GAN's two players, the 2-D denoiser),
 * with their backward pass written out so training needs no gradient tape.
 *
 * A network named `prefix` is dense layers prefix1 … prefix(L + 1): `inputs` → L hidden
 * layers of `units` → `outputs`, an activation after every layer but the last.
 *
 * Why by hand: tfjs's tape records every op and its gradient multiplies with transpose
 * flags, which the wasm backend runs slowly. For these tiny networks that overhead, not
 * arithmetic, is the cost of a step; writing the backward pass out made a step about twice
 * as fast in Chromium, and the page need not load tfjs's gradient functions at all.
 * `tests/unit/models/gan2d.test.ts` and `denoiser2d.test.ts` check it against tfjs's autodiff.
 */
import * as tf from '@tensorflow/tfjs-core';
import { Initializer, param, type Params } from './nn.ts';

/** The size of a network: hidden layers and units per hidden layer. */
export interface Shape2d {
  layers: number;
  units: number;
}
export const MAX_LAYERS = 4;

/** Leaky ReLU (slope 0.2) for the GAN, as GAN Lab; SiLU for the denoiser's smooth field. */
export type Activation = 'leaky' | 'silu';
const LEAK = 0.2;

/** Dense layers `prefix`1 … `prefix`(layers + 1): `inputs` → hidden → `outputs`. */
export function initMlp(
  seed: number,
  prefix: string,
  inputs: number,
  outputs: number,
  shape: Shape2d,
  lastScale = 0.5,
): Params {
  const init = new Initializer(seed);
  for (let i = 0; i < shape.layers; i++) {
    init.dense(`${prefix}${i + 1}`, i === 0 ? inputs : shape.units, shape.units);
  }
  // The last layer starts small, so the first outputs sit near zero.
  return init.dense(`${prefix}${shape.layers + 1}`, shape.units, outputs, lastScale).params;
}

/** The weights `initMlp` makes, by name, with their shapes (what a saved model must hold). */
export function mlpShapes(
  prefix: string,
  inputs: number,
  outputs: number,
  shape: Shape2d,
): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (let i = 0; i <= shape.layers; i++) {
    const fanIn = i === 0 ? inputs : shape.units;
    const fanOut = i === shape.layers ? outputs : shape.units;
    out[`${prefix}${i + 1}/kernel`] = [fanIn, fanOut];
    out[`${prefix}${i + 1}/bias`] = [fanOut];
  }
  return out;
}

/** A network's layer names in order, read off its weights once (a step asks many times). */
const layerNames = new WeakMap<Params, Map<string, string[]>>();
export function layersOf(p: Params, prefix: string): string[] {
  let byPrefix = layerNames.get(p);
  if (!byPrefix) layerNames.set(p, (byPrefix = new Map()));
  let names = byPrefix.get(prefix);
  if (!names) {
    const count = Object.keys(p).filter((k) => new RegExp(`^${prefix}\\d+/kernel$`).test(k)).length;
    names = Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`);
    byPrefix.set(prefix, names);
  }
  return names;
}

/**
 * What a forward pass keeps for the backward pass: each layer's input and pre-activation,
 * and for SiLU its gate σ(pre).
 */
export type Tape = { input: tf.Tensor2D; pre: tf.Tensor2D; gate?: tf.Tensor }[];

/**
 * act′ of layer i: 1 or the leak for leaky ReLU. For SiLU, with s = σ(x) and h = x·s (the
 * next layer's input, already on the tape), act′ = s·(1 + x·(1 − s)) = s + h·(1 − s):
 * three kernel calls instead of six.
 */
function slope(act: Activation, tape: Tape, i: number): tf.Tensor {
  const layer = tape[i]!;
  if (act === 'leaky') return tf.step(layer.pre, LEAK);
  const s = layer.gate!;
  return tf.add(s, tf.mul(tape[i + 1]!.input, tf.sub(1, s)));
}

/** Dense layers with `act` after all but the last: h ← act(h·W + b). */
export function mlpForward(
  p: Params,
  layers: readonly string[],
  x: tf.Tensor2D,
  act: Activation,
  tape?: Tape,
): tf.Tensor2D {
  let h = x;
  layers.forEach((name, i) => {
    const pre = tf.add(tf.matMul(h, param(p, `${name}/kernel`)), param(p, `${name}/bias`));
    const last = i === layers.length - 1;
    const gate = !last && act === 'silu' ? tf.sigmoid(pre) : undefined;
    tape?.push({ input: h, pre: pre as tf.Tensor2D, ...(gate ? { gate } : {}) });
    if (last) h = pre as tf.Tensor2D;
    else h = (gate ? tf.mul(pre, gate) : tf.leakyRelu(pre, LEAK)) as tf.Tensor2D;
  });
  return h;
}

/**
 * Backpropagation through a taped forward pass: with δ = ∂L/∂(pre-activation),
 * ∂L/∂W = inputᵀ·δ, ∂L/∂b = Σ_batch δ, and δ of the layer below = (δ·Wᵀ) ⊙ act′(its pre).
 * Returns the gradients of the weights (unless `weights` is false) and ∂L/∂x (if `input`).
 */
export function mlpBackward(
  p: Params,
  layers: readonly string[],
  tape: Tape,
  dOut: tf.Tensor2D,
  act: Activation,
  { weights = true, input = false } = {},
): { grads: Record<string, tf.Tensor>; dInput: tf.Tensor2D | null } {
  const grads: Record<string, tf.Tensor> = {};
  let delta = dOut;
  for (let i = layers.length - 1; i >= 0; i--) {
    const name = layers[i]!;
    const layer = tape[i]!;
    if (i < layers.length - 1) delta = tf.mul(delta, slope(act, tape, i)) as tf.Tensor2D;
    if (weights) {
      grads[`${name}/kernel`] = tf.matMul(tf.transpose(layer.input), delta);
      grads[`${name}/bias`] = tf.sum(delta, 0);
    }
    if (i > 0 || input) {
      delta = tf.matMul(delta, tf.transpose(param(p, `${name}/kernel`) as tf.Tensor2D));
    }
  }
  return { grads, dInput: input ? delta : null };
}
