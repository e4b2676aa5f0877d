/**
 * The few neural-network layers the site's models need, as plain tfjs-core ops over a
 * named weight map: no tfjs-layers (235 KB gzip in the browser, and its training path needs
 * tfjs-node). The same builders train in Node and run in the browser.
 * Tensors are NHWC: images are [batch, height, width, channels].
 */
import * as tf from '@tensorflow/tfjs-core';

/** Weights by name, e.g. 'enc1/kernel'. Variables while training, plain tensors when shipped. */
export type Params = Record<string, tf.Tensor>;

export function param(p: Params, name: string): tf.Tensor {
  const t = p[name];
  if (!t) throw new Error(`missing weight ${name}`);
  return t;
}

/**
 * Builds fresh weights deterministically from a seed: He-normal kernels (variance 2/fan-in,
 * right for ReLU-family activations), zero biases. `scale` shrinks a kernel, e.g. 0 for the
 * last conv of a residual block so each block starts as the identity.
 */
export class Initializer {
  readonly params: Params = {};
  #seed: number;
  constructor(seed: number) {
    this.#seed = seed;
  }
  #he(name: string, shape: number[], fanIn: number, scale: number) {
    this.params[name] =
      scale === 0
        ? tf.zeros(shape)
        : tf.randomNormal(shape, 0, scale * Math.sqrt(2 / fanIn), 'float32', this.#seed++);
  }
  /** kernel [k, k, cin, cout] + bias [cout]. */
  conv(name: string, k: number, cin: number, cout: number, scale = 1): this {
    this.#he(`${name}/kernel`, [k, k, cin, cout], k * k * cin, scale);
    this.params[`${name}/bias`] = tf.zeros([cout]);
    return this;
  }
  /** Transposed conv kernel [k, k, cout, cin] (tfjs's layout) + bias [cout]. */
  convT(name: string, k: number, cin: number, cout: number): this {
    this.#he(`${name}/kernel`, [k, k, cout, cin], k * k * cin, 1);
    this.params[`${name}/bias`] = tf.zeros([cout]);
    return this;
  }
  /** kernel [in, out] + bias [out]. */
  dense(name: string, cin: number, cout: number, scale = 1): this {
    this.#he(`${name}/kernel`, [cin, cout], cin, scale);
    this.params[`${name}/bias`] = tf.zeros([cout]);
    return this;
  }
  /** Batch-norm scale γ = 1 and shift β = 0, plus running statistics (not trained). */
  batchNorm(name: string, channels: number): this {
    this.params[`${name}/gamma`] = tf.ones([channels]);
    this.params[`${name}/beta`] = tf.zeros([channels]);
    this.params[`${name}/movingMean`] = tf.zeros([channels]);
    this.params[`${name}/movingVariance`] = tf.ones([channels]);
    return this;
  }
}

/** Names of the weights an optimizer should train (batch-norm statistics are not trained). */
export function isTrainable(name: string): boolean {
  return !name.endsWith('/movingMean') && !name.endsWith('/movingVariance');
}

/** Turns weights into variables for training (statistics as non-trainable variables). */
export function toVariables(p: Params, prefix: string): Record<string, tf.Variable> {
  const vars = Object.fromEntries(
    Object.entries(p).map(([name, t]) => [
      name,
      tf.variable(t, isTrainable(name), `${prefix}/${name}`),
    ]),
  );
  tf.dispose(Object.values(p)); // the variables hold their own reference to the data
  return vars;
}

/** conv(x) + b: [B, H, W, cin] → [B, H/stride, W/stride, cout] ('same' padding). */
export function conv(p: Params, name: string, x: tf.Tensor4D, stride = 1): tf.Tensor4D {
  const y = tf.conv2d(x, param(p, `${name}/kernel`) as tf.Tensor4D, stride, 'same');
  return tf.add(y, param(p, `${name}/bias`));
}

/** Transposed conv that doubles height and width: [B, H, W, cin] → [B, 2H, 2W, cout]. */
export function upConv(p: Params, name: string, x: tf.Tensor4D): tf.Tensor4D {
  const kernel = param(p, `${name}/kernel`) as tf.Tensor4D;
  const [b, h, w] = x.shape;
  const y = tf.conv2dTranspose(x, kernel, [b, h * 2, w * 2, kernel.shape[2]], 2, 'same');
  return tf.add(y, param(p, `${name}/bias`));
}

/**
 * Nearest-neighbour upsampling ×2: [B, H, W, C] → [B, 2H, 2W, C], each pixel a 2×2 block.
 * By concat and reshape, whose gradients every backend has (resizeNearestNeighbor's is
 * missing from the training kernels). Followed by a 3×3 conv it replaces a transposed conv
 * without its checkerboard (Odena et al. 2016).
 */
export function upsample2(x: tf.Tensor4D): tf.Tensor4D {
  const [b, h, w, c] = x.shape;
  const wide = tf.reshape(tf.concat([x, x], 3), [b, h, 2 * w, c]);
  const tall = tf.concat([wide, wide], 2);
  return tf.reshape(tall, [b, 2 * h, 2 * w, c]);
}

/** x·W + b: [B, in] → [B, out]. */
export function dense(p: Params, name: string, x: tf.Tensor2D): tf.Tensor2D {
  return tf.add(tf.matMul(x, param(p, `${name}/kernel`) as tf.Tensor2D), param(p, `${name}/bias`));
}

/** SiLU (swish) x·σ(x), the activation of diffusion U-Nets. */
export function silu<T extends tf.Tensor>(x: T): T {
  return tf.mul(x, tf.sigmoid(x));
}

/**
 * Batch normalisation over [B, H, W] per channel. Training normalises with the batch's
 * statistics and reports them (so the caller can update the running averages outside the
 * gradient); inference uses the running averages, so one face renders the same alone or
 * in a batch.
 */
export function batchNorm(
  p: Params,
  name: string,
  x: tf.Tensor4D,
  training: boolean,
  stats?: Map<string, { mean: tf.Tensor; variance: tf.Tensor }>,
): tf.Tensor4D {
  let mean: tf.Tensor;
  let variance: tf.Tensor;
  if (training) {
    ({ mean, variance } = tf.moments(x, [0, 1, 2]));
    // Kept: gradient tapes dispose what they made; the caller disposes these after use.
    stats?.set(name, { mean: tf.keep(mean), variance: tf.keep(variance) });
  } else {
    mean = param(p, `${name}/movingMean`);
    variance = param(p, `${name}/movingVariance`);
  }
  const normed = tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5)));
  return tf.add(tf.mul(normed, param(p, `${name}/gamma`)), param(p, `${name}/beta`));
}

/**
 * Sinusoidal embedding of diffusion steps (Vaswani et al. 2017, as used by Ho et al. 2020):
 * for step t and i < dim/2, [sin(t·ωᵢ), cos(t·ωᵢ)] with ωᵢ = 10000^(−i/(dim/2 − 1)).
 * Computed in plain JS: it has no weights. Returns [ts.length × dim], row-major.
 */
export function timeEmbedding(ts: ArrayLike<number>, dim: number): Float32Array {
  const half = dim / 2;
  const out = new Float32Array(ts.length * dim);
  for (let b = 0; b < ts.length; b++) {
    const t = ts[b]!;
    for (let i = 0; i < half; i++) {
      const omega = Math.pow(10000, -i / Math.max(1, half - 1));
      out[b * dim + i] = Math.sin(t * omega);
      out[b * dim + half + i] = Math.cos(t * omega);
    }
  }
  return out;
}

/** Splits 'group/name' weights (as shipped) into one weight map per group. */
export function splitGroups(all: Record<string, tf.Tensor>): Record<string, Params> {
  const groups: Record<string, Params> = {};
  for (const [key, tensor] of Object.entries(all)) {
    const slash = key.indexOf('/');
    const group = key.slice(0, slash);
    (groups[group] ??= {})[key.slice(slash + 1)] = tensor;
  }
  return groups;
}
