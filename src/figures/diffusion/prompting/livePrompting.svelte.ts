/**
 * The life cycle of the prompting figure (see liveSession.svelte.ts): the shared session of
 * the ldm, its decoder and the probe opens when the figure wakes. The heavy module
 * (TensorFlow.js and the model code) is imported only here, on demand.
 */
import type { PromptSession } from './promptSession.ts';
import { LiveSession } from '../../shell/liveSession.svelte.ts';

export class LivePrompting extends LiveSession<PromptSession> {
  /** `ready` draws the figure's first live state; it runs again after a backend switch. */
  constructor(ready: (session: PromptSession) => Promise<void>) {
    super(async () => {
      const { openPrompting } = await import('./promptSession.ts');
      return openPrompting(import.meta.env.BASE_URL);
    }, ready);
  }
}
