/**
 * The VAE chapter's model, off the main thread: one VaeSession (tfjs, the weights, the
 * held-out faces' codes) in the page's model worker (../models.worker.ts), answering
 * vaeClient.ts. Drawing and encoding the
 * 500 held-out faces took the page ~260 ms of main-thread work in slices; here it takes none.
 */
import type { Runtime } from '../../models/runtime.ts';
import { loadModel } from '../../models/zoo.ts';
import { serveSession } from '../shell/serveSession.ts';
import type { VaeCall, VaeResult } from './vaeProtocol.ts';
import { VaeSession } from './vaeSession.ts';

/** Loads the weights on the first call; a failed download is retried by the next one. */
class LazyVae {
  #session: Promise<VaeSession> | null = null;
  constructor(
    readonly runtime: Runtime,
    readonly base: string,
  ) {}

  get(): Promise<VaeSession> {
    this.#session ??= loadModel('vae', this.base).then((model) => {
      const params = model.groups['vae'];
      if (!params) throw new Error('The VAE model file has no "vae" weights.');
      return new VaeSession(this.runtime, params);
    });
    this.#session.catch(() => (this.#session = null));
    return this.#session;
  }
}

serveSession<LazyVae, VaeCall, VaeResult>({
  open: (runtime, base) => new LazyVae(runtime, base),
  async run(lazy, call) {
    const vae = await lazy.get();
    switch (call.op) {
      case 'encode':
        return vae.encode(call.pixels, call.n);
      case 'decode':
        return vae.decode(call.z);
      case 'held-out':
        return vae.heldOut(call.n);
      case 'loss-terms':
        return vae.lossTerms(call.face, call.mu, call.sigma, call.eps);
    }
  },
  // Fresh arrays are handed over; the held-out codes stay in the worker's cache.
  transfer: (value) =>
    value instanceof Float32Array
      ? [value.buffer as ArrayBuffer]
      : 'images' in value
        ? [value.images.buffer as ArrayBuffer]
        : [],
});
