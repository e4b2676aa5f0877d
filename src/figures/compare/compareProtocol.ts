/**
 * The messages between the comparison page's figures (compareClient.ts) and the Web Worker
 * that runs their models (compare.worker.ts). Plain data only: pixels travel as transferred
 * Float32Arrays, errors as their name and message (so 'Aborted' and 'BackendChanged' keep
 * their meaning across the boundary).
 */
import type { RuntimeStatus } from '../../models/backends.ts';
import type { Score } from '../../models/yardstick.ts';
import type { CompareModel } from './compareNumbers.ts';

/** Draw options: the ldm is prompted with the factors of held-out faces from `promptsFrom`. */
export interface DrawOptions {
  promptsFrom?: number;
}

export type CompareCall =
  | { op: 'preload'; model: CompareModel }
  | { op: 'draw'; model: CompareModel; n: number; seed: number; o: DrawOptions }
  /** Draws and probes the reference faces, keeps them, and scores `n` other real faces. */
  | { op: 'score-data'; n: number }
  /** Draws n faces and scores them against the kept reference; the pixels stay in the worker. */
  | { op: 'draw-and-score'; model: CompareModel; n: number; seed: number; o: DrawOptions };

export interface Drawn {
  pixels: Float32Array;
  n: number;
  /** Milliseconds of work per face (model calls and sampler arithmetic, pauses excluded). */
  msPerFace: number;
}

export interface Scored {
  score: Score;
  msPerFace: number;
}

export type CompareResult = null | Drawn | Score | Scored;

export type ToWorker =
  | { type: 'open'; base: string; search: string }
  | { type: 'call'; id: number; call: CompareCall }
  | { type: 'abort'; id: number };

export type FromWorker =
  | { type: 'runtime'; status: RuntimeStatus }
  | { type: 'open-failed'; message: string }
  | { type: 'progress'; id: number; done: number }
  | { type: 'result'; id: number; value: CompareResult }
  | { type: 'error'; id: number; name: string; message: string };
