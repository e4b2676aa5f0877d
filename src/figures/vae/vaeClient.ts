/**
 * The VAE chapter's figures talk to the VAE through this: VaeSession's calls (vaeSession.ts),
 * answered in a Web Worker (vaeServe.ts, run by the shared ../models.worker.ts) that a page's
 * figures share, so the model's start-up, the held-out faces and every decode stay off the
 * main thread.
 */
import { WorkerClient, sharedClient } from '../shell/workerClient.ts';
import type { VaeCall, VaeResult } from './vaeProtocol.ts';
import type { Codes, HeldOut, LossTerms, VaeApi } from './vaeSession.ts';

export class VaeClient extends WorkerClient<VaeCall, VaeResult> implements VaeApi {
  /** The held-out faces, asked for once per size (every figure of the page shares them). */
  #heldOut = new Map<number, Promise<HeldOut>>();

  constructor(worker: Worker, base: string, search?: string) {
    super(worker, base, 'VAE', search);
  }

  encode(pixels: Float32Array, n: number): Promise<Codes> {
    return this.call({ op: 'encode', pixels, n });
  }

  decode(z: Float32Array): Promise<Float32Array> {
    return this.call({ op: 'decode', z });
  }

  heldOut(n: number): Promise<HeldOut> {
    let faces = this.#heldOut.get(n);
    if (!faces) {
      faces = this.call<HeldOut>({ op: 'held-out', n });
      faces.catch(() => this.#heldOut.delete(n));
      this.#heldOut.set(n, faces);
    }
    return faces;
  }

  lossTerms(
    face: Float32Array,
    mu: readonly [number, number],
    sigma: readonly [number, number],
    eps: Float32Array,
  ): Promise<LossTerms> {
    return this.call({ op: 'loss-terms', face, mu, sigma, eps });
  }
}

/** The page's VAE worker, started on first use and shared by its figures. */
export const openVae = sharedClient(
  (base) =>
    new VaeClient(
      new Worker(new URL('../models.worker.ts', import.meta.url), { type: 'module', name: 'vae' }),
      base,
    ),
);
