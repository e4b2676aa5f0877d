/** Small text and pixel helpers the prompting figure's parts share. */
import { IMAGE_LENGTH } from '../../../data/headshots.ts';
import { FACTOR_NAMES } from '../../../data/headshotLabels.ts';

/** The i-th face of a flat [n, 32, 32, 3] batch. */
export const faceAt = (images: Float32Array, i: number): Float32Array =>
  images.subarray(i * IMAGE_LENGTH, (i + 1) * IMAGE_LENGTH);

/** A share as a whole percentage; a dash when there is nothing to measure. */
export const pct = (x: number | null): string => (x === null ? '—' : `${Math.round(x * 100)}%`);

/** A factor's name for readers ("hair colour"), or the key itself if it has none. */
export const factorName = (f: string): string => FACTOR_NAMES[f as keyof typeof FACTOR_NAMES] ?? f;
