/**
 * The life cycle every live VAE figure shares: load the runtime and the model when the figure
 * wakes, follow the runtime (a backend switch redraws; a dead runtime shows the error with a
 * retry), and run the figure's own `ready` work before it reports "ready". The heavy module
 * (TensorFlow.js and the model code) is imported only here, on demand.
 */
import type { RuntimeStatus } from '../../models/backends.ts';
import type { VaeSession } from '../../lib/vaeSession.ts';

export type LiveStatus = 'loading' | 'ready' | 'error';

export const isBackendChange = (e: unknown): boolean =>
  e instanceof Error && e.name === 'BackendChanged';

export class LiveVae {
  status: LiveStatus = $state('loading');
  error: string | null = $state(null);
  runtime: RuntimeStatus | null = $state(null);
  /** The shared session, once loaded (not reactive: figures redraw through `ready`). */
  vae: VaeSession | null = null;
  #unsubscribe: (() => void) | null = null;
  readonly #ready: (vae: VaeSession) => Promise<void>;

  /** `ready` draws the figure's first live state; it runs again after a backend switch. */
  constructor(ready: (vae: VaeSession) => Promise<void>) {
    this.#ready = ready;
  }

  async start(): Promise<void> {
    this.status = 'loading';
    this.error = null;
    try {
      const { openVae } = await import('../../lib/vaeSession.ts');
      const vae = await openVae(import.meta.env.BASE_URL);
      this.vae = vae;
      this.#unsubscribe?.();
      this.#unsubscribe = vae.runtime.subscribe((s) => {
        this.runtime = s;
        if (s.error) this.fail(new Error(s.error));
        else void this.#run(vae);
      });
    } catch (e) {
      this.fail(e);
    }
  }

  async #run(vae: VaeSession): Promise<void> {
    try {
      await this.#ready(vae);
      this.status = 'ready';
    } catch (e) {
      // A backend switch cancels reads in flight; the switch itself calls #run again.
      if (!isBackendChange(e)) this.fail(e);
    }
  }

  fail(e: unknown): void {
    this.status = 'error';
    this.error = e instanceof Error ? e.message : String(e);
  }

  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }
}
