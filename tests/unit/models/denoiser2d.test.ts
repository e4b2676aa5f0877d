/**
 * The live 2-D denoiser: its written-out gradient against tfjs's autodiff, what each
 * objective's batch asks of the net, the samplers' paths, the straightness measure on paths
 * of known shape, and the trainer learning a shape under both objectives (the samples come
 * closer to the data by the energy distance) without leaving tensors behind.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  denoiserGradients,
  initDenoiser2d,
  makeBatch,
  predict2d,
  straightness,
  type Objective2d,
} from '../../../src/models/denoiser2d.ts';
import { Denoiser2dTrainer } from '../../../src/models/denoiser2dTrainer.ts';
import { energyDistance } from '../../../src/models/energyDistance.ts';
import { makeSchedule } from '../../../src/models/diffusion/schedule.ts';
import { alphaBarAt } from '../../../src/models/diffusion/schedule.ts';
import { TOY_DISTRIBUTIONS } from '../../../src/data/toy2d.ts';
import { mulberry32, normal } from '../../../src/data/random.ts';
import { ensureGradients } from '../../../src/models/training/gradients.ts';

beforeAll(async () => {
  await import('@tensorflow/tfjs-backend-wasm');
  expect(await tf.setBackend('wasm')).toBe(true);
  await ensureGradients();
}, 120_000);

const schedule = makeSchedule({ kind: 'linear', T: 1000 });
const gauss = (n: number, seed: number) =>
  Float32Array.from({ length: n }, normal(mulberry32(seed)));

describe('the batch', () => {
  const x0 = Float32Array.from([1, 2, -1, 0.5]);
  const eps = Float32Array.from([0.3, -0.2, 1, -1]);
  test('diffusion: xₜ = √ᾱ·x₀ + √(1 − ᾱ)·ε and the target is ε', () => {
    const b = makeBatch('diffusion', x0, eps, Float32Array.from([0, 0.5]), schedule);
    // Steps 1 and 501 of 1000, shown to the net as τ = t/T.
    expect(b.times[0]).toBeCloseTo(0.001, 6);
    expect(b.times[1]).toBeCloseTo(0.501, 6);
    const ab = alphaBarAt(schedule.alphaBars, 501);
    expect(b.x[2]).toBeCloseTo(Math.sqrt(ab) * -1 + Math.sqrt(1 - ab) * 1, 5);
    expect(Array.from(b.target)).toEqual(Array.from(eps));
  });
  test('flow: xₛ = (1 − s)·ε + s·x₀ and the target is x₀ − ε', () => {
    const b = makeBatch('flow', x0, eps, Float32Array.from([0.25, 1]), schedule);
    expect(b.x[0]).toBeCloseTo(0.75 * 0.3 + 0.25 * 1, 6);
    expect(b.x[2]).toBeCloseTo(-1, 6); // s = 1: the data point itself
    expect(b.times[0]).toBeCloseTo(0.75, 6); // τ = 1 − s: 1 is pure noise
    expect(b.target[3]).toBeCloseTo(0.5 - -1, 6);
  });
});

test('the written-out gradient matches autodiff', () => {
  const p = initDenoiser2d(3, { layers: 3, units: 16 });
  const batch = makeBatch(
    'flow',
    gauss(64, 1),
    gauss(64, 2),
    Float32Array.from({ length: 32 }, mulberry32(3)),
    schedule,
  );
  const ours = tf.tidy(() => denoiserGradients(p, batch));
  const names = Object.keys(p);
  const auto = tf.tidy(() =>
    tf.grads((...ws: tf.Tensor[]) => {
      const q = Object.fromEntries(names.map((k, i) => [k, ws[i]!]));
      const out = predict2d(q, tf.tensor2d(batch.x, [32, 2]), batch.times);
      return tf.mean(tf.square(tf.sub(out, tf.tensor2d(batch.target, [32, 2]))));
    })(names.map((k) => p[k]!)),
  );
  names.forEach((k, i) => {
    const a = ours.grads[k]!.dataSync();
    const b = auto[i]!.dataSync();
    a.forEach((v, j) => expect(v).toBeCloseTo(b[j]!, 5));
  });
  tf.dispose([ours.loss, ...Object.values(ours.grads), ...auto, ...Object.values(p)]);
});

describe('straightness', () => {
  test('a straight path scores 1, a detour less', () => {
    const line = [0, 1, 2].map((k) => Float32Array.from([k, k]));
    expect(straightness(line)).toBeCloseTo(1, 6);
    const bent = [Float32Array.from([0, 0]), Float32Array.from([1, 1]), Float32Array.from([2, 0])];
    expect(straightness(bent)).toBeCloseTo(2 / (2 * Math.SQRT2), 6);
  });
});

describe('energy distance', () => {
  test('near zero for two samples of one cloud, large for two clouds apart', () => {
    const a = TOY_DISTRIBUTIONS.moons.sample(400, 1);
    const b = TOY_DISTRIBUTIONS.moons.sample(400, 2);
    const far = b.map((v, i) => (i % 2 ? v : v + 3));
    expect(energyDistance(a, b)).toBeLessThan(0.1);
    expect(energyDistance(a, far)).toBeGreaterThan(1);
    expect(energyDistance(a, new Float32Array(2))).toBeNaN();
  });
});

describe('the trainer', () => {
  for (const objective of ['diffusion', 'flow'] as Objective2d[]) {
    test(`${objective}: 800 steps bring the samples to the two moons`, () => {
      const before = tf.memory().numTensors;
      const trainer = new Denoiser2dTrainer({
        objective,
        distribution: 'moons',
        shape: { layers: 3, units: 64 },
        optimizer: 'adam',
        lr: 3e-3,
        seed: 7,
      });
      const data = TOY_DISTRIBUTIONS.moons.sample(500, 11);
      const start = energyDistance(trainer.sample(500, 20, 5).at(-1)!, data);
      for (let i = 0; i < 800; i++) trainer.step();
      const losses = trainer.takeLosses();
      expect(losses).toHaveLength(800);
      expect(losses.at(-1)!.step).toBe(800);
      const frames = trainer.sample(500, 20, 5);
      expect(frames).toHaveLength(21);
      const end = energyDistance(frames.at(-1)!, data);
      expect(end).toBeLessThan(start * 0.35);
      // Two samples of the moons themselves lie 0.05 apart by this measure.
      expect(end).toBeLessThan(0.15);
      trainer.dispose();
      expect(tf.memory().numTensors).toBe(before);
    }, 60_000);
  }

  test('both samplers’ paths bend (straightness below 1) but head for the data', () => {
    for (const objective of ['diffusion', 'flow'] as Objective2d[]) {
      const t = new Denoiser2dTrainer({
        objective,
        distribution: 'moons',
        shape: { layers: 3, units: 64 },
        optimizer: 'adam',
        lr: 3e-3,
        seed: 7,
      });
      for (let i = 0; i < 400; i++) t.step();
      const s = straightness(t.sample(300, 20, 5));
      t.dispose();
      expect(s).toBeGreaterThan(0.4);
      expect(s).toBeLessThan(0.95);
    }
  }, 60_000);
});
