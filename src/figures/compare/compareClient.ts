/**
 * The comparison page's figures talk to their models through this: the same calls as
 * CompareSession (compareSession.ts), answered by a Web Worker (compare.worker.ts) that one
 * page's figures share, so drawing and measuring never block the page. Aborting a call's
 * signal stops it in the worker; its promise then rejects with an error named 'Aborted'.
 */
import type { RuntimeStatus } from '../../models/backends.ts';
import type { Score } from '../../models/yardstick.ts';
import type { CompareModel } from './compareNumbers.ts';
import type {
  CompareCall,
  CompareResult,
  DrawOptions,
  Drawn,
  FromWorker,
  Scored,
  ToWorker,
} from './compareProtocol.ts';

type Listener = (status: RuntimeStatus) => void;

interface Pending {
  resolve: (value: CompareResult) => void;
  reject: (error: Error) => void;
  progress?: ((done: number) => void) | undefined;
}

const named = (name: string, message: string) => Object.assign(new Error(message), { name });

export class CompareClient {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
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

  /** `search`: the page's query, for its `?backend=` choice. */
  constructor(worker: Worker, base: string, search: string = globalThis.location?.search ?? '') {
    this.#worker = worker;
    let opened!: () => void;
    let failed!: (e: Error) => void;
    this.opened = new Promise((resolve, reject) => ((opened = resolve), (failed = reject)));
    worker.onmessage = (event: MessageEvent<FromWorker>) => {
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
        else p?.reject(named(m.name, m.message));
      }
    };
    worker.onerror = (e) =>
      failed(new Error(e.message || 'The comparison worker failed to start.'));
    this.#send({ type: 'open', base, search });
  }

  #send(message: ToWorker) {
    this.#worker.postMessage(message);
  }

  #call<T extends CompareResult>(
    call: CompareCall,
    signal?: AbortSignal,
    progress?: (done: number) => void,
  ): Promise<T> {
    if (signal?.aborted) return Promise.reject(named('Aborted', 'Stopped.'));
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (v: CompareResult) => void, reject, progress });
      signal?.addEventListener('abort', () => this.#send({ type: 'abort', id }), { once: true });
      this.#send({ type: 'call', id, call });
    });
  }

  /** Loads a model's weights without drawing (so a timing does not include the download). */
  preload(model: CompareModel): Promise<null> {
    return this.#call({ op: 'preload', model });
  }

  /** n faces of `model` from `seed`, as CompareSession.draw draws them. */
  draw(
    model: CompareModel,
    n: number,
    seed: number,
    o: DrawOptions & { signal?: AbortSignal; progress?: (done: number) => void } = {},
  ): Promise<Drawn> {
    const { signal, progress, ...options } = o;
    return this.#call({ op: 'draw', model, n, seed, o: options }, signal, progress);
  }

  /** Probes n held-out real faces as the reference, and scores n other real ones against it. */
  scoreData(n: number, signal?: AbortSignal): Promise<Score> {
    return this.#call({ op: 'score-data', n }, signal);
  }

  /** Draws n faces and scores them against the reference `scoreData` kept. */
  drawAndScore(
    model: CompareModel,
    n: number,
    seed: number,
    o: DrawOptions & { signal?: AbortSignal; progress?: (done: number) => void } = {},
  ): Promise<Scored> {
    const { signal, progress, ...options } = o;
    return this.#call({ op: 'draw-and-score', model, n, seed, o: options }, signal, progress);
  }
}

let client: CompareClient | null = null;

/** The page's comparison worker, started on first use and shared by its figures. */
export async function openCompare(base: string): Promise<CompareClient> {
  if (!client) {
    const worker = new Worker(new URL('./compare.worker.ts', import.meta.url), {
      type: 'module',
      name: 'compare',
    });
    client = new CompareClient(worker, base);
  }
  try {
    await client.opened;
    return client;
  } catch (e) {
    client = null; // "Try again" starts afresh
    throw e;
  }
}
