/**
 * The points a live 2-D figure trains on: a preset toy distribution's samples, or the
 * reader's drawing, jittered into a band (see drawn2d.ts). Pure data, no tfjs, so a figure
 * can draw the data before (or without) loading any model.
 */
import { sampleDrawn } from './drawn2d.ts';
import { TOY_DISTRIBUTIONS, type ToyDistribution } from './toy2d.ts';

/** A preset distribution, or the reader's own drawing. */
export type Data2d = ToyDistribution | 'draw';

/** `n` points of a preset, or of a drawing (jittered); none for an empty drawing. */
export function pointPool(
  distribution: Data2d,
  drawn: Float32Array | undefined,
  n: number,
  seed: number,
): Float32Array {
  return distribution === 'draw'
    ? sampleDrawn(drawn ?? new Float32Array(0), n, seed)
    : TOY_DISTRIBUTIONS[distribution].sample(n, seed);
}
