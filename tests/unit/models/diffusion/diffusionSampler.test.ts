import { describe, expect, test } from 'vitest';
import { mulberry32, normal } from '../../../../src/data/random.ts';
import {
  ddimSigma,
  ddimStep,
  ddpmSigma,
  ddpmStep,
  guide,
  predictX0,
  sample,
  type SampleOptions,
} from '../../../../src/models/diffusion/sampler.ts';
import { makeSchedule, type Schedule } from '../../../../src/models/diffusion/schedule.ts';

const T = 1000;
const linear = makeSchedule({ kind: 'linear', T });
const cosine = makeSchedule({ kind: 'cosine', T });

const gaussians = (n: number, seed: number) => {
  const g = normal(mulberry32(seed));
  return Float32Array.from({ length: n }, () => g());
};
const maxAbsDiff = (a: Float32Array, b: Float32Array) =>
  a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);
const ab = (s: Schedule, t: number) => (t === 0 ? 1 : s.alphaBars[t - 1]!);

/** xₜ = √ᾱₜ·x₀ + √(1 − ᾱₜ)·ε. */
const noised = (x0: Float32Array, eps: Float32Array, alphaBar: number) =>
  x0.map((v, i) => Math.sqrt(alphaBar) * v + Math.sqrt(1 - alphaBar) * eps[i]!);

/** The ideal denoiser for a single known x₀: it returns exactly the noise in x. */
const oracle = (s: Schedule, x0: Float32Array) => (x: Float32Array, t: number) =>
  x.map((v, i) => (v - Math.sqrt(ab(s, t)) * x0[i]!) / Math.sqrt(1 - ab(s, t)));

const x0 = Float32Array.from({ length: 64 }, (_, i) => Math.sin(i * 0.7) * 0.9);
const eps = gaussians(64, 1);

describe('predictX0', () => {
  test('inverts the forward formula', () => {
    for (const t of [1, 300, 999]) {
      const xt = noised(x0, eps, ab(linear, t));
      expect(maxAbsDiff(predictX0(xt, eps, ab(linear, t)), x0)).toBeLessThan(1e-4);
    }
  });
});

describe('guide', () => {
  const u = Float32Array.from([1, -2, 0.5]);
  const c = Float32Array.from([3, 0, 0.5]);
  test('w = 0 is unconditional, w = 1 conditional, w = 3 extrapolates', () => {
    expect([...guide(u, c, 0)]).toEqual([...u]);
    expect([...guide(u, c, 1)]).toEqual([...c]);
    expect([...guide(u, c, 3)]).toEqual([7, 4, 0.5]);
  });
});

describe('ddpmStep', () => {
  const z = gaussians(64, 2);
  const xt = noised(x0, eps, ab(linear, 500));
  const modelEps = gaussians(64, 3); // a deliberately wrong prediction

  test('eq. 11 agrees with the x̂₀ / posterior-mean form when nothing is clipped', () => {
    const wide = [-1e9, 1e9] as const;
    for (const t of [1, 2, 500, 1000]) {
      const direct = ddpmStep(xt, modelEps, t, linear, z);
      expect(maxAbsDiff(direct, ddpmStep(xt, modelEps, t, linear, z, wide))).toBeLessThan(1e-4);
    }
  });

  test('clipping bounds x̂₀ and changes the step only when x̂₀ leaves the range', () => {
    const t = 900;
    const clippedStep = ddpmStep(xt, modelEps, t, linear, null, [-1, 1]);
    expect(maxAbsDiff(clippedStep, ddpmStep(xt, modelEps, t, linear, null))).toBeGreaterThan(0.01);
    const inRange = noised(x0, eps, ab(linear, t));
    expect(
      maxAbsDiff(
        ddpmStep(inRange, eps, t, linear, null, [-1, 1]),
        ddpmStep(inRange, eps, t, linear, null),
      ),
    ).toBeLessThan(1e-4);
  });

  test('σₜ² is the posterior variance β̃ₜ, and the last step adds no noise', () => {
    const t = 400;
    const expected = ((1 - ab(linear, t - 1)) / (1 - ab(linear, t))) * linear.betas[t - 1]!;
    expect(ddpmSigma(linear, t) ** 2).toBeCloseTo(expected, 15);
    expect(ddpmStep(xt, modelEps, 1, linear, z)).toEqual(ddpmStep(xt, modelEps, 1, linear, null));
  });

  test('rejects steps outside 1…T', () => {
    expect(() => ddpmStep(xt, eps, 0, linear, null)).toThrow(RangeError);
    expect(() => ddpmStep(xt, eps, T + 1, linear, null)).toThrow(RangeError);
  });
});

describe('ddimStep', () => {
  test.each([linear, cosine])('η = 1, tPrev = t − 1 has DDPM’s σ and is the DDPM step', (s) => {
    for (let t = 2; t <= T; t++) expect(ddimSigma(s, t, t - 1, 1)).toBeCloseTo(ddpmSigma(s, t), 12);
    const z = gaussians(64, 4);
    const modelEps = gaussians(64, 5);
    for (const t of [1, 2, 50, 700]) {
      const xt = noised(x0, eps, ab(s, t));
      for (const clip of [undefined, [-0.5, 0.5] as const]) {
        const ddpm = ddpmStep(xt, modelEps, t, s, z, clip);
        const ddim = ddimStep(xt, modelEps, t, t - 1, s, 1, z, clip);
        expect(maxAbsDiff(ddpm, ddim)).toBeLessThan(1e-4);
      }
    }
  });

  test('η = 0 ignores the noise and lands on the forward process at tPrev for true ε', () => {
    const xt = noised(x0, eps, ab(linear, 800));
    const step = ddimStep(xt, eps, 800, 300, linear, 0, gaussians(64, 6));
    expect(maxAbsDiff(step, noised(x0, eps, ab(linear, 300)))).toBeLessThan(1e-4);
  });

  test('rejects tPrev ≥ t', () => {
    expect(() => ddimStep(eps, eps, 10, 10, linear, 0, null)).toThrow(RangeError);
  });
});

describe('sample', () => {
  const base = (s: Schedule): Omit<SampleOptions, 'method'> => ({
    n: x0.length,
    schedule: s,
    rng: mulberry32(7),
    denoise: oracle(s, x0),
    start: noised(x0, eps, ab(s, T)),
  });

  test.each([10, 50])(
    'DDIM η = 0 with the oracle denoiser recovers x₀ in %i steps',
    async (steps) => {
      for (const s of [linear, cosine]) {
        const visited: number[] = [];
        const out = await sample({
          ...base(s),
          method: 'ddim',
          steps,
          onStep: (_x, t) => void visited.push(t),
        });
        expect(maxAbsDiff(out, x0)).toBeLessThan(1e-5);
        expect(visited).toHaveLength(steps);
        expect(visited.at(-1)).toBe(0);
      }
    },
  );

  test('DDPM with the oracle denoiser ends at x₀ after T steps', async () => {
    let calls = 0;
    const opts = base(linear);
    const denoise = opts.denoise;
    const out = await sample({
      ...opts,
      method: 'ddpm',
      steps: 10, // ignored: DDPM runs every step
      denoise: (x, t) => {
        calls++;
        return denoise(x, t);
      },
    });
    expect(calls).toBe(T);
    expect(maxAbsDiff(out, x0)).toBeLessThan(1e-4);
  });

  // The exact ε-predictor for data x₀ ~ N(m, v): E[ε | xₜ] = √(1 − ᾱ)(xₜ − √ᾱ·m)/(ᾱv + 1 − ᾱ).
  // Sampling with it from pure noise must reproduce N(m, v), which checks the stochastic terms.
  // DDIM η = 0 is a first-order ODE solver that under-disperses with few steps (variance 0.035
  // at 50 steps, 0.0395 at 1000), so it gets every step here.
  test.each([
    ['ddpm', 0, T],
    ['ddim', 0, T],
    ['ddim', 1, 200],
  ] as const)(
    '%s (η = %d, %i steps) samples a known Gaussian',
    async (method, eta, steps) => {
      const m = 0.5;
      const v = 0.04;
      const n = 10_000;
      const out = await sample({
        n,
        schedule: cosine,
        steps,
        method,
        eta,
        rng: mulberry32(11),
        denoise: (x, t) => {
          const a = ab(cosine, t);
          return x.map((xi) => (Math.sqrt(1 - a) * (xi - Math.sqrt(a) * m)) / (a * v + 1 - a));
        },
      });
      const mean = out.reduce((acc, x) => acc + x, 0) / n;
      const variance = out.reduce((acc, x) => acc + (x - mean) ** 2, 0) / n;
      expect(mean).toBeCloseTo(m, 1);
      expect(Math.abs(variance - v)).toBeLessThan(0.004);
      // 1,000 steps over 10,000 points: ~1 s idle, 6.7 s on a loaded machine (past the 5 s default).
    },
    30_000,
  );

  test('the same rng seed gives the same DDPM sample', async () => {
    const run = () => {
      const opts = base(cosine);
      delete opts.start; // start from the rng's own noise
      return sample({ ...opts, method: 'ddpm', denoise: () => eps });
    };
    expect(await run()).toEqual(await run());
  });
});
