/**
 * The probe: a small CNN that reads every factor of a headshot. It is the site's yardstick
 * (our stand-in for the Inception network behind FID): its 128-number penultimate layer is
 * the feature space of the Fréchet distance, and its factor predictions measure coverage.
 *
 * Architecture (input x: [B, 32, 32, 3], RGB in [0, 1]):
 *   conv 3×3, 16, stride 1, relu → [B, 32, 32, 16]
 *   conv 3×3, 32, stride 2, relu → [B, 16, 16, 32]
 *   conv 3×3, 48, stride 2, relu → [B, 8, 8, 48]
 *   conv 3×3, 48, stride 2, relu → [B, 4, 4, 48] → flatten [B, 768]
 *   dense 128, relu              → features [B, 128]
 *   heads: eyeColour 5, hairStyle 5, hairColour 5, backdrop 5 (softmax logits),
 *          glasses 1 (sigmoid logit), continuous 4 (faceShape, skinTone, brows, smile; sigmoid)
 * Pure tfjs-core ops: the same code trains in Node and runs in the browser.
 */
import * as tf from '@tensorflow/tfjs-core';
import {
  BACKDROPS,
  EYE_COLOURS,
  HAIR_COLOURS,
  HAIR_STYLES,
  type HeadshotFactors,
} from '../data/headshots.ts';

export const CATEGORICAL = {
  eyeColour: EYE_COLOURS,
  hairStyle: HAIR_STYLES,
  hairColour: HAIR_COLOURS,
  backdrop: BACKDROPS,
} as const;
export type CategoricalFactor = keyof typeof CATEGORICAL;
export const CATEGORICAL_FACTORS = Object.keys(CATEGORICAL) as CategoricalFactor[];
export const CONTINUOUS_FACTORS = ['faceShape', 'skinTone', 'brows', 'smile'] as const;
export type ContinuousFactor = (typeof CONTINUOUS_FACTORS)[number];
export const FEATURES = 128;

const CONVS = [
  { name: 'conv1', in: 3, out: 16, stride: 1 },
  { name: 'conv2', in: 16, out: 32, stride: 2 },
  { name: 'conv3', in: 32, out: 48, stride: 2 },
  { name: 'conv4', in: 48, out: 48, stride: 2 },
] as const;
const FLAT = 4 * 4 * 48;
const HEADS = [
  ...CATEGORICAL_FACTORS.map((f) => ({ name: f, size: CATEGORICAL[f].length })),
  { name: 'glasses', size: 1 },
  { name: 'continuous', size: CONTINUOUS_FACTORS.length },
];

export type ProbeWeights = Record<string, tf.Tensor>;

/** Fresh weights (He-normal kernels, zero biases), as variables when `trainable`. */
export function initProbe(seed: number, trainable = false): ProbeWeights {
  const weights: ProbeWeights = {};
  let s = seed;
  const he = (shape: number[], fanIn: number) =>
    tf.randomNormal(shape, 0, Math.sqrt(2 / fanIn), 'float32', s++);
  for (const c of CONVS) {
    weights[`${c.name}/kernel`] = he([3, 3, c.in, c.out], 9 * c.in);
    weights[`${c.name}/bias`] = tf.zeros([c.out]);
  }
  weights['features/kernel'] = he([FLAT, FEATURES], FLAT);
  weights['features/bias'] = tf.zeros([FEATURES]);
  for (const h of HEADS) {
    weights[`${h.name}/kernel`] = he([FEATURES, h.size], FEATURES);
    weights[`${h.name}/bias`] = tf.zeros([h.size]);
  }
  if (!trainable) return weights;
  return Object.fromEntries(
    Object.entries(weights).map(([name, t]) => [name, tf.variable(t, true, `probe/${name}`)]),
  );
}

const w = (weights: ProbeWeights, name: string) => {
  const t = weights[name];
  if (!t) throw new Error(`probe: missing weight ${name}`);
  return t;
};

/** Penultimate features [B, 128] of images [B, 32, 32, 3]. */
export function probeFeatures(weights: ProbeWeights, x: tf.Tensor4D): tf.Tensor2D {
  let h: tf.Tensor4D = x;
  for (const c of CONVS) {
    h = tf.relu(
      tf.add(
        tf.conv2d(h, w(weights, `${c.name}/kernel`) as tf.Tensor4D, c.stride, 'same'),
        w(weights, `${c.name}/bias`),
      ),
    ) as tf.Tensor4D;
  }
  const flat = tf.reshape(h, [-1, FLAT]) as tf.Tensor2D;
  return tf.relu(
    tf.add(
      tf.matMul(flat, w(weights, 'features/kernel') as tf.Tensor2D),
      w(weights, 'features/bias'),
    ) as tf.Tensor2D,
  );
}

/** A type alias (not an interface) so it is a TensorContainer that tf.tidy may return. */
export type ProbeOutputs = {
  features: tf.Tensor2D;
  /** Logits per categorical factor, [B, values]. */
  logits: Record<CategoricalFactor, tf.Tensor2D>;
  /** Logit of P(glasses), [B, 1]. */
  glasses: tf.Tensor2D;
  /** Predicted continuous factors in [0, 1], [B, 4] in CONTINUOUS_FACTORS order. */
  continuous: tf.Tensor2D;
};

export function probeForward(weights: ProbeWeights, x: tf.Tensor4D): ProbeOutputs {
  const features = probeFeatures(weights, x);
  const head = (name: string) =>
    tf.add(
      tf.matMul(features, w(weights, `${name}/kernel`) as tf.Tensor2D),
      w(weights, `${name}/bias`),
    ) as tf.Tensor2D;
  const logits = Object.fromEntries(CATEGORICAL_FACTORS.map((f) => [f, head(f)])) as Record<
    CategoricalFactor,
    tf.Tensor2D
  >;
  return { features, logits, glasses: head('glasses'), continuous: tf.sigmoid(head('continuous')) };
}

/** Targets for a batch of factor records, as tensors. */
export function probeTargets(factors: readonly HeadshotFactors[]) {
  const oneHot = (f: CategoricalFactor) =>
    tf.oneHot(
      tf.tensor1d(
        factors.map((x) => (CATEGORICAL[f] as readonly string[]).indexOf(x[f])),
        'int32',
      ),
      CATEGORICAL[f].length,
    );
  return {
    categorical: Object.fromEntries(CATEGORICAL_FACTORS.map((f) => [f, oneHot(f)])) as Record<
      CategoricalFactor,
      tf.Tensor2D
    >,
    glasses: tf.tensor2d(factors.map((x) => [x.glasses ? 1 : 0])),
    continuous: tf.tensor2d(factors.map((x) => CONTINUOUS_FACTORS.map((f) => x[f]))),
  };
}

/**
 * Training loss: Σ softmax cross-entropy over the categorical heads + sigmoid cross-entropy
 * for glasses + 30 · mean squared error of the continuous factors. The weight keeps the
 * small continuous cues (brow thickness is a row or two of pixels) from being drowned by
 * the categorical heads, which converge first; at 10 brows reached only R² ≈ 0.74.
 */
export function probeLoss(
  outputs: ProbeOutputs,
  targets: ReturnType<typeof probeTargets>,
): tf.Scalar {
  const terms: tf.Scalar[] = CATEGORICAL_FACTORS.map((f) =>
    tf.losses.softmaxCrossEntropy(targets.categorical[f], outputs.logits[f]),
  );
  terms.push(tf.losses.sigmoidCrossEntropy(targets.glasses, outputs.glasses));
  terms.push(tf.mul(30, tf.losses.meanSquaredError(targets.continuous, outputs.continuous)));
  return tf.addN(terms) as tf.Scalar;
}

/** Predicted factors for a batch (read back from the outputs). */
export async function readPredictions(outputs: ProbeOutputs) {
  const categorical = Object.fromEntries(
    await Promise.all(
      CATEGORICAL_FACTORS.map(async (f) => {
        const idx = tf.argMax(outputs.logits[f], 1);
        const values = Array.from(await idx.data(), (i) => CATEGORICAL[f][i]!);
        idx.dispose();
        return [f, values];
      }),
    ),
  ) as { [F in CategoricalFactor]: (typeof CATEGORICAL)[F][number][] };
  const glasses = Array.from(await outputs.glasses.data(), (v) => v > 0);
  const cont = await outputs.continuous.data();
  const continuous = Object.fromEntries(
    CONTINUOUS_FACTORS.map((f, j) => [
      f,
      Array.from(
        { length: cont.length / CONTINUOUS_FACTORS.length },
        (_, i) => cont[i * CONTINUOUS_FACTORS.length + j]!,
      ),
    ]),
  ) as Record<ContinuousFactor, number[]>;
  return { categorical, glasses, continuous };
}

export function disposeOutputs(o: ProbeOutputs): void {
  tf.dispose([o.features, o.glasses, o.continuous, ...Object.values(o.logits)]);
}

/** Coefficient of determination R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)². */
export function rSquared(truth: readonly number[], predicted: readonly number[]): number {
  const mean = truth.reduce((a, b) => a + b, 0) / truth.length;
  let residual = 0;
  let total = 0;
  truth.forEach((y, i) => {
    residual += (y - predicted[i]!) ** 2;
    total += (y - mean) ** 2;
  });
  return 1 - residual / total;
}
