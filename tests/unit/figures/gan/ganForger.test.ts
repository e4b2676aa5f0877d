import { describe, expect, test } from 'vitest';
import { TEST_SEEDS } from '../../../../src/data/headshots.ts';
import { NOISE as MODEL_NOISE } from '../../../../src/models/gan.ts';
import { gaussians as modelGaussians } from '../../../../src/models/sampling.ts';
import {
  GRID,
  NOISE,
  detectiveRound,
  gaussians,
  gridLatents,
  judge,
  latentAt,
  slerp,
  tally,
  walk,
} from '../../../../src/figures/gan/ganForger.ts';

const norm = (v: ArrayLike<number>) => Math.hypot(...Array.from(v));

describe('the grid', () => {
  test('NOISE and gaussians match the model code they stand in for', () => {
    expect(NOISE).toBe(MODEL_NOISE);
    expect(gaussians(100, 4242)).toEqual(modelGaussians(100, 4242));
  });

  test('gridLatents(seed) is 64 noise vectors, the same for the same seed', () => {
    const z = gridLatents(7);
    expect(z.length).toBe(GRID * NOISE);
    expect(gridLatents(7)).toEqual(z);
    expect(gridLatents(8)).not.toEqual(z);
    expect(latentAt(z, 2)).toEqual(z.slice(2 * NOISE, 3 * NOISE));
  });
});

describe('slerp', () => {
  const a = gaussians(NOISE, 1);
  const b = gaussians(NOISE, 2);

  test('starts at a and ends at b', () => {
    Array.from(slerp(a, b, 0)).forEach((v, i) => expect(v).toBeCloseTo(a[i]!, 5));
    Array.from(slerp(a, b, 1)).forEach((v, i) => expect(v).toBeCloseTo(b[i]!, 5));
  });

  test('keeps the length of equal-length ends all the way (the straight line dips)', () => {
    const u = Float32Array.of(3, 0);
    const v = Float32Array.of(0, 3);
    expect(norm(slerp(u, v, 0.5))).toBeCloseTo(3, 5);
    expect(Array.from(slerp(u, v, 0.5))).toEqual([
      expect.closeTo(3 / Math.SQRT2, 5),
      expect.closeTo(3 / Math.SQRT2, 5),
    ]);
    // Random 64-d normals: halfway on the arc stays near their length, the chord would not.
    const mid = slerp(a, b, 0.5);
    const chord = a.map((x, i) => (x + b[i]!) / 2);
    expect(norm(mid)).toBeGreaterThan(0.95 * Math.min(norm(a), norm(b)));
    expect(norm(chord)).toBeLessThan(0.85 * Math.min(norm(a), norm(b)));
  });

  test('falls back to the straight line for parallel ends', () => {
    expect(Array.from(slerp([1, 2], [2, 4], 0.5))).toEqual([1.5, 3]);
  });

  test('walk(a, b, n) holds n evenly spaced points, ends included', () => {
    const w = walk(a, b, 9);
    expect(w.length).toBe(9 * NOISE);
    expect(latentAt(w, 4)).toEqual(slerp(a, b, 0.5));
    Array.from(latentAt(w, 8)).forEach((v, i) => expect(v).toBeCloseTo(b[i]!, 5));
  });
});

describe('the detective game', () => {
  test('a round is fixed by seed and round: a second-half held-out face and a fake', () => {
    const r = detectiveRound(3, 0);
    expect(detectiveRound(3, 0)).toEqual(r);
    expect(detectiveRound(3, 1)).not.toEqual(r);
    expect(r.fakeLatent.length).toBe(NOISE);
    for (let i = 0; i < 50; i++) {
      const { realSeed } = detectiveRound(3, i);
      expect(realSeed).toBeGreaterThanOrEqual(TEST_SEEDS.first + TEST_SEEDS.count / 2);
      expect(realSeed).toBeLessThan(TEST_SEEDS.first + TEST_SEEDS.count);
    }
  });

  test('the fake is on either side about equally often', () => {
    const left = Array.from({ length: 400 }, (_, i) => detectiveRound(1, i).fakeSide).filter(
      (s) => s === 0,
    ).length;
    expect(left).toBeGreaterThan(160);
    expect(left).toBeLessThan(240);
  });

  test('judge: the reader is right on the fake side; the discriminator if the fake scored lower', () => {
    expect(judge(1, 1, [0.9, 0.2])).toEqual({ reader: true, detective: true });
    expect(judge(0, 1, [0.9, 0.2])).toEqual({ reader: false, detective: true });
    expect(judge(0, 0, [0.6, 0.3])).toEqual({ reader: true, detective: false });
  });

  test('tally counts rounds and who was right', () => {
    expect(tally([])).toEqual({ rounds: 0, reader: 0, detective: 0 });
    expect(
      tally([
        { reader: true, detective: true },
        { reader: false, detective: true },
        { reader: true, detective: false },
      ]),
    ).toEqual({ rounds: 3, reader: 2, detective: 2 });
  });
});
