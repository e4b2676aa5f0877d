/**
 * The life cycle of the "why latent" figure (see liveSession.svelte.ts): the chapter's
 * diffusion worker starts when the figure wakes and the race is driven from the page, each
 * model call answered by the worker. TensorFlow.js loads in that worker, never on the page.
 */
import type { WhyLatentSession } from './whyLatentSession.ts';
import { LiveSession } from '../../shell/liveSession.svelte.ts';

export class LiveWhyLatent extends LiveSession<WhyLatentSession> {
  /** `ready` draws the figure's first live state; it runs again after a backend switch. */
  constructor(ready: (session: WhyLatentSession) => Promise<void>) {
    super(async () => {
      const [{ openDiffusion }, { WhyLatentSession }] = await Promise.all([
        import('../diffusionClient.ts'),
        import('./whyLatentSession.ts'),
      ]);
      const client = await openDiffusion(import.meta.env.BASE_URL);
      return new WhyLatentSession(client.runtime, client.race, await client.latentShape());
    }, ready);
  }
}
