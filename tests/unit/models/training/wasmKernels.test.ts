import { mulberry32 } from '../../../../src/data/random.ts';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, test } from 'vitest';
import { useWasmForTraining } from '../../../../src/models/training/backend.ts';
import {
  registerInferenceKernels,
  registerTrainingKernels,
  trainingKernelsRegistered,
  unregisterTrainingKernels,
} from '../../../../src/models/training/wasmKernels.ts';

/** A small seeded generator, so every run checks the same cases. */
const rng = mulberry32;

/** Uniform values in [-1, 1) as a plain array, so both backends get the very same input. */
function values(size: number, seed: number): Float32Array {
  const next = rng(seed);
  return Float32Array.from({ length: size }, () => next() * 2 - 1);
}

function input<R extends tf.Rank>(shape: tf.ShapeMap[R], seed: number): tf.Tensor<R> {
  return tf.tensor(values(tf.util.sizeFromShape(shape), seed), shape) as tf.Tensor<R>;
}

type Outputs = () => tf.Tensor[];

/** Runs `f` on `backend` and returns its outputs' values (read outside any tidy). */
async function runOn(backend: 'cpu' | 'wasm', f: Outputs): Promise<Float32Array[]> {
  expect(await tf.setBackend(backend)).toBe(true);
  expect(tf.getBackend()).toBe(backend);
  const outs = tf.tidy(f);
  const data = outs.map((t) => t.dataSync() as Float32Array);
  tf.dispose(outs);
  return data;
}

/** Largest |wasm − cpu| / max(1, |cpu|) over all outputs; shapes must agree. */
async function compare(f: Outputs): Promise<number> {
  const ref = await runOn('cpu', f);
  const got = await runOn('wasm', f);
  expect(got.length).toBe(ref.length);
  let worst = 0;
  ref.forEach((r, k) => {
    const g = got[k]!;
    expect(g.length).toBe(r.length);
    for (let i = 0; i < r.length; i++) {
      const d = Math.abs(g[i]! - r[i]!) / Math.max(1, Math.abs(r[i]!));
      // NaN must fail too.
      worst = Number.isNaN(d) ? Infinity : Math.max(worst, d);
    }
  });
  return worst;
}

const TOL = 1e-4;

type Pad = 'same' | 'valid' | number | [[0, 0], [number, number], [number, number], [0, 0]];

interface ConvCase {
  batch: number;
  h: number;
  w: number;
  inC: number;
  outC: number;
  k: number;
  strides: [number, number];
  pad: Pad;
  seed: number;
}

function describeCase(c: ConvCase): string {
  const pad = typeof c.pad === 'object' ? JSON.stringify(c.pad) : `pad ${c.pad}`;
  return `x[${c.batch},${c.h},${c.w},${c.inC}] k${c.k} out${c.outC} s${c.strides} ${pad}`;
}

/** Random conv cases covering batch 1–4, channels 1–8, kernels 3/4/5, strides 1/2, odd/even. */
function convCases(count: number, seed: number): ConvCase[] {
  const next = rng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const cases: ConvCase[] = [];
  for (let i = 0; i < count; i++) {
    const k = [3, 4, 5][i % 3]!;
    const s = (Math.floor(i / 3) % 2) + 1;
    const padKind = Math.floor(i / 6) % 2 === 0 ? 'same' : 'valid';
    cases.push({
      batch: int(1, 4),
      h: int(k, 12),
      w: int(k, 12),
      inC: int(1, 8),
      outC: int(1, 8),
      k,
      strides: [s, s],
      pad: padKind,
      seed: 1000 + i,
    });
  }
  // Unequal strides and explicit (also asymmetric) padding.
  cases.push(
    { batch: 2, h: 9, w: 8, inC: 3, outC: 5, k: 3, strides: [2, 1], pad: 'same', seed: 1 },
    { batch: 1, h: 7, w: 10, inC: 2, outC: 4, k: 4, strides: [1, 2], pad: 'valid', seed: 2 },
    {
      batch: 3,
      h: 8,
      w: 9,
      inC: 4,
      outC: 3,
      k: 3,
      strides: [2, 2],
      pad: [
        [0, 0],
        [1, 2],
        [0, 1],
        [0, 0],
      ],
      seed: 3,
    },
    {
      batch: 2,
      h: 6,
      w: 7,
      inC: 2,
      outC: 2,
      k: 5,
      strides: [2, 2],
      pad: [
        [0, 0],
        [4, 0],
        [2, 3],
        [0, 0],
      ],
      seed: 4,
    },
    {
      batch: 2,
      h: 5,
      w: 6,
      inC: 3,
      outC: 2,
      k: 3,
      strides: [2, 2],
      pad: [
        [0, 0],
        [3, 1],
        [0, 4],
        [0, 0],
      ],
      seed: 5,
    },
    // Explicit pads wider than the filter (negative pads inside the kernels).
    {
      batch: 2,
      h: 5,
      w: 4,
      inC: 2,
      outC: 3,
      k: 3,
      strides: [1, 1],
      pad: [
        [0, 0],
        [3, 0],
        [4, 1],
        [0, 0],
      ],
      seed: 8,
    },
    {
      batch: 1,
      h: 6,
      w: 5,
      inC: 3,
      outC: 2,
      k: 3,
      strides: [2, 2],
      pad: [
        [0, 0],
        [4, 2],
        [1, 5],
        [0, 0],
      ],
      seed: 9,
    },
    { batch: 2, h: 8, w: 8, inC: 3, outC: 4, k: 4, strides: [2, 2], pad: 1, seed: 6 },
    { batch: 1, h: 9, w: 7, inC: 2, outC: 3, k: 5, strides: [2, 2], pad: 2, seed: 7 },
  );
  return cases;
}

const CASES = convCases(36, 42);

// Compiling the wasm module and registering every gradient takes about a second on an idle
// machine but passed Vitest's default 10 s hook limit on a loaded one (a training run beside
// the tests), skipping all 128 tests of the file; the setup gets a minute.
beforeAll(async () => {
  await useWasmForTraining();
}, 60_000);

describe('useWasmForTraining', () => {
  test('ends on wasm with the training kernels, also when called again from cpu', async () => {
    expect(tf.getBackend()).toBe('wasm');
    expect(trainingKernelsRegistered()).toBe(true);
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
    expect(await tf.setBackend('cpu')).toBe(true);
    await useWasmForTraining();
    expect(tf.getBackend()).toBe('wasm');
    expect(trainingKernelsRegistered()).toBe(true);
    // And the wasm backend still computes.
    expect(Array.from(tf.add(tf.scalar(1), tf.scalar(2)).dataSync())).toEqual([3]);
  });
});

describe('conv2d gradients: wasm (training kernels) vs cpu', () => {
  test.each(CASES.map((c) => [describeCase(c), c] as const))('%s', async (_, c) => {
    const worst = await compare(() => {
      const x = input<tf.Rank.R4>([c.batch, c.h, c.w, c.inC], c.seed);
      const f = input<tf.Rank.R4>([c.k, c.k, c.inC, c.outC], c.seed + 1);
      const y = tf.conv2d(x, f, c.strides, c.pad);
      const r = input(y.shape, c.seed + 2);
      // d/dx and d/dfilter of Σ y·r: dy = r, through Conv2DBackpropInput and ...Filter.
      const [dx, df] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
        tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.strides, c.pad), r)),
      )([x, f]);
      return [y, dx!, df!];
    });
    expect(worst).toBeLessThanOrEqual(TOL);
  });
});

describe('conv2dTranspose forward and gradients: wasm vs cpu', () => {
  test.each(CASES.map((c) => [describeCase(c), c] as const))('%s', async (_, c) => {
    const outShape: [number, number, number, number] = [c.batch, c.h, c.w, c.inC];
    const info = tf.backend_util.computeConv2DInfo(
      outShape,
      [c.k, c.k, c.inC, c.outC],
      c.strides,
      1,
      c.pad,
    );
    const worst = await compare(() => {
      const dy = input<tf.Rank.R4>(info.outShape, c.seed + 3);
      const f = input<tf.Rank.R4>([c.k, c.k, c.inC, c.outC], c.seed + 4);
      const r = input(outShape, c.seed + 5);
      const up = (a: tf.Tensor, b: tf.Tensor) =>
        tf.conv2dTranspose(a as tf.Tensor4D, b as tf.Tensor4D, outShape, c.strides, c.pad);
      const y = up(dy, f);
      const [ddy, df] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(up(a, b), r)))([
        dy,
        f,
      ]);
      return [y, ddy!, df!];
    });
    expect(worst).toBeLessThanOrEqual(TOL);
  });
});

describe('matMul: wasm vs cpu', () => {
  const shapes = [
    { batch: [] as number[], m: 5, k: 7, n: 3 },
    { batch: [] as number[], m: 64, k: 33, n: 10 },
    { batch: [3], m: 4, k: 6, n: 5 },
    { batch: [2], m: 1, k: 9, n: 8 },
  ];
  const combos = shapes.flatMap((s, i) =>
    [
      [false, false],
      [false, true],
      [true, false],
      [true, true],
    ].map(([ta, tb]) => ({
      ...s,
      ta: ta!,
      tb: tb!,
      seed: 500 + 10 * i + (ta ? 2 : 0) + (tb ? 1 : 0),
    })),
  );
  const name = (c: (typeof combos)[number]) =>
    `[${c.batch}] ${c.m}×${c.k}·${c.k}×${c.n} transposeA=${c.ta} transposeB=${c.tb}`;
  const operands = (c: (typeof combos)[number]) => {
    const a = input([...c.batch, ...(c.ta ? [c.k, c.m] : [c.m, c.k])], c.seed);
    const b = input([...c.batch, ...(c.tb ? [c.n, c.k] : [c.k, c.n])], c.seed + 100);
    return [a, b] as const;
  };

  test.each(combos.map((c) => [name(c), c] as const))(
    'matMul %s and its gradients',
    async (_, c) => {
      const worst = await compare(() => {
        const [a, b] = operands(c);
        const mm = (x: tf.Tensor, y: tf.Tensor) => tf.matMul(x, y, c.ta, c.tb);
        const y = mm(a, b);
        const r = input(y.shape, c.seed + 200);
        const [da, db] = tf.grads((x: tf.Tensor, z: tf.Tensor) => tf.sum(tf.mul(mm(x, z), r)))([
          a,
          b,
        ]);
        return [y, da!, db!];
      });
      expect(worst).toBeLessThanOrEqual(TOL);
    },
  );

  test.each(combos.map((c) => [name(c), c] as const))(
    'fused.matMul %s + bias + relu and its gradients',
    async (_, c) => {
      const worst = await compare(() => {
        const [a, b] = operands(c);
        const bias = input([c.n], c.seed + 300);
        const mm = (x: tf.Tensor, y: tf.Tensor, z: tf.Tensor) =>
          tf.fused.matMul({
            a: x,
            b: y,
            transposeA: c.ta,
            transposeB: c.tb,
            bias: z,
            activation: 'relu',
          });
        const y = mm(a, b, bias);
        const r = input(y.shape, c.seed + 400);
        const [da, db, dbias] = tf.grads((x: tf.Tensor, z: tf.Tensor, w: tf.Tensor) =>
          tf.sum(tf.mul(mm(x, z, w), r)),
        )([a, b, bias]);
        return [y, da!, db!, dbias!];
      });
      expect(worst).toBeLessThanOrEqual(TOL);
    },
  );

  test('fused.matMul with other activations and a broadcast bias', async () => {
    const worst = await compare(() => {
      const a = input([6, 4], 7);
      const b = input([5, 4], 8);
      const outs: tf.Tensor[] = [];
      const acts = ['linear', 'relu6', 'elu', 'sigmoid', 'leakyrelu', 'prelu'] as const;
      for (const activation of acts) {
        outs.push(
          tf.fused.matMul({
            a,
            b,
            transposeB: true,
            bias: input([6, 1], 9),
            activation,
            preluActivationWeights: input([5], 10),
            leakyreluAlpha: 0.3,
          }),
          tf.fused.matMul({
            a,
            b,
            transposeB: true,
            bias: input([5], 11),
            activation,
            preluActivationWeights: input([5], 10),
            leakyreluAlpha: 0.3,
          }),
        );
      }
      return outs;
    });
    expect(worst).toBeLessThanOrEqual(TOL);
  });
});

describe('whole-model gradients: wasm vs cpu', () => {
  test('conv s2 → relu → conv → flatten → dense → softmax cross-entropy', async () => {
    const worst = await compare(() => {
      const x = input<tf.Rank.R4>([4, 11, 10, 3], 71);
      const labels = tf.oneHot(tf.tensor1d([0, 3, 1, 4], 'int32'), 5);
      const w1 = tf.variable(tf.mul(input<tf.Rank.R4>([3, 3, 3, 6], 72), 0.5) as tf.Tensor4D);
      const b1 = tf.variable(input<tf.Rank.R1>([6], 73));
      const w2 = tf.variable(tf.mul(input<tf.Rank.R4>([4, 4, 6, 8], 74), 0.3) as tf.Tensor4D);
      const b2 = tf.variable(input<tf.Rank.R1>([8], 75));
      // conv1: 11×10 → 6×5 (same, s2); conv2: 6×5 → 3×2 (valid, s1); 3·2·8 = 48 features.
      const wd = tf.variable(tf.mul(input<tf.Rank.R2>([48, 5], 76), 0.2));
      const bd = tf.variable(input<tf.Rank.R1>([5], 77));
      const vars = [w1, b1, w2, b2, wd, bd];
      const { value, grads } = tf.variableGrads(() => {
        const h1 = tf.relu(tf.add(tf.conv2d(x, w1, 2, 'same'), b1)) as tf.Tensor4D;
        const h2 = tf.add(tf.conv2d(h1, w2, 1, 'valid'), b2);
        const logits = tf.add(tf.matMul(tf.reshape(h2, [4, 48]), wd), bd);
        return tf.losses.softmaxCrossEntropy(labels, logits) as tf.Scalar;
      }, vars);
      const out = [value, ...vars.map((v) => grads[v.name]!)];
      tf.dispose(vars);
      return out;
    });
    expect(worst).toBeLessThanOrEqual(TOL);
  });
});

describe('bookkeeping', () => {
  test('the training kernels leave no tensors or wasm buffers behind', async () => {
    expect(await tf.setBackend('wasm')).toBe(true);
    const x = input<tf.Rank.R4>([2, 9, 8, 3], 1);
    const f = input<tf.Rank.R4>([3, 3, 3, 4], 2);
    const dy = input<tf.Rank.R4>([2, 5, 4, 4], 3);
    const a = input<tf.Rank.R3>([2, 3, 4], 4);
    const b = input<tf.Rank.R3>([2, 5, 3], 5);
    const bias = input<tf.Rank.R1>([5], 6);
    const conv = { strides: [2, 2], pad: 'same', dataFormat: 'NHWC' };
    const calls: Array<[string, tf.NamedTensorMap, tf.NamedAttrMap]> = [
      [tf.Conv2DBackpropFilter, { x, dy }, { ...conv, filterShape: [3, 3, 3, 4] }],
      [tf.Conv2DBackpropInput, { dy, filter: f }, { ...conv, inputShape: [2, 9, 8, 3] }],
      [tf.BatchMatMul, { a, b }, { transposeA: true, transposeB: true }],
      [
        tf._FusedMatMul,
        { a, b, bias },
        { transposeA: true, transposeB: true, activation: 'relu', leakyreluAlpha: 0 },
      ],
    ];
    const backend = tf.engine().backend;
    for (const [name, inputs, attrs] of calls) {
      const tensorsBefore = tf.memory().numTensors;
      const idsBefore = backend.numDataIds();
      const out = tf.engine().runKernel(name, inputs, attrs) as tf.Tensor;
      expect(tf.memory().numTensors, name).toBe(tensorsBefore + 1);
      expect(backend.numDataIds(), name).toBe(idsBefore + 1);
      out.dispose();
      expect(tf.memory().numTensors, name).toBe(tensorsBefore);
      expect(backend.numDataIds(), name).toBe(idsBefore);
    }
    tf.dispose([x, f, dy, a, b, bias]);
  });

  test('the browser registers only the transposed convolution, and it agrees with cpu', async () => {
    unregisterTrainingKernels();
    const shipped = tf.getKernel(tf.Conv2DBackpropInput, 'wasm')?.kernelFunc;
    try {
      registerInferenceKernels();
      registerInferenceKernels(); // idempotent, as runtime restarts call it again
      expect(tf.getKernel(tf.Conv2DBackpropInput, 'wasm')?.kernelFunc).not.toBe(shipped);
      expect(tf.getKernel(tf.Conv2DBackpropFilter, 'wasm')).toBeUndefined();
      expect(trainingKernelsRegistered()).toBe(false);
      const worst = await compare(() => {
        const x = input<tf.Rank.R4>([2, 4, 4, 6], 7);
        const f = input<tf.Rank.R4>([4, 4, 5, 6], 8);
        return [tf.conv2dTranspose(x, f, [2, 8, 8, 5], 2, 'same')];
      });
      expect(worst).toBeLessThan(TOL);
    } finally {
      unregisterTrainingKernels();
      registerTrainingKernels();
    }
    expect(trainingKernelsRegistered()).toBe(true);
  });

  test('the comparison catches the wasm kernels tfjs ships (so it can fail)', async () => {
    unregisterTrainingKernels();
    try {
      expect(trainingKernelsRegistered()).toBe(false);
      // tfjs 4.22's wasm _FusedMatMul adds a bias wrongly with a transpose flag ...
      const worst = await compare(() => {
        const a = input([4, 3], 1);
        const b = input([5, 3], 2);
        return [tf.fused.matMul({ a, b, transposeB: true, bias: input([5], 3) })];
      });
      expect(worst).toBeGreaterThan(TOL);
      // ... and also without flags when the batch holds more than one matrix.
      const batched = await compare(() => {
        const a = input([3, 4, 6], 4);
        const b = input([3, 6, 5], 5);
        return [tf.fused.matMul({ a, b, bias: input([5], 6) })];
      });
      expect(batched).toBeGreaterThan(TOL);
      // And it has no Conv2DBackpropFilter at all.
      expect(await tf.setBackend('wasm')).toBe(true);
      expect(tf.getKernel(tf.Conv2DBackpropFilter, 'wasm')).toBeUndefined();
    } finally {
      registerTrainingKernels();
    }
    expect(trainingKernelsRegistered()).toBe(true);
  });
});
