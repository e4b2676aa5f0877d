/**
 * The life cycle of the 2-D diffusion figure (see liveSession.svelte.ts): the shared 2-D
 * model session opens when the figure wakes. The heavy module (TensorFlow.js and the model
 * code) is imported only here, on demand.
 */
import type { Diffusion2dSession } from './diffusion2dSession.ts';
import { LiveSession } from '../../shell/liveSession.svelte.ts';

export class LiveDiffusion2d extends LiveSession<Diffusion2dSession> {
  /** `ready` draws the figure's first live state; it runs again after a backend switch. */
  constructor(ready: (session: Diffusion2dSession) => Promise<void>) {
    super(async () => {
      const { openDiffusion2d } = await import('./diffusion2dSession.ts');
      return openDiffusion2d(import.meta.env.BASE_URL);
    }, ready);
  }
}
