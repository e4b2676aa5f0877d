/**
 * The diffusion objective's three targets (src/models/diffusion/objective.ts): a network
 * that outputs exactly ε, x₀ or v scores zero under its own target and not under the
 * others, and v carries x₀ back as √ᾱₜ·xₜ − √(1 − ᾱₜ)·v.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, test } from 'vitest';
import { diffusionLoss, type Prediction } from '../../../../src/models/diffusion/objective.ts';
import { makeSchedule } from '../../../../src/models/diffusion/schedule.ts';
import { epsFromV } from '../../../../src/models/sampling.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const schedule = makeSchedule({ kind: 'linear', T: 1000 });
const ts = [1, 250, 600, 1000];
const x0 = tf.tensor2d([0.5, -1, 2, 0.1, -0.3, 0.8, 1.5, -2], [4, 2]);
const noise = tf.tensor2d([1, 0.2, -0.7, 1.1, 0.4, -1.6, 0.05, 0.9], [4, 2]);
const coef = (t: number) => {
  const ab = schedule.alphaBars[t - 1]!;
  return [Math.sqrt(ab), Math.sqrt(1 - ab)] as const;
};
/** What each target is, row by row, computed here without the objective's code. */
function truth(kind: Prediction): number[][] {
  const x = x0.arraySync();
  const e = noise.arraySync();
  return ts.map((t, i) => {
    const [a, b] = coef(t);
    return x[i]!.map((xv, j) =>
      kind === 'eps' ? e[i]![j]! : kind === 'x0' ? xv : a * e[i]![j]! - b * xv,
    );
  });
}
const lossOf = (output: Prediction, target: Prediction) =>
  tf
    .tidy(() =>
      diffusionLoss(() => tf.tensor2d(truth(output)), x0, ts, noise, schedule.alphaBars, target),
    )
    .arraySync() as number;

describe('the diffusion objective', () => {
  test.each<Prediction>(['eps', 'x0', 'v'])(
    'a network that outputs the true %s scores 0 on it',
    (kind) => {
      expect(lossOf(kind, kind)).toBeCloseTo(0, 10);
      for (const other of (['eps', 'x0', 'v'] as const).filter((k) => k !== kind)) {
        expect(lossOf(kind, other)).toBeGreaterThan(0.01);
      }
    },
  );

  test('v gives back x₀ = √ᾱₜ·xₜ − √(1 − ᾱₜ)·v and ε = √ᾱₜ·v + √(1 − ᾱₜ)·xₜ, as the sampler converts it', () => {
    const [x, e, v] = [x0.arraySync(), noise.arraySync(), truth('v')];
    ts.forEach((t, i) => {
      const [a, b] = coef(t);
      for (let j = 0; j < 2; j++) {
        const xt = a * x[i]![j]! + b * e[i]![j]!;
        expect(a * xt - b * v[i]![j]!).toBeCloseTo(x[i]![j]!, 6);
        expect(a * v[i]![j]! + b * xt).toBeCloseTo(e[i]![j]!, 6);
      }
      // The sampler's conversion (the ldm runs on the site's schedule, T = 1000).
      const xt = Float32Array.from(x[i]!, (xv, j) => a * xv + b * e[i]![j]!);
      const eps = epsFromV(xt, Float32Array.from(v[i]!), t);
      eps.forEach((ev, j) => expect(ev).toBeCloseTo(e[i]![j]!, 5));
    });
  });
});
