/**
 * Scores any set of generated headshots against held-out real ones with the same numbers
 * for every model: tiny FID (Fréchet distance on probe features), coverage of eye colour ×
 * hair style, per-factor total variation of the probe's predicted distributions, and
 * sharpness. Images are [n, 32, 32, 3] RGB in [0, 1] (NHWC, flat).
 */
import * as tf from '@tensorflow/tfjs-core';
import { SIZE } from '../data/headshots.ts';
import {
  combinationCoverage,
  distribution,
  frechetDistance,
  histogram,
  sharpness,
  totalVariation,
} from './metrics.ts';
import {
  CATEGORICAL,
  CATEGORICAL_FACTORS,
  CONTINUOUS_FACTORS,
  disposeOutputs,
  probeForward,
  readPredictions,
  type ProbeWeights,
} from './probe.ts';

export interface ImageSet {
  pixels: Float32Array;
  n: number;
}

/** Probe features and predicted factors of a set, in batches (tensors freed as it goes). */
export type Probed = Awaited<ReturnType<typeof probeSet>>;

/** How a caller in the browser keeps the page responsive: small batches, a pause after each. */
export interface Pacing {
  batch: number;
  pause: () => Promise<void>;
}

export async function probeSet(
  weights: ProbeWeights,
  set: ImageSet,
  batch = 256,
  pause?: () => Promise<void>,
) {
  const features = new Float32Array(set.n * 128);
  const parts: Awaited<ReturnType<typeof readPredictions>>[] = [];
  const length = SIZE * SIZE * 3;
  for (let start = 0; start < set.n; start += batch) {
    const m = Math.min(batch, set.n - start);
    const slice = set.pixels.subarray(start * length, (start + m) * length);
    const out = tf.tidy(() => probeForward(weights, tf.tensor4d(slice, [m, SIZE, SIZE, 3])));
    features.set(await out.features.data(), start * 128);
    parts.push(await readPredictions(out));
    disposeOutputs(out);
    if (pause && start + m < set.n) await pause();
  }
  const join = <T>(pick: (p: (typeof parts)[number]) => T[]) => parts.flatMap(pick);
  return {
    features: { data: features, n: set.n, d: 128 },
    eyeColour: join((p) => p.categorical.eyeColour),
    hairStyle: join((p) => p.categorical.hairStyle),
    categorical: Object.fromEntries(
      CATEGORICAL_FACTORS.map((f) => [f, join((p) => p.categorical[f] as string[])]),
    ) as Record<(typeof CATEGORICAL_FACTORS)[number], string[]>,
    glasses: join((p) => p.glasses),
    continuous: Object.fromEntries(
      CONTINUOUS_FACTORS.map((f) => [f, join((p) => p.continuous[f])]),
    ) as Record<(typeof CONTINUOUS_FACTORS)[number], number[]>,
  };
}

export interface Score {
  /** Fréchet distance between probe features of the two sets (lower is better). */
  fid: number;
  /** Share of the 25 eye colour × hair style combinations present (higher is more diverse). */
  coverage: number;
  /** Total variation between predicted factor distributions, per factor (lower is better). */
  tv: Record<string, number>;
  /** High-frequency energy relative to the real set (1 = as sharp, < 1 = blurrier). */
  sharpness: number;
}

export async function scoreSet(
  weights: ProbeWeights,
  generated: ImageSet,
  real: ImageSet,
  pacing?: Pacing,
): Promise<Score> {
  const g = await probeSet(weights, generated, pacing?.batch, pacing?.pause);
  const r = await probeSet(weights, real, pacing?.batch, pacing?.pause);
  return scoreProbed(g, r, generated, real);
}

/** The scores from sets the probe has already read (`g` of `generated`, `r` of `real`). */
export function scoreProbed(g: Probed, r: Probed, generated: ImageSet, real: ImageSet): Score {
  const tv: Record<string, number> = {};
  for (const f of CATEGORICAL_FACTORS) {
    const values = CATEGORICAL[f] as readonly string[];
    tv[f] = totalVariation(
      distribution(g.categorical[f], values),
      distribution(r.categorical[f], values),
    );
  }
  tv['glasses'] = totalVariation(
    distribution(g.glasses, [true, false]),
    distribution(r.glasses, [true, false]),
  );
  for (const f of CONTINUOUS_FACTORS)
    tv[f] = totalVariation(histogram(g.continuous[f]), histogram(r.continuous[f]));
  return {
    fid: frechetDistance(g.features, r.features),
    coverage: combinationCoverage(
      g.eyeColour.map((e, i) => [e, g.hairStyle[i]!] as const),
      CATEGORICAL.eyeColour,
      CATEGORICAL.hairStyle,
    ),
    tv,
    sharpness: sharpness(
      { pixels: generated.pixels, n: generated.n, size: SIZE },
      { pixels: real.pixels, n: real.n, size: SIZE },
    ),
  };
}
