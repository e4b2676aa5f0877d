/**
 * The GAN chapter's model, off the main thread: one GanSession (tfjs, the generator and
 * discriminator, the probe and VAE when asked) in the page's model worker
 * (../models.worker.ts), answering ganClient.ts. A
 * grid of 64 faces with their verdicts, or the 512-face diversity measurement, now costs the
 * page no main-thread work at all.
 */
import type { Runtime } from '../../models/runtime.ts';
import { loadModel } from '../../models/zoo.ts';
import { serveSession } from '../shell/serveSession.ts';
import type { GanCall, GanResult } from './ganProtocol.ts';
import { GanSession } from './ganSession.ts';

/** Loads the weights on the first call; a failed download is retried by the next one. */
class LazyGan {
  #session: Promise<GanSession> | null = null;
  constructor(
    readonly runtime: Runtime,
    readonly base: string,
  ) {}

  get(): Promise<GanSession> {
    this.#session ??= loadModel('gan', this.base).then((model) => {
      const { generator, discriminator } = model.groups;
      if (!generator || !discriminator) {
        throw new Error('The GAN model file lacks its "generator" or "discriminator" weights.');
      }
      return new GanSession(this.runtime, generator, discriminator, this.base);
    });
    this.#session.catch(() => (this.#session = null));
    return this.#session;
  }
}

serveSession<LazyGan, GanCall, GanResult>({
  open: (runtime, base) => new LazyGan(runtime, base),
  async run(lazy, call, { progress }) {
    const gan = await lazy.get();
    switch (call.op) {
      case 'generate':
        return gan.generate(call.z);
      case 'score':
        return gan.score(call.pixels, call.n);
      case 'generate-scored':
        return gan.generateScored(call.z, call.chunk);
      case 'measure':
        return gan.measure(call.n, call.seed, call.chunk, progress);
      case 'vae-samples':
        return gan.vaeSamples(call.n, call.seed);
    }
  },
  // Every answer is made fresh for its call, so its buffers can be handed over.
  transfer: (value) =>
    value instanceof Float32Array
      ? [value.buffer as ArrayBuffer]
      : 'scores' in value
        ? [value.images.buffer as ArrayBuffer, value.scores.buffer as ArrayBuffer]
        : [],
});
