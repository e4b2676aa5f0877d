/**
 * The trained VAE, shared by every figure of the chapter: one tfjs runtime, one download of
 * the weights, one encoding of the held-out faces the latent plane shows. It runs in the
 * VAE worker (vaeServe.ts); figures reach it through vaeClient.ts as a `VaeApi` and get
 * plain Float32Arrays back: every tensor is made and freed inside `runtime.read`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { IMAGE_LENGTH, SIZE, TEST_SEEDS, headshotBatch } from '../../data/headshots.ts';
import type { HeadshotFactors } from '../../data/headshots.ts';
import type { Params } from '../../models/nn.ts';
import type { Runtime } from '../../models/runtime.ts';
import type { RuntimeOwner } from '../shell/liveSession.svelte.ts';
import { decode, encode } from '../../models/vae.ts';
import { bernoulliReconstruction, klToPrior, reparameterise } from '../../models/vaeTerms.ts';

export { BackendChanged } from '../../models/runtime.ts';

export interface Codes {
  /** μ of q(z | x) for each face, flat [n, 2]. */
  mu: Float32Array;
  /** log σ² of q(z | x) for each face, flat [n, 2]. */
  logvar: Float32Array;
}

export interface HeldOut extends Codes {
  /** Test seeds TEST_SEEDS.first … + n − 1. */
  seeds: number[];
  factors: HeadshotFactors[];
}

export interface LossTerms {
  reconstruction: number;
  kl: number;
  z: Float32Array;
  images: Float32Array;
}

/** What a figure may ask of the VAE (the worker's client and the session itself both answer). */
export type VaeApi = Pick<VaeSession, 'encode' | 'decode' | 'heldOut' | 'lossTerms'> & RuntimeOwner;

export class VaeSession {
  constructor(
    readonly runtime: Runtime,
    readonly params: Params,
  ) {}

  /** μ and log σ² for n faces given as one flat batch of pixels. */
  async encode(pixels: Float32Array, n: number): Promise<Codes> {
    const both = await this.runtime.read(() => {
      const q = encode(this.params, tf.tensor4d(pixels, [n, SIZE, SIZE, 3]));
      return tf.concat([q.mu, q.logvar], 1);
    });
    const mu = new Float32Array(2 * n);
    const logvar = new Float32Array(2 * n);
    for (let i = 0; i < n; i++) {
      mu.set(both.subarray(4 * i, 4 * i + 2), 2 * i);
      logvar.set(both.subarray(4 * i + 2, 4 * i + 4), 2 * i);
    }
    return { mu, logvar };
  }

  /** The first n held-out faces and their codes (computed once per page; see heldOutCodes). */
  heldOut(n: number): Promise<HeldOut> {
    return heldOutCodes(this, n);
  }

  /** The decoder's drawings for latents z (flat [n, 2]): n images, flat [n, 32, 32, 3]. */
  decode(z: Float32Array): Promise<Float32Array> {
    return this.runtime.read(() => decode(this.params, tf.tensor2d(z, [z.length / 2, 2])));
  }

  /**
   * The two terms of the loss for one face if the encoder answered N(μ, diag σ²): the
   * reconstruction term averaged over the codes z = μ + σ·ε for the given draws ε (flat
   * [S, 2]), the KL to the prior in closed form, and the S drawings themselves.
   */
  async lossTerms(
    face: Float32Array,
    mu: readonly [number, number],
    sigma: readonly [number, number],
    eps: Float32Array,
  ): Promise<LossTerms> {
    const z = reparameterise(mu, sigma, eps);
    const s = z.length / 2;
    const out = await this.runtime.read(() => {
      const x = tf.tensor4d(face, [1, SIZE, SIZE, 3]);
      const zt = tf.tensor2d(z, [s, 2]);
      const images = decode(this.params, zt);
      return tf.concat([bernoulliReconstruction(x, images), tf.reshape(images, [-1])]);
    });
    let sum = 0;
    for (let i = 0; i < s; i++) sum += out[i]!;
    return {
      reconstruction: sum / s,
      kl: klToPrior(mu, [2 * Math.log(sigma[0]), 2 * Math.log(sigma[1])]),
      z,
      images: out.subarray(s, s + s * IMAGE_LENGTH),
    };
  }
}

/** Faces per slice when encoding the held-out set: small enough to keep each task short. */
const SLICE = 20;
const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

let heldOut: { n: number; codes: Promise<HeldOut> } | null = null;

/**
 * The first n held-out faces (test seeds), drawn and encoded a slice at a time with a pause
 * between slices, so the page never stalls while the plane fills. Cached for the page.
 */
export function heldOutCodes(vae: VaeSession, n: number): Promise<HeldOut> {
  if (heldOut && heldOut.n >= n) return heldOut.codes;
  const codes = (async () => {
    const seeds: number[] = [];
    const factors: HeadshotFactors[] = [];
    const mu = new Float32Array(2 * n);
    const logvar = new Float32Array(2 * n);
    for (let start = 0; start < n; start += SLICE) {
      const m = Math.min(SLICE, n - start);
      const batch = headshotBatch(TEST_SEEDS.first + start, m);
      const q = await vae.encode(batch.pixels, m);
      mu.set(q.mu, 2 * start);
      logvar.set(q.logvar, 2 * start);
      for (let i = 0; i < m; i++) seeds.push(TEST_SEEDS.first + start + i);
      factors.push(...batch.factors);
      await pause();
    }
    return { seeds, factors, mu, logvar };
  })();
  codes.catch(() => (heldOut = null));
  heldOut = { n, codes };
  return codes;
}
