/**
 * The page's side of a model session that runs in a Web Worker (serveSession.ts is the
 * other side): calls answered by id, progress on the way, an aborted signal tells the worker
 * to stop (the promise then rejects with an error named 'Aborted'), errors keep their names,
 * and the worker's runtime status is replayed to late subscribers, which is what
 * LiveSession follows. A chapter's client extends this with its session's typed methods.
 */
import type { RuntimeStatus } from '../../models/backends.ts';
import type { FromWorker, ToWorker } from './sessionProtocol.ts';

type Listener = (status: RuntimeStatus) => void;

interface Pending<R> {
  resolve: (value: R) => void;
  reject: (error: Error) => void;
  progress?: ((done: number) => void) | undefined;
}

export const namedError = (name: string, message: string): Error =>
  Object.assign(new Error(message), { name });

export class WorkerClient<C, R> {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending<R>>();
  readonly #listeners = new Set<Listener>();
  #status: RuntimeStatus | null = null;
  #nextId = 1;
  /** Settles when the worker's runtime has started (or failed to). */
  readonly opened: Promise<void>;

  /** What LiveSession follows: the worker's runtime status, replayed to a new listener. */
  readonly runtime = {
    subscribe: (listener: Listener): (() => void) => {
      this.#listeners.add(listener);
      if (this.#status) listener(this.#status);
      return () => this.#listeners.delete(listener);
    },
  };

  /** `what` names the worker in a start-up error; `search` carries the page's `?backend=`. */
  constructor(
    worker: Worker,
    base: string,
    what: string,
    search: string = globalThis.location?.search ?? '',
  ) {
    this.#worker = worker;
    let opened!: () => void;
    let failed!: (e: Error) => void;
    this.opened = new Promise((resolve, reject) => ((opened = resolve), (failed = reject)));
    worker.onmessage = (event: MessageEvent<FromWorker<R>>) => {
      const m = event.data;
      if (m.type === 'runtime') {
        this.#status = m.status;
        opened();
        for (const l of this.#listeners) l(m.status);
      } else if (m.type === 'open-failed') failed(new Error(m.message));
      else if (m.type === 'progress') this.#pending.get(m.id)?.progress?.(m.done);
      else {
        const p = this.#pending.get(m.id);
        this.#pending.delete(m.id);
        if (m.type === 'result') p?.resolve(m.value);
        else p?.reject(namedError(m.name, m.message));
      }
    };
    worker.onerror = (e) => failed(new Error(e.message || `The ${what} worker failed to start.`));
    this.#send({ type: 'open', base, search });
  }

  #send(message: ToWorker<C>) {
    this.#worker.postMessage(message);
  }

  /** Sends one call; `transfer` hands buffers over instead of copying them. */
  protected call<T extends R>(
    call: C,
    o: {
      signal?: AbortSignal | undefined;
      progress?: ((done: number) => void) | undefined;
      transfer?: Transferable[];
    } = {},
  ): Promise<T> {
    const { signal, progress, transfer = [] } = o;
    if (signal?.aborted) return Promise.reject(namedError('Aborted', 'Stopped.'));
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (v: R) => void, reject, progress });
      signal?.addEventListener('abort', () => this.#send({ type: 'abort', id }), { once: true });
      this.#worker.postMessage({ type: 'call', id, call } satisfies ToWorker<C>, transfer);
    });
  }
}

/**
 * One shared client per page for a worker, started on first use; a failed start is
 * forgotten so "Try again" starts afresh.
 */
export function sharedClient<T extends { opened: Promise<void> }>(
  start: (base: string) => T,
): (base: string) => Promise<T> {
  let client: T | null = null;
  return async (base) => {
    client ??= start(base);
    try {
      await client.opened;
      return client;
    } catch (e) {
      client = null;
      throw e;
    }
  };
}
