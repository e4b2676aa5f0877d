/**
 * The worker's side of a model session (workerClient.ts is the page's side): on 'open' it
 * starts the tfjs runtime (honouring the page's `?backend=`), reports its status whenever it
 * changes, opens the session, and answers each call by id with `run`, which gets an abort
 * signal and a progress callback. When the runtime moves to another backend (a lost WebGL
 * context), the models' tensors went with the old one: the session is opened afresh, models
 * reloaded, before the page hears of the switch and asks again; if that fails (the network
 * went with the GPU), the next call tries again. `transfer` names the buffers of an answer
 * that may be handed over rather than copied (never ones the session keeps).
 */
import { BACKENDS, getRuntime, withUrlOverride, type Runtime } from '../../models/runtime.ts';
import { forgetModels } from '../../models/zoo.ts';
import type { FromWorker, ToWorker } from './sessionProtocol.ts';

export interface CallContext {
  signal: AbortSignal;
  progress: (done: number) => void;
}

export function serveSession<S, C, R>(o: {
  open: (runtime: Runtime, base: string) => S | Promise<S>;
  run: (session: S, call: C, context: CallContext) => Promise<R>;
  transfer?: (value: R) => Transferable[];
}): void {
  const post = (message: FromWorker<R>, transfer: Transferable[] = []) =>
    (self as unknown as Worker).postMessage(message, transfer);
  let session: Promise<S> | null = null;
  /** Opens the session afresh on the runtime's current backend; set once the runtime is up. */
  let reopen: (() => Promise<S>) | null = null;
  const calls = new Map<number, AbortController>();

  // A reopen that failed is forgotten, so the next call opens again instead of failing forever.
  function reopened(): void {
    const fresh = reopen!();
    session = fresh;
    fresh.catch(() => {
      if (session === fresh) session = null;
    });
  }

  async function answer(id: number, call: C): Promise<void> {
    const controller = new AbortController();
    calls.set(id, controller);
    try {
      if (!session && reopen) reopened();
      if (!session) throw new Error('The model worker is not open.');
      const value = await o.run(await session, call, {
        signal: controller.signal,
        progress: (done) => post({ type: 'progress', id, done }),
      });
      post({ type: 'result', id, value }, o.transfer?.(value) ?? []);
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      post({ type: 'error', id, name: error.name, message: error.message });
    } finally {
      calls.delete(id);
    }
  }

  self.onmessage = (event: MessageEvent<ToWorker<C>>) => {
    const message = event.data;
    if (message.type === 'open') {
      const { base } = message;
      session ??= getRuntime(withUrlOverride(BACKENDS, message.search)).then((runtime) => {
        reopen = () => forgetModels().then(() => o.open(runtime, base));
        let backend = runtime.status.backend;
        runtime.subscribe((status) => {
          if (status.backend && status.backend !== backend) {
            backend = status.backend;
            reopened();
          }
          post({ type: 'runtime', status });
        });
        return o.open(runtime, base);
      });
      session.catch((e: unknown) => {
        session = null;
        post({ type: 'open-failed', message: e instanceof Error ? e.message : String(e) });
      });
    } else if (message.type === 'abort') {
      calls.get(message.id)?.abort();
    } else {
      void answer(message.id, message.call);
    }
  };
}
