/**
 * Trains a model of the site in Node with pure TensorFlow.js (wasm backend plus the training
 * kernels of src/models/training) and ships it to public/models/<id>/: model.json, weights.bin
 * and card.json. Checkpoints every few hundred steps to .checkpoints/<id>/; `--resume` picks
 * up from the last one (Adam's moments restart, which costs a few noisy steps, not progress).
 *
 *   npm run train -- probe [--steps 4000] [--resume]
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { useWasmForTraining } from '../src/models/training/backend.ts';
import { loadWeightsFromDir, saveWeights } from '../src/models/training/io.ts';
import { TEST_SEEDS, TRAIN_SEEDS, headshotBatch, SIZE } from '../src/data/headshots.ts';
import {
  CATEGORICAL_FACTORS,
  CONTINUOUS_FACTORS,
  disposeOutputs,
  initProbe,
  probeForward,
  probeLoss,
  probeTargets,
  readPredictions,
  rSquared,
  type ProbeWeights,
} from '../src/models/probe.ts';

const args = process.argv.slice(2);
const id = args[0];
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
if (id !== 'probe') {
  console.error('Usage: npm run train -- probe [--steps N] [--resume]');
  process.exit(2);
}

const SEED = 20261127;
const BATCH = 64;
const STEPS = option('steps', 4000);
const LR = { start: 2e-3, end: 5e-5 };
const CHECKPOINT_EVERY = 250;
const EVAL_IMAGES = 2000;
const checkpointDir = join('.checkpoints', id);
const outDir = join('public', 'models', id);

await useWasmForTraining();
console.log(`backend: ${tf.getBackend()}`);

let step = 0;
/** Training seconds spent before this process (on resume), so the card counts them all. */
let earlierSeconds = 0;
let weights: ProbeWeights;
if (args.includes('--resume') && existsSync(join(checkpointDir, 'model.json'))) {
  const loaded = await loadWeightsFromDir(checkpointDir);
  weights = Object.fromEntries(
    Object.entries(loaded).map(([name, t]) => [name, tf.variable(t, true, `probe/${name}`)]),
  );
  const saved = JSON.parse(await readFile(join(checkpointDir, 'step.json'), 'utf8'));
  step = saved.step;
  earlierSeconds = saved.seconds ?? 0;
  console.log(`resumed at step ${step}`);
} else {
  weights = initProbe(SEED, true);
}
const variables = Object.values(weights) as tf.Variable[];
const optimizer = tf.train.adam(LR.start);
const started = Date.now();
let recent = 0;
let recentLoss = 0;

while (step < STEPS) {
  // Cosine decay of the learning rate over the whole run.
  (optimizer as unknown as { learningRate: number }).learningRate =
    LR.end + 0.5 * (LR.start - LR.end) * (1 + Math.cos((Math.PI * step) / STEPS));
  const first = TRAIN_SEEDS.first + ((step * BATCH) % (TRAIN_SEEDS.count - BATCH));
  const batch = headshotBatch(first, BATCH);
  const t0 = performance.now();
  const loss = tf.tidy(() => {
    const x = tf.tensor4d(batch.pixels, [BATCH, SIZE, SIZE, 3]);
    const targets = probeTargets(batch.factors);
    const value = optimizer.minimize(
      () => probeLoss(probeForward(weights, x), targets),
      true,
      variables,
    );
    if (!value) throw new Error('optimizer.minimize returned no loss');
    return value;
  });
  recentLoss += (await loss.data())[0]!;
  loss.dispose();
  recent += performance.now() - t0;
  step++;
  if (step % 100 === 0) {
    console.log(
      `step ${step}/${STEPS}  loss ${(recentLoss / 100).toFixed(4)}  ${(recent / 100).toFixed(1)} ms/step  tensors ${tf.memory().numTensors}`,
    );
    recent = 0;
    recentLoss = 0;
  }
  if (step % CHECKPOINT_EVERY === 0 || step === STEPS) {
    await saveWeights(checkpointDir, named(weights));
    const seconds = earlierSeconds + (Date.now() - started) / 1000;
    await writeFile(join(checkpointDir, 'step.json'), JSON.stringify({ step, seconds }));
  }
}
const wallSeconds = earlierSeconds + (Date.now() - started) / 1000;

// Held-out accuracy: the yardstick must itself be trustworthy.
const test = headshotBatch(TEST_SEEDS.first, EVAL_IMAGES);
const outputs = tf.tidy(() =>
  probeForward(weights, tf.tensor4d(test.pixels, [EVAL_IMAGES, SIZE, SIZE, 3])),
);
const predicted = await readPredictions(outputs);
disposeOutputs(outputs);
const accuracy: Record<string, number> = {};
for (const f of CATEGORICAL_FACTORS) {
  accuracy[f] =
    test.factors.filter((x, i) => x[f] === predicted.categorical[f][i]).length / EVAL_IMAGES;
}
accuracy['glasses'] =
  test.factors.filter((x, i) => x.glasses === predicted.glasses[i]).length / EVAL_IMAGES;
const r2: Record<string, number> = {};
for (const f of CONTINUOUS_FACTORS) {
  r2[f] = rSquared(
    test.factors.map((x) => x[f]),
    predicted.continuous[f],
  );
}
console.log('held-out accuracy', accuracy);
console.log('held-out R²', r2);

const parameters = variables.reduce((n, v) => n + v.size, 0);
const sha256 = await saveWeights(outDir, named(weights), { modelId: id }, { quantize: 'float16' });
const card = {
  id,
  title: 'Probe: the yardstick',
  purpose:
    'Predicts every factor of a Tiny Headshot. Its 128 penultimate features are the space of the tiny FID; its predictions measure coverage and diversity of generated faces.',
  architecture:
    'conv3×3/16 s1 → conv3×3/32 s2 → conv3×3/48 s2 → conv3×3/48 s2 (ReLU) → dense 128 (ReLU, features) → heads: 4 softmax (eye colour, hair style, hair colour, backdrop), 1 sigmoid (glasses), 4 sigmoid regressions (face shape, skin tone, brows, smile)',
  parameters,
  input: '[batch, 32, 32, 3] RGB in [0, 1]',
  data: {
    set: 'Tiny Headshots (src/data/headshots.ts)',
    train: `seeds ${TRAIN_SEEDS.first}…${TRAIN_SEEDS.first + TRAIN_SEEDS.count - 1}, fresh batches in seed order`,
    heldOut: `seeds ${TEST_SEEDS.first}…${TEST_SEEDS.first + EVAL_IMAGES - 1}`,
  },
  training: {
    steps: STEPS,
    batch: BATCH,
    optimizer: `Adam, learning rate ${LR.start} → ${LR.end} (cosine)`,
    loss: 'Σ softmax cross-entropy + sigmoid cross-entropy (glasses) + 30 · MSE (continuous)',
    seed: SEED,
    backend: 'tfjs-backend-wasm 4.22 in Node (one thread) with the project’s training kernels',
    wallTimeSeconds: Math.round(wallSeconds),
  },
  metrics: { heldOutImages: EVAL_IMAGES, accuracy, r2 },
  weights: { file: 'weights.bin', sha256, dtype: 'float16' },
};
await writeFile(join(outDir, 'card.json'), `${JSON.stringify(card, null, 2)}\n`);
console.log(`wrote ${outDir} (${parameters} parameters, ${Math.round(wallSeconds)} s)`);

function named(w: ProbeWeights) {
  return Object.entries(w).map(([name, tensor]) => ({ name, tensor }));
}
