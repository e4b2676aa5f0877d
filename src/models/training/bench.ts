/**
 * `npx tsx src/models/training/bench.ts`: ms per training step on the wasm backend with and
 * without the training kernels of `wasmKernels.ts`, and on the cpu backend, for
 *
 * - a conv classifier: 32×32×3 → conv 16 s2 → conv 32 s2 → conv 64 s2 (3×3, same, ReLU)
 *   → dense 10, softmax cross-entropy, batch 64;
 * - a conv decoder: 32 → dense 4·4·64 → conv2dTranspose 32, 16, 3 (s2, 4×4) → 32×32×3, MSE.
 *
 * Plain SGD; a step is forward + backward + update, timed until the loss is read back.
 * Medians and minima are printed, since other processes may share the machine.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { useWasmForTraining } from './backend.ts';
import { registerTrainingKernels, unregisterTrainingKernels } from './wasmKernels.ts';

const BATCH = 64;

function seeded(shape: number[], scale: number, seed: number): tf.Tensor {
  return tf.mul(tf.randomUniform(shape, -1, 1, 'float32', seed), scale);
}

interface Model {
  vars: tf.Variable[];
  loss: () => tf.Scalar;
  dispose: () => void;
}

function classifier(): Model {
  const x = seeded([BATCH, 32, 32, 3], 1, 1) as tf.Tensor4D;
  const labels = tf.oneHot(tf.randomUniform([BATCH], 0, 10, 'int32', 2) as tf.Tensor1D, 10);
  const conv = (i: number, o: number, seed: number) =>
    tf.variable(seeded([3, 3, i, o], Math.sqrt(2 / (9 * i)), seed)) as tf.Variable<tf.Rank.R4>;
  const w1 = conv(3, 16, 3);
  const w2 = conv(16, 32, 4);
  const w3 = conv(32, 64, 5);
  const b1 = tf.variable(tf.zeros([16]));
  const b2 = tf.variable(tf.zeros([32]));
  const b3 = tf.variable(tf.zeros([64]));
  const wd = tf.variable(seeded([4 * 4 * 64, 10], 0.03, 6)) as tf.Variable<tf.Rank.R2>;
  const bd = tf.variable(tf.zeros([10]));
  const vars = [w1, b1, w2, b2, w3, b3, wd, bd];
  return {
    vars,
    loss: () => {
      const h1 = tf.relu(tf.add(tf.conv2d(x, w1, 2, 'same'), b1)) as tf.Tensor4D;
      const h2 = tf.relu(tf.add(tf.conv2d(h1, w2, 2, 'same'), b2)) as tf.Tensor4D;
      const h3 = tf.relu(tf.add(tf.conv2d(h2, w3, 2, 'same'), b3));
      const logits = tf.add(tf.matMul(tf.reshape(h3, [BATCH, 4 * 4 * 64]), wd), bd);
      return tf.losses.softmaxCrossEntropy(labels, logits) as tf.Scalar;
    },
    dispose: () => tf.dispose([x, labels, ...vars]),
  };
}

function decoder(): Model {
  const z = seeded([BATCH, 32], 1, 11) as tf.Tensor2D;
  const target = seeded([BATCH, 32, 32, 3], 1, 12);
  const wd = tf.variable(seeded([32, 4 * 4 * 64], 0.2, 13)) as tf.Variable<tf.Rank.R2>;
  const bd = tf.variable(tf.zeros([4 * 4 * 64]));
  const up = (i: number, o: number, seed: number) =>
    tf.variable(seeded([4, 4, o, i], Math.sqrt(2 / (4 * i)), seed)) as tf.Variable<tf.Rank.R4>;
  const t1 = up(64, 32, 14);
  const t2 = up(32, 16, 15);
  const t3 = up(16, 3, 16);
  const vars = [wd, bd, t1, t2, t3];
  return {
    vars,
    loss: () => {
      const h0 = tf.relu(tf.fused.matMul({ a: z, b: wd, bias: bd }));
      const h1 = tf.relu(
        tf.conv2dTranspose(
          tf.reshape(h0, [BATCH, 4, 4, 64]) as tf.Tensor4D,
          t1,
          [BATCH, 8, 8, 32],
          2,
          'same',
        ),
      ) as tf.Tensor4D;
      const h2 = tf.relu(tf.conv2dTranspose(h1, t2, [BATCH, 16, 16, 16], 2, 'same')) as tf.Tensor4D;
      const out = tf.conv2dTranspose(h2, t3, [BATCH, 32, 32, 3], 2, 'same');
      return tf.losses.meanSquaredError(target, out) as tf.Scalar;
    },
    dispose: () => tf.dispose([z, target, ...vars]),
  };
}

interface Timing {
  min: number;
  median: number;
}

/** ms per SGD step over `steps` steps after `warmup` (min and median: the machine is shared). */
function timeSteps(make: () => Model, warmup: number, steps: number): Timing {
  const model = make();
  const optimizer = tf.train.sgd(0.01);
  const step = () => {
    const loss = optimizer.minimize(model.loss, true, model.vars);
    loss!.dataSync();
    loss!.dispose();
  };
  for (let i = 0; i < warmup; i++) step();
  const times: number[] = [];
  for (let i = 0; i < steps; i++) {
    const t0 = performance.now();
    step();
    times.push(performance.now() - t0);
  }
  model.dispose();
  optimizer.dispose();
  times.sort((a, b) => a - b);
  return { min: times[0]!, median: times[Math.floor(times.length / 2)]! };
}

const show = (t: Timing) => `${t.median.toFixed(1)} ms (min ${t.min.toFixed(1)})`;

await useWasmForTraining();
const rows: string[] = [];
for (const [name, make] of [
  ['conv classifier', classifier],
  ['conv decoder', decoder],
] as const) {
  await tf.setBackend('wasm');
  registerTrainingKernels();
  const fast = timeSteps(make, 3, 30);
  // tfjs's own wasm kernels, except Conv2DBackpropFilter, which wasm lacks (without it
  // the classifier cannot train on wasm at all; the decoder needs it too).
  unregisterTrainingKernels();
  registerTrainingKernels([tf.Conv2DBackpropFilter]);
  const stock = timeSteps(make, 2, 10);
  registerTrainingKernels();
  await tf.setBackend('cpu');
  const cpu = timeSteps(make, 1, 3);
  rows.push(
    `${name}: wasm + training kernels ${show(fast)} | wasm stock kernels (+ our filter ` +
      `gradient) ${show(stock)} | cpu ${show(cpu)}`,
  );
}
await tf.setBackend('wasm');
console.log(rows.join('\n'));
