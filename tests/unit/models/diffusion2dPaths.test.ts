import { describe, expect, test } from 'vitest';
import { makeSchedule } from '../../../src/models/diffusion/schedule.ts';
import {
  angleBuckets,
  forwardChain,
  pathOf,
  reverseTimes,
  reverseTrajectory,
} from '../../../src/models/diffusion2dPaths.ts';
import { meanPairwiseRms, promptAgreement, skinBand } from '../../../src/models/promptAgreement.ts';

const s = makeSchedule({ kind: 'linear', T: 1000 });

describe('reverseTimes', () => {
  test('visits the DDIM steps from T down, then 0', () => {
    expect(reverseTimes(1000, 4)).toEqual([1000, 750, 500, 250, 0]);
  });
});

describe('forwardChain', () => {
  test('each frame has the closed-form mean √ᾱₜ·x₀ and variance 1 − ᾱₜ', () => {
    const n = 8000;
    const x0 = new Float32Array(2 * n).fill(1.5);
    const times = [0, 100, 400, 1000];
    const { frames } = forwardChain(x0, times, s, 3);
    expect(frames).toHaveLength(4);
    expect(frames[0]).toEqual(x0);
    times.forEach((t, k) => {
      if (t === 0) return;
      const ab = s.alphaBars[t - 1]!;
      const f = frames[k]!;
      const mean = f.reduce((a, b) => a + b, 0) / f.length;
      const variance = f.reduce((a, b) => a + (b - mean) ** 2, 0) / f.length;
      expect(mean).toBeCloseTo(Math.sqrt(ab) * 1.5, 1);
      expect(variance).toBeCloseTo(1 - ab, 1);
    });
  });
});

describe('reverseTrajectory', () => {
  test('keeps x_T and every step; a zero-noise model just rescales towards x̂₀ = x/√ᾱ', async () => {
    const calls: number[] = [];
    const path = await reverseTrajectory({
      n: 3,
      steps: 5,
      seed: 1,
      schedule: s,
      denoise: async (x, t) => {
        calls.push(t);
        return new Float32Array(x.length);
      },
    });
    expect(calls).toEqual([1000, 800, 600, 400, 200]);
    expect(path.times).toEqual([1000, 800, 600, 400, 200, 0]);
    expect(path.frames).toHaveLength(6);
    // With ε̂ = 0, DDIM's last step lands on x̂₀ = x_T / √ᾱ_T (through every stride).
    const last = path.frames[5]!;
    const first = path.frames[0]!;
    expect(last[0]).toBeCloseTo(first[0]! / Math.sqrt(s.alphaBars[999]!), 2);
  });

  test('is deterministic for a seed', async () => {
    const run = () =>
      reverseTrajectory({
        n: 4,
        steps: 3,
        seed: 9,
        schedule: s,
        denoise: async (x) => x.map((v) => 0.5 * v),
      });
    expect((await run()).frames).toEqual((await run()).frames);
  });
});

describe('angleBuckets and pathOf', () => {
  test('sort points by angle around the origin', () => {
    expect(Array.from(angleBuckets(Float32Array.from([-1, -0.01, 1, 0, -1, 0.01]), 4))).toEqual([
      0, 2, 3,
    ]);
  });
  test('pathOf gathers one point across frames up to `last`', () => {
    const t = {
      times: [2, 1, 0],
      frames: [
        Float32Array.from([0, 1, 2, 3]),
        Float32Array.from([4, 5, 6, 7]),
        Float32Array.from([8, 9, 10, 11]),
      ],
    };
    expect(Array.from(pathOf(t, 1, 1))).toEqual([2, 3, 6, 7]);
    expect(Array.from(pathOf(t, 0, 9))).toEqual([0, 1, 4, 5, 8, 9]);
  });
});

describe('promptAgreement', () => {
  const face = {
    eyeColour: 'blue',
    hairStyle: 'long',
    hairColour: 'red',
    backdrop: 'sky',
    glasses: true,
    skinTone: 0.31,
  } as const;
  test('counts each prompted factor of each face; skin tone by band', () => {
    expect(promptAgreement({ hairColour: 'red', glasses: false }, [face, face])).toBe(0.5);
    expect(promptAgreement({ skinTone: 0.3 }, [face])).toBe(1);
    expect(promptAgreement({ skinTone: 0.5 }, [face])).toBe(0);
    expect(promptAgreement({}, [face])).toBeNull();
  });
  test('skinBand splits [0, 1] into five', () => {
    expect([0, 0.19, 0.2, 0.99, 1].map(skinBand)).toEqual([0, 0, 1, 4, 4]);
  });
});

describe('meanPairwiseRms', () => {
  test('is 0 for identical images and the RMS difference for two', () => {
    expect(meanPairwiseRms(new Float32Array(6).fill(0.3), 3)).toBe(0);
    expect(meanPairwiseRms(Float32Array.from([0, 0, 0, 1, 1, 1]), 3)).toBeCloseTo(1);
    expect(meanPairwiseRms(Float32Array.from([0, 0, 0]), 3)).toBe(0);
  });
});
