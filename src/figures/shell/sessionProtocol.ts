/**
 * The messages between a page's figures and a Web Worker that owns a model session
 * (workerClient.ts on the page, serveSession.ts in the worker). Plain data only: arrays
 * travel as (transferred) Float32Arrays, errors as their name and message, so 'Aborted' and
 * 'BackendChanged' keep their meaning across the boundary. `C` is the session's calls, `R`
 * what they answer.
 */
import type { RuntimeStatus } from '../../models/backends.ts';

export type ToWorker<C> =
  | { type: 'open'; base: string; search: string }
  | { type: 'call'; id: number; call: C }
  | { type: 'abort'; id: number };

export type FromWorker<R> =
  | { type: 'runtime'; status: RuntimeStatus }
  | { type: 'open-failed'; message: string }
  | { type: 'progress'; id: number; done: number }
  | { type: 'result'; id: number; value: R }
  | { type: 'error'; id: number; name: string; message: string };
