/**
 * The comparison page's models, off the main thread: one CompareSession (tfjs, the models,
 * the probe) in a Web Worker, answering compareClient.ts. Drawing DDPM's faces or measuring
 * a thousand of them took main-thread tasks of 100 ms and more; here they take none.
 */
import { getRuntime, withUrlOverride, BACKENDS } from '../../models/runtime.ts';
import type { Probed, ImageSet } from '../../models/yardstick.ts';
import type { CompareCall, CompareResult, FromWorker, ToWorker } from './compareProtocol.ts';
import { CompareSession, OTHER_OFFSET, promptsFor, referenceFaces } from './compareSession.ts';

const post = (message: FromWorker, transfer: Transferable[] = []) =>
  (self as unknown as Worker).postMessage(message, transfer);

let session: Promise<CompareSession> | null = null;
const calls = new Map<number, AbortController>();
/** The real faces every score is measured against, once probed. */
let reference: { set: ImageSet; probed: Probed } | null = null;

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'open') {
    session ??= getRuntime(withUrlOverride(BACKENDS, message.search)).then((runtime) => {
      runtime.subscribe((status) => post({ type: 'runtime', status }));
      return new CompareSession(runtime, message.base);
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

async function answer(id: number, call: CompareCall): Promise<void> {
  const controller = new AbortController();
  calls.set(id, controller);
  try {
    const value = await run(await session!, call, controller.signal, (done) =>
      post({ type: 'progress', id, done }),
    );
    post(
      { type: 'result', id, value },
      value && 'pixels' in value ? [value.pixels.buffer as ArrayBuffer] : [],
    );
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e));
    post({ type: 'error', id, name: error.name, message: error.message });
  } finally {
    calls.delete(id);
  }
}

async function run(
  compare: CompareSession,
  call: CompareCall,
  signal: AbortSignal,
  progress: (done: number) => void,
): Promise<CompareResult> {
  /** Draws a call's faces, prompted with held-out faces' factors when it asks for that. */
  const draw = (c: Extract<CompareCall, { op: 'draw' | 'draw-and-score' }>) =>
    compare.draw(c.model, c.n, c.seed, {
      signal,
      progress,
      ...(c.o.promptsFrom === undefined ? {} : { prompts: promptsFor(c.o.promptsFrom, c.n) }),
    });
  switch (call.op) {
    case 'preload':
      await compare.preload(call.model);
      return null;
    case 'draw':
      return draw(call);
    case 'score-data': {
      const set = { pixels: await referenceFaces(call.n, 0, signal), n: call.n };
      reference = { set, probed: await compare.probe(set, signal) };
      const others = await referenceFaces(call.n, OTHER_OFFSET, signal);
      return compare.score(others, call.n, reference, signal);
    }
    case 'draw-and-score': {
      if (!reference || reference.set.n !== call.n)
        throw new Error('Measure the real faces first (score-data) at the same size.');
      const drawn = await draw(call);
      const score = await compare.score(drawn.pixels, call.n, reference, signal);
      return { score, msPerFace: drawn.msPerFace };
    }
  }
}
