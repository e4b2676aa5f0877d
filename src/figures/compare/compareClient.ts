/**
 * The comparison page's figures talk to their models through this: the same calls as
 * CompareSession (compareSession.ts), answered in a Web Worker (compareServe.ts, run by the
 * shared ../models.worker.ts) that one page's figures share, so drawing and measuring never
 * block the page. Aborting a call's
 * signal stops it in the worker; its promise then rejects with an error named 'Aborted'.
 */
import type { Score } from '../../models/yardstick.ts';
import { WorkerClient, sharedClient } from '../shell/workerClient.ts';
import type { CompareModel } from './compareNumbers.ts';
import type { CompareCall, CompareResult, DrawOptions, Drawn, Scored } from './compareProtocol.ts';

type Watch = { signal?: AbortSignal; progress?: (done: number) => void };

export class CompareClient extends WorkerClient<CompareCall, CompareResult> {
  /** `search`: the page's query, for its `?backend=` choice. */
  constructor(worker: Worker, base: string, search?: string) {
    super(worker, base, 'comparison', search);
  }

  /** Loads a model's weights without drawing (so a timing does not include the download). */
  preload(model: CompareModel): Promise<null> {
    return this.call({ op: 'preload', model });
  }

  /** n faces of `model` from `seed`, as CompareSession.draw draws them. */
  draw(model: CompareModel, n: number, seed: number, o: DrawOptions & Watch = {}): Promise<Drawn> {
    const { signal, progress, ...options } = o;
    return this.call({ op: 'draw', model, n, seed, o: options }, { signal, progress });
  }

  /** Probes n held-out real faces as the reference, and scores n other real ones against it. */
  scoreData(n: number, signal?: AbortSignal): Promise<Score> {
    return this.call({ op: 'score-data', n }, { signal });
  }

  /** Draws n faces and scores them against the reference `scoreData` kept. */
  drawAndScore(
    model: CompareModel,
    n: number,
    seed: number,
    o: DrawOptions & Watch = {},
  ): Promise<Scored> {
    const { signal, progress, ...options } = o;
    return this.call({ op: 'draw-and-score', model, n, seed, o: options }, { signal, progress });
  }
}

/** The page's comparison worker, started on first use and shared by its figures. */
export const openCompare = sharedClient(
  (base) =>
    new CompareClient(
      new Worker(new URL('../models.worker.ts', import.meta.url), {
        type: 'module',
        name: 'compare',
      }),
      base,
    ),
);
