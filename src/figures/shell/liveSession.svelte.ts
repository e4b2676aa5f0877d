/**
 * The life cycle any live-model figure shares, for any session that owns the tfjs runtime:
 * open the session when the figure wakes (the opener does the dynamic `import()`, so
 * TensorFlow.js stays off the page's critical path), follow the runtime (a backend switch
 * runs `ready` again; a dead runtime shows its error with a retry), and report "ready" once
 * the figure's own `ready` work is done. The same pattern as `LiveVae`, for any model.
 */
import type { RuntimeStatus } from '../../models/backends.ts';

export type LiveStatus = 'loading' | 'ready' | 'error';

/** What the helper needs of a session: the runtime to follow. */
export interface RuntimeOwner {
  runtime: { subscribe(listener: (status: RuntimeStatus) => void): () => void };
}

export const isBackendChange = (e: unknown): boolean =>
  e instanceof Error && e.name === 'BackendChanged';

export class LiveSession<S extends RuntimeOwner> {
  status: LiveStatus = $state('loading');
  error: string | null = $state(null);
  runtime: RuntimeStatus | null = $state(null);
  /** The session, once open (not reactive: figures redraw through `ready`). */
  session: S | null = null;
  #unsubscribe: (() => void) | null = null;
  readonly #open: () => Promise<S>;
  readonly #ready: (session: S) => Promise<void>;

  /** `open` imports and opens the session; `ready` draws the figure's first live state. */
  constructor(open: () => Promise<S>, ready: (session: S) => Promise<void>) {
    this.#open = open;
    this.#ready = ready;
  }

  async start(): Promise<void> {
    this.status = 'loading';
    this.error = null;
    try {
      const session = await this.#open();
      this.session = session;
      this.#unsubscribe?.();
      this.#unsubscribe = session.runtime.subscribe((s) => {
        this.runtime = s;
        if (s.error) this.fail(new Error(s.error));
        else void this.#run(session);
      });
    } catch (e) {
      this.fail(e);
    }
  }

  async #run(session: S): Promise<void> {
    try {
      await this.#ready(session);
      this.status = 'ready';
    } catch (e) {
      // A backend switch cancels reads in flight; the switch itself calls #run again.
      if (!isBackendChange(e)) this.fail(e);
    }
  }

  /** Shows an error unless a backend switch merely cancelled a read (an arrow, for `.catch`). */
  readonly report = (e: unknown): void => {
    if (!isBackendChange(e)) this.fail(e);
  };

  fail(e: unknown): void {
    this.status = 'error';
    this.error = e instanceof Error ? e.message : String(e);
  }

  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }
}
