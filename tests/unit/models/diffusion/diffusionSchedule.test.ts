import { describe, expect, test } from 'vitest';
import {
  SCHEDULE_KINDS,
  forwardCoefficients,
  makeSchedule,
  snr,
  timesteps,
  type ScheduleKind,
} from '../../../../src/models/diffusion/schedule.ts';

const T = 1000;

describe('makeSchedule', () => {
  test('linear runs from 1e-4 to 0.02 (Ho et al. 2020), and T = 1 gives β = 1e-4', () => {
    const { betas } = makeSchedule({ kind: 'linear', T });
    expect(betas[0]).toBeCloseTo(1e-4, 12);
    expect(betas[T - 1]).toBeCloseTo(0.02, 12);
    expect(betas[1]! - betas[0]!).toBeCloseTo((0.02 - 1e-4) / (T - 1), 12);
    expect([...makeSchedule({ kind: 'linear', T: 1 }).betas]).toEqual([1e-4]);
  });

  test('cosine ᾱₜ matches f(t)/f(0) wherever β is not clipped (Nichol & Dhariwal 2021)', () => {
    const s = 0.008;
    const f = (t: number) => Math.cos((((t / T + s) / (1 + s)) * Math.PI) / 2) ** 2;
    const { alphaBars, betas } = makeSchedule({ kind: 'cosine', T });
    let checked = 0;
    for (let t = 1; t <= T && betas[t - 1]! < 0.999; t++, checked++)
      expect(alphaBars[t - 1]).toBeCloseTo(f(t) / f(0), 9);
    expect(checked).toBeGreaterThan(990);
    // The last step is where the clip bites: ᾱ is then the product of clipped αs, not f(T) ≈ 0.
    expect(betas[T - 1]).toBe(0.999);
    expect(alphaBars[T - 1]).toBeCloseTo(alphaBars[T - 2]! * 0.001, 15);
  });

  test('sigmoid ᾱ follows the rescaled logistic of Chen 2023, from ≈ 1 down to ≈ 0', () => {
    const sig = (x: number) => 1 / (1 + Math.exp(-x));
    const closed = (t: number) => (sig(3) - sig((t / T) * 6 - 3)) / (sig(3) - sig(-3));
    const { alphaBars } = makeSchedule({ kind: 'sigmoid', T });
    expect(alphaBars[0]).toBeGreaterThan(0.999);
    expect(alphaBars[T - 1]).toBeLessThan(1e-4);
    for (const t of [1, 100, 500, 900]) expect(alphaBars[t - 1]).toBeCloseTo(closed(t), 9);
  });

  test.each(SCHEDULE_KINDS)('%s: α = 1 − β, ᾱ strictly decreasing, β in (0, 0.999]', (kind) => {
    for (const steps of [1, 10, 1000]) {
      const { betas, alphas, alphaBars } = makeSchedule({ kind, T: steps });
      expect(betas).toHaveLength(steps);
      betas.forEach((b, i) => {
        expect(b).toBeGreaterThan(0);
        expect(b).toBeLessThanOrEqual(0.999);
        expect(alphas[i]).toBe(1 - b);
        expect(alphaBars[i]).toBeCloseTo((i === 0 ? 1 : alphaBars[i - 1]!) * alphas[i]!, 15);
        expect(alphaBars[i]).toBeLessThan(i === 0 ? 1 : alphaBars[i - 1]!);
      });
    }
  });

  test('rejects a bad T or kind with a clear message', () => {
    for (const bad of [0, -1, 1.5, NaN, 100_001])
      expect(() => makeSchedule({ kind: 'linear', T: bad })).toThrow(/T must be an integer/);
    expect(() => makeSchedule({ kind: 'quadratic' as ScheduleKind, T })).toThrow(/unknown kind/);
  });
});

describe('forwardCoefficients and snr', () => {
  const schedule = makeSchedule({ kind: 'linear', T });

  test('t = 0 is clean data, t clamps to [0, T], and signal² + noise² = 1', () => {
    expect(forwardCoefficients(schedule, 0)).toEqual({ signal: 1, noise: 0 });
    expect(forwardCoefficients(schedule, -5)).toEqual({ signal: 1, noise: 0 });
    expect(forwardCoefficients(schedule, 5000)).toEqual(forwardCoefficients(schedule, T));
    const { signal, noise } = forwardCoefficients(schedule, 1);
    expect(signal).toBeCloseTo(Math.sqrt(1 - 1e-4), 12);
    expect(noise).toBeCloseTo(Math.sqrt(1e-4), 12);
    const mid = forwardCoefficients(schedule, 400);
    expect(mid.signal ** 2 + mid.noise ** 2).toBeCloseTo(1, 12);
  });

  test('snr is ᾱ/(1 − ᾱ) and falls monotonically', () => {
    const ratio = snr(schedule);
    expect(ratio[0]).toBeCloseTo((1 - 1e-4) / 1e-4, 6);
    for (let i = 1; i < T; i++) expect(ratio[i]).toBeLessThan(ratio[i - 1]!);
  });
});

describe('timesteps', () => {
  test('T = 1000, 50 steps: 1000, 980, …, 20', () => {
    expect(timesteps(1000, 50)).toEqual(Array.from({ length: 50 }, (_, i) => 1000 - 20 * i));
  });

  test.each([
    [1000, 1],
    [1000, 7],
    [1000, 999],
    [1000, 1000],
    [1000, 5000],
    [10, 3],
    [1, 4],
  ])('T = %i, steps = %i: unique, descending, starts at T, within [1, T]', (T, steps) => {
    const ts = timesteps(T, steps);
    expect(ts).toHaveLength(Math.min(steps, T));
    expect(ts[0]).toBe(T);
    ts.forEach((t, i) => {
      expect(Number.isInteger(t)).toBe(true);
      expect(t).toBeGreaterThanOrEqual(1);
      if (i > 0) expect(t).toBeLessThan(ts[i - 1]!);
    });
  });

  test('steps = T visits every step and evenly divisible strides are exact', () => {
    expect(timesteps(5, 5)).toEqual([5, 4, 3, 2, 1]);
    expect(timesteps(12, 4)).toEqual([12, 9, 6, 3]);
    expect(() => timesteps(10, 0)).toThrow(/steps/);
  });
});
