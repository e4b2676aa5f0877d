/**
 * The life cycle of the prompting figure (see liveSession.svelte.ts): the chapter's diffusion
 * worker (the ldm, its decoder and the probe) starts when the figure wakes. TensorFlow.js and
 * the model code load in that worker, never on the page.
 */
import type { PromptApi } from '../diffusionClient.ts';
import { LiveSession } from '../../shell/liveSession.svelte.ts';

export class LivePrompting extends LiveSession<PromptApi> {
  /** `ready` draws the figure's first live state; it runs again after a backend switch. */
  constructor(ready: (session: PromptApi) => Promise<void>) {
    super(async () => {
      const { openDiffusion } = await import('../diffusionClient.ts');
      return openDiffusion(import.meta.env.BASE_URL);
    }, ready);
  }
}
