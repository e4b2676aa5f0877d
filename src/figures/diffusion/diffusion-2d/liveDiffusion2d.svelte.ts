/**
 * The life cycle of the 2-D diffusion figure (see liveSession.svelte.ts): the chapter's
 * diffusion worker (which also runs the 2-D model) starts when the figure wakes. TensorFlow.js
 * and the model code load in that worker, never on the page.
 */
import type { Diffusion2dApi } from '../diffusionClient.ts';
import { LiveSession } from '../../shell/liveSession.svelte.ts';

export class LiveDiffusion2d extends LiveSession<Diffusion2dApi> {
  /** `ready` draws the figure's first live state; it runs again after a backend switch. */
  constructor(ready: (session: Diffusion2dApi) => Promise<void>) {
    super(async () => {
      const { openDiffusion } = await import('../diffusionClient.ts');
      return openDiffusion(import.meta.env.BASE_URL);
    }, ready);
  }
}
