import { describe, expect, test } from 'vitest';
import {
  alphaBarFromBetas,
  cosineBetas,
  forwardCoefficients,
  linearBetas,
  makeSchedule,
} from '../../../../src/models/diffusion/schedule.ts';
import { gaussian2d, smiley } from '../../../../src/data/toy2d.ts';

describe('linearBetas', () => {
  test('runs from 1e-4 to 0.02 over T steps (Ho et al. 2020)', () => {
    const betas = linearBetas(1000);
    expect(betas.length).toBe(1000);
    expect(betas[0]).toBeCloseTo(1e-4, 12);
    expect(betas[999]).toBeCloseTo(0.02, 12);
    expect(betas[500]! - betas[499]!).toBeCloseTo((0.02 - 1e-4) / 999, 12);
  });
});

describe('alphaBarFromBetas', () => {
  test('is the running product of (1 − βₛ)', () => {
    const betas = Float64Array.from([0.1, 0.2, 0.5]);
    expect([...alphaBarFromBetas(betas)]).toEqual([0.9, 0.9 * 0.8, 0.9 * 0.8 * 0.5]);
  });

  test('leaves almost no signal at the end of the linear schedule', () => {
    const alphaBar = alphaBarFromBetas(linearBetas(1000));
    expect(alphaBar[999]).toBeGreaterThan(0);
    expect(alphaBar[999]).toBeLessThan(1e-4);
  });
});

describe('cosineBetas', () => {
  test('gives ᾱₜ = f(t)/f(0) with f(t) = cos²(((t/T + s)/(1 + s))·π/2)', () => {
    const T = 1000;
    const s = 0.008;
    const f = (t: number) => Math.cos((((t / T + s) / (1 + s)) * Math.PI) / 2) ** 2;
    const alphaBar = alphaBarFromBetas(cosineBetas(T, s));
    for (const t of [1, 10, 250, 500, 900]) expect(alphaBar[t - 1]).toBeCloseTo(f(t) / f(0), 9);
  });

  test('destroys signal more gradually than the linear schedule in the first half', () => {
    const linear = alphaBarFromBetas(linearBetas(1000));
    const cosine = alphaBarFromBetas(cosineBetas(1000));
    for (const t of [200, 300, 400, 500]) expect(cosine[t - 1]!).toBeGreaterThan(linear[t - 1]!);
  });

  test('keeps every β below 1 so the last step stays finite', () => {
    expect(Math.max(...cosineBetas(1000))).toBeLessThanOrEqual(0.999);
  });
});

describe('forwardCoefficients', () => {
  const schedule = makeSchedule({ kind: 'linear', T: 1000 });
  const alphaBar = alphaBarFromBetas(linearBetas(1000));

  test('is the identity at t = 0', () => {
    expect(forwardCoefficients(schedule, 0)).toEqual({ signal: 1, noise: 0 });
  });

  test('reads step t from position t − 1: step 1 keeps √(1 − β₁) of the signal', () => {
    const { signal, noise } = forwardCoefficients(schedule, 1);
    expect(signal).toBeCloseTo(Math.sqrt(1 - 1e-4), 12);
    expect(noise).toBeCloseTo(Math.sqrt(1e-4), 12);
    expect(forwardCoefficients(schedule, 1000).signal).toBeCloseTo(Math.sqrt(alphaBar[999]!), 12);
  });

  test('gives q(xₜ | x₀) the mean √ᾱₜ·x₀ and variance 1 − ᾱₜ', () => {
    const n = 20000;
    const x0 = 1.5;
    const eps = gaussian2d(n, 3);
    const t = 300;
    const { signal, noise } = forwardCoefficients(schedule, t);
    const xt = Array.from(eps, (e) => signal * x0 + noise * e);
    const mean = xt.reduce((a, b) => a + b, 0) / xt.length;
    const variance = xt.reduce((a, b) => a + (b - mean) ** 2, 0) / xt.length;
    expect(mean).toBeCloseTo(Math.sqrt(alphaBar[t - 1]!) * x0, 1);
    expect(variance).toBeCloseTo(1 - alphaBar[t - 1]!, 1);
  });
});

describe('toy data', () => {
  test('the same seed gives the same smiley, another seed another', () => {
    expect(smiley(50, 4).points).toEqual(smiley(50, 4).points);
    expect(smiley(50, 4).points).not.toEqual(smiley(50, 5).points);
  });

  test('the smiley has a face, two eyes and a smile in the documented shares', () => {
    const { parts } = smiley(20000, 1);
    const share = (p: number) => parts.filter((x) => x === p).length / parts.length;
    expect(share(0)).toBeCloseTo(0.45, 1);
    expect(share(1)).toBeCloseTo(0.2, 1);
    expect(share(2)).toBeCloseTo(0.35, 1);
  });

  test('gaussian2d is standard normal', () => {
    const xs = gaussian2d(50000, 9);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
    expect(mean).toBeCloseTo(0, 1);
    expect(variance).toBeCloseTo(1, 1);
  });
});
