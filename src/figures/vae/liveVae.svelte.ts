/**
 * The life cycle every live VAE figure shares (see liveSession.svelte.ts): the page's VAE
 * worker starts when the first figure wakes, and some figures also draw the held-out faces as
 * context. TensorFlow.js and the model code load in that worker, never on the page.
 */
import type { HeldOut, VaeApi } from './vaeSession.ts';
import { HELD_OUT_FACES } from './latentPlane.ts';
import { LiveSession } from '../shell/liveSession.svelte.ts';

export { isBackendChange, type LiveStatus } from '../shell/liveSession.svelte.ts';

export class LiveVae extends LiveSession<VaeApi> {
  /** `ready` draws the figure's first live state; it runs again after a backend switch. */
  constructor(ready: (vae: VaeApi) => Promise<void>) {
    super(async () => {
      const { openVae } = await import('./vaeClient.ts');
      return openVae(import.meta.env.BASE_URL);
    }, ready);
  }

  /** The shared session, once loaded (not reactive: figures redraw through `ready`). */
  get vae(): VaeApi | null {
    return this.session;
  }

  /** Loads the held-out faces some figures draw as context, without holding up the figure. */
  context(vae: VaeApi, set: (faces: HeldOut) => void): void {
    vae.heldOut(HELD_OUT_FACES).then(set, this.report);
  }
}
