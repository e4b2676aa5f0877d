/**
 * The life cycle of the live GAN-faces figures (see liveSession.svelte.ts): the page's GAN
 * worker starts when the first figure wakes. TensorFlow.js and the model code load in that
 * worker, never on the page.
 */
import type { GanApi } from './ganSession.ts';
import { LiveSession } from '../shell/liveSession.svelte.ts';

export class LiveGan extends LiveSession<GanApi> {
  constructor(ready: (gan: GanApi) => Promise<void>) {
    super(async () => {
      const { openGan } = await import('./ganClient.ts');
      return openGan(import.meta.env.BASE_URL);
    }, ready);
  }

  get gan(): GanApi | null {
    return this.session;
  }
}
