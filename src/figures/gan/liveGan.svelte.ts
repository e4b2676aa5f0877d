/**
 * The life cycle of the live GAN-faces figures (see liveSession.svelte.ts): the page's GAN
 * session opens when the figure wakes. TensorFlow.js and the model code load only here.
 */
import type { GanSession } from './ganSession.ts';
import { LiveSession } from '../shell/liveSession.svelte.ts';

export class LiveGan extends LiveSession<GanSession> {
  constructor(ready: (gan: GanSession) => Promise<void>) {
    super(async () => {
      const { openGan } = await import('./ganSession.ts');
      return openGan(import.meta.env.BASE_URL);
    }, ready);
  }

  get gan(): GanSession | null {
    return this.session;
  }
}
