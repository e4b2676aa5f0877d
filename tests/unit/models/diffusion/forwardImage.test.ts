import { describe, expect, test } from 'vitest';
import {
  mix,
  moments,
  noiseImage,
  scaled,
  scheduleForSteps,
  standardNoise,
  toDisplay,
  toModelRange,
} from '../../../../src/models/diffusion/forwardImage.ts';
import { makeSchedule, SCHEDULE_KINDS } from '../../../../src/models/diffusion/schedule.ts';
import {
  histogram,
  normalDensity,
} from '../../../../src/figures/diffusion/forward-face/histogram.ts';
import { FORWARD_TEX, texToMathml } from '../../../../src/figures/shell/mathml.ts';

describe('noiseImage', () => {
  test('over many ε, xₜ has mean √ᾱₜ·x₀ and variance 1 − ᾱₜ in every pixel', () => {
    const x0 = [-1, -0.25, 0, 0.6, 1];
    const draws = 40_000;
    const { alphaBars } = makeSchedule({ kind: 'linear', T: 1000 });
    for (const t of [1, 100, 300, 600, 1000]) {
      const ab = alphaBars[t - 1]!;
      const eps = standardNoise(draws * x0.length, t);
      const perPixel = x0.map(() => new Float32Array(draws));
      for (let d = 0; d < draws; d++) {
        const xt = noiseImage(x0, eps.subarray(d * x0.length, (d + 1) * x0.length), ab);
        xt.forEach((v, p) => (perPixel[p]![d] = v));
      }
      perPixel.forEach((values, p) => {
        const { mean, sd } = moments(values);
        const variance = 1 - ab;
        // Five standard errors: the mean's is √(var/n), the variance's √(2/n)·var.
        expect(Math.abs(mean - Math.sqrt(ab) * x0[p]!)).toBeLessThan(
          5 * Math.sqrt(variance / draws) + 1e-6,
        );
        expect(Math.abs(sd ** 2 - variance)).toBeLessThan(
          5 * Math.sqrt(2 / draws) * variance + 1e-6,
        );
      });
    }
  });

  test('is the clean image at ᾱ = 1 and the noise itself at ᾱ = 0', () => {
    const x0 = Float32Array.from([0.5, -0.5, 1]);
    const eps = Float32Array.from([2, -1, 0.25]);
    expect([...noiseImage(x0, eps, 1)]).toEqual([0.5, -0.5, 1]);
    expect([...noiseImage(x0, eps, 0)]).toEqual([2, -1, 0.25]);
  });

  test('mix adds a·x + b·y and refuses arrays of different lengths', () => {
    expect([...mix([1, 2], 2, [3, 4], 0.5)]).toEqual([3.5, 6]);
    expect(() => mix([1], 1, [1, 2], 1)).toThrow(/1 vs 2/);
    expect([...scaled([1, -2], 0.5)]).toEqual([0.5, -1]);
  });
});

describe('pixel ranges', () => {
  test('toModelRange maps [0, 1] to [−1, 1] and toDisplay maps back, clipping beyond ±1', () => {
    expect([...toModelRange([0, 0.5, 1])]).toEqual([-1, 0, 1]);
    expect([...toDisplay([-3, -1, 0, 1, 2.5])]).toEqual([0, 0, 0.5, 1, 1]);
  });
});

describe('standardNoise', () => {
  test('is the same for the same seed, different for another, and N(0, 1) in bulk', () => {
    expect([...standardNoise(8, 3)]).toEqual([...standardNoise(8, 3)]);
    expect([...standardNoise(8, 3)]).not.toEqual([...standardNoise(8, 4)]);
    const { mean, sd } = moments(standardNoise(100_000, 1));
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(sd - 1)).toBeLessThan(0.02);
  });
});

describe('moments', () => {
  test('gives the mean and population standard deviation', () => {
    expect(moments([1, 3])).toEqual({ mean: 2, sd: 1 });
    expect(moments([])).toEqual({ mean: Number.NaN, sd: Number.NaN });
  });
});

describe('scheduleForSteps', () => {
  test('is makeSchedule at T = 1000 for every kind', () => {
    for (const kind of SCHEDULE_KINDS)
      expect([...scheduleForSteps(kind, 1000).alphaBars]).toEqual([
        ...makeSchedule({ kind, T: 1000 }).alphaBars,
      ]);
  });

  test('scales the linear ramp by 1000/T, so 50 steps still end in static', () => {
    const s = scheduleForSteps('linear', 50);
    expect(s.betas[0]).toBeCloseTo(2e-3, 12);
    expect(s.betas[49]).toBeCloseTo(0.4, 12);
    expect(s.alphaBars[49]).toBeLessThan(1e-3);
    // The unscaled ramp would leave more than half the signal's variance at t = T.
    expect(makeSchedule({ kind: 'linear', T: 50 }).alphaBars[49]).toBeGreaterThan(0.5);
  });
});

describe('histogram', () => {
  test('counts values into equal bins, the top edge into the last, and the rest outside', () => {
    const h = histogram([-3, -1, -0.5, 0, 0.2, 1, 2.5], -1, 1, 4);
    expect(h.bins.map((b) => b.count)).toEqual([1, 1, 2, 1]);
    expect(h.bins.map((b) => [b.x0, b.x1])).toEqual([
      [-1, -0.5],
      [-0.5, 0],
      [0, 0.5],
      [0.5, 1],
    ]);
    expect([h.below, h.above]).toEqual([1, 1]);
    // Density = count / (n · width) = count / (7 · 0.5).
    expect(h.bins[2]!.density).toBeCloseTo(2 / 3.5, 12);
  });

  test('bars of N(0, 1) draws have area ≈ 1 and follow the density', () => {
    const h = histogram(standardNoise(200_000, 9), -5, 5, 50);
    const area = h.bins.reduce((a, b) => a + b.density * (b.x1 - b.x0), 0);
    expect(area).toBeCloseTo(1, 3);
    for (const b of h.bins)
      expect(Math.abs(b.density - normalDensity((b.x0 + b.x1) / 2))).toBeLessThan(0.01);
  });

  test('rejects an empty range and a non-integer number of bins', () => {
    expect(() => histogram([1], 1, 1, 4)).toThrow();
    expect(() => histogram([1], 0, 1, 2.5)).toThrow();
  });
});

describe('normalDensity', () => {
  test('peaks at 1/√(2π) and is symmetric', () => {
    expect(normalDensity(0)).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 15);
    expect(normalDensity(1.3)).toBe(normalDensity(-1.3));
    expect(normalDensity(1)).toBeCloseTo(0.24197072451914337, 15);
  });
});

describe('FORWARD_TEX', () => {
  test('renders to block MathML with a tab stop, the noise law on its own row', () => {
    const html = texToMathml(FORWARD_TEX);
    expect(html).toContain('<math tabindex="0"');
    expect(html.match(/<mtr>/g)).toHaveLength(2);
  });
});
