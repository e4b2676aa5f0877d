/**
 * The messages between the comparison page's figures (compareClient.ts) and the Web Worker
 * that runs their models (compareServe.ts), on the shared session protocol
 * (../shell/sessionProtocol.ts): pixels travel as transferred Float32Arrays.
 */
import type {
  FromWorker as GenericFromWorker,
  ToWorker as GenericToWorker,
} from '../shell/sessionProtocol.ts';
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

export type ToWorker = GenericToWorker<CompareCall>;
export type FromWorker = GenericFromWorker<CompareResult>;
