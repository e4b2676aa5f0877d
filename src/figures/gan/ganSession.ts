/**
 * The trained GAN, shared by the chapter's figures: one tfjs runtime, one download of the
 * generator and discriminator, and (only when a figure asks) the probe and the VAE's decoder
 * to compare against. It runs in the page's GAN worker (ganServe.ts); figures reach it
 * through ganClient.ts as a `GanApi` and get plain Float32Arrays back: every tensor is made
 * and freed inside `runtime.read`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { IMAGE_LENGTH, SIZE } from '../../data/headshots.ts';
import { NOISE, discriminate, generate } from '../../models/gan.ts';
import type { Params } from '../../models/nn.ts';
import { CATEGORICAL_FACTORS, probeForward } from '../../models/probe.ts';
import type { Runtime } from '../../models/runtime.ts';
import { gaussians } from '../../models/sampling.ts';
import { decode } from '../../models/vae.ts';
import { loadModel } from '../../models/zoo.ts';
import type { RuntimeOwner } from '../shell/liveSession.svelte.ts';
import { READOUT_WIDTH, readShares, type Shares } from './gan-diversity/ganDiversity.ts';

export { BackendChanged } from '../../models/runtime.ts';

const images = (pixels: Float32Array, n: number) => tf.tensor4d(pixels, [n, SIZE, SIZE, 3]);
const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export interface Measured {
  n: number;
  seed: number;
  shares: Shares;
  coverage: number;
  /** Wall time of the whole measurement, generation and probe, pauses included. */
  ms: number;
}

/** What the figures use of the session, answered by the worker. */
export type GanApi = Pick<
  GanSession,
  'generate' | 'score' | 'generateScored' | 'measure' | 'vaeSamples'
> &
  RuntimeOwner;

export class GanSession {
  constructor(
    readonly runtime: Runtime,
    readonly generator: Params,
    readonly discriminator: Params,
    readonly base: string,
  ) {}

  /** Faces [n, 32, 32, 3] in [0, 1] from noise z (flat [n, 64]). */
  generate(z: Float32Array): Promise<Float32Array> {
    return this.runtime.read(() =>
      generate(this.generator, tf.tensor2d(z, [z.length / NOISE, NOISE])),
    );
  }

  /** The discriminator's probability that each of n faces is real, σ(logit). */
  score(pixels: Float32Array, n: number): Promise<Float32Array> {
    return this.runtime.read(() => tf.sigmoid(discriminate(this.discriminator, images(pixels, n))));
  }

  /**
   * The faces for noise z and the discriminator's scores of them, `chunk` faces per read with
   * a pause between reads, so a large batch never holds the page up in one long task.
   */
  async generateScored(
    z: Float32Array,
    chunk = 16,
  ): Promise<{ images: Float32Array; scores: Float32Array }> {
    const n = z.length / NOISE;
    const images = new Float32Array(n * IMAGE_LENGTH);
    const scores = new Float32Array(n);
    for (let start = 0; start < n; start += chunk) {
      const m = Math.min(chunk, n - start);
      const part = z.subarray(start * NOISE, (start + m) * NOISE);
      const out = await this.runtime.read(() => {
        const x = generate(this.generator, tf.tensor2d(part, [m, NOISE]));
        const verdict = tf.sigmoid(discriminate(this.discriminator, x));
        return tf.concat([tf.reshape(x, [-1]), tf.reshape(verdict, [-1])]);
      });
      images.set(out.subarray(0, m * IMAGE_LENGTH), start * IMAGE_LENGTH);
      scores.set(out.subarray(m * IMAGE_LENGTH), start);
      if (start + m < n) await pause();
    }
    return { images, scores };
  }

  /**
   * The probe's read-out of n faces, flat [n, READOUT_WIDTH]: the logits of its categorical
   * heads in order, then the glasses logit (see readShares).
   */
  async readout(pixels: Float32Array, n: number): Promise<Float32Array> {
    const probe = (await loadModel('probe', this.base)).weights;
    return this.runtime.read(() => {
      const o = probeForward(probe, images(pixels, n));
      return tf.concat([...CATEGORICAL_FACTORS.map((f) => o.logits[f]), o.glasses], 1);
    });
  }

  /**
   * The GAN's diversity as `npm run evaluate` measures it: n faces from `seed` (the same noise
   * as sampleGan(generator, n, seed)), read by the probe, `chunk` faces at a time with a pause
   * between, so the page stays responsive. `progress` hears how many faces are done.
   */
  async measure(
    n: number,
    seed: number,
    chunk = 64,
    progress?: (done: number) => void,
  ): Promise<Measured> {
    const t0 = performance.now();
    const z = gaussians(n * NOISE, seed);
    const parts: Float32Array[] = [];
    for (let start = 0; start < n; start += chunk) {
      const m = Math.min(chunk, n - start);
      const faces = await this.generate(z.subarray(start * NOISE, (start + m) * NOISE));
      parts.push(await this.readout(faces, m));
      progress?.(start + m);
      await pause();
    }
    const all = new Float32Array(n * READOUT_WIDTH);
    parts.forEach((p, i) => all.set(p, i * chunk * READOUT_WIDTH));
    return { n, seed, ...readShares(all, n), ms: performance.now() - t0 };
  }

  /** n of the VAE's samples (z ~ N(0, I) from `seed`, decoded), as sampleVae draws them. */
  async vaeSamples(n: number, seed: number): Promise<Float32Array> {
    const vae = (await loadModel('vae', this.base)).groups['vae'];
    if (!vae) throw new Error('The VAE model file has no "vae" weights.');
    return this.runtime.read(() => decode(vae, tf.tensor2d(gaussians(2 * n, seed), [n, 2])));
  }
}
