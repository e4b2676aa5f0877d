/**
 * The life cycle every live VAE figure shares (see liveSession.svelte.ts): the shared VAE
 * session opens when the figure wakes, and some figures also draw the held-out faces as
 * context. The heavy module (TensorFlow.js and the model code) is imported only here, on demand.
 */
import type { HeldOut, VaeSession } from './vaeSession.ts';
import { HELD_OUT_FACES } from './latentPlane.ts';
import { LiveSession } from '../shell/liveSession.svelte.ts';

export { isBackendChange, type LiveStatus } from '../shell/liveSession.svelte.ts';

export class LiveVae extends LiveSession<VaeSession> {
  /** `ready` draws the figure's first live state; it runs again after a backend switch. */
  constructor(ready: (vae: VaeSession) => Promise<void>) {
    super(async () => {
      const { openVae } = await import('./vaeSession.ts');
      return openVae(import.meta.env.BASE_URL);
    }, ready);
  }

  /** The shared session, once loaded (not reactive: figures redraw through `ready`). */
  get vae(): VaeSession | null {
    return this.session;
  }

  /** Loads the held-out faces some figures draw as context, without holding up the figure. */
  context(vae: VaeSession, set: (faces: HeldOut) => void): void {
    vae.heldOut(HELD_OUT_FACES).then(set, this.report);
  }
}
