/**
 * The life cycle of the "why latent" figure (see liveSession.svelte.ts): the session of the
 * ldm, its decoder and the shared ddpm opens when the figure wakes. The heavy module
 * (TensorFlow.js and the model code) is imported only here, on demand.
 */
import type { WhyLatentSession } from './whyLatentSession.ts';
import { LiveSession } from '../../shell/liveSession.svelte.ts';

export class LiveWhyLatent extends LiveSession<WhyLatentSession> {
  /** `ready` draws the figure's first live state; it runs again after a backend switch. */
  constructor(ready: (session: WhyLatentSession) => Promise<void>) {
    super(async () => {
      const { openWhyLatent } = await import('./whyLatentSession.ts');
      return openWhyLatent(import.meta.env.BASE_URL);
    }, ready);
  }
}
