import { describe, expect, test } from 'vitest';
import { grid25, ring8 } from '../../../src/data/toy2d.ts';
import { MODES, modeCoverage } from '../../../src/models/modeCoverage.ts';

const ring = MODES.ring!;
const grid = MODES.grid!;
/** `n` copies of the point (x, y), flat. */
const at = (x: number, y: number, n: number) =>
  Float32Array.from({ length: 2 * n }, (_, i) => (i % 2 === 0 ? x : y));
const concat = (...parts: Float32Array[]) => Float32Array.from(parts.flatMap((p) => [...p]));

describe('modeCoverage', () => {
  test('the modes are those the toy data is drawn from: real samples cover them all', () => {
    const r = modeCoverage(ring8(2000, 5), ring);
    expect([r.covered, r.modes]).toEqual([8, 8]);
    // Within 3σ of a 2-D Gaussian's centre: 1 − e^(−4.5) ≈ 98.9 %.
    expect(r.onTarget).toBeGreaterThan(0.97);
    const g = modeCoverage(grid25(5000, 5), grid);
    expect([g.covered, g.modes]).toEqual([25, 25]);
    expect(g.onTarget).toBeGreaterThan(0.97);
  });

  test('all points on one cluster cover one mode', () => {
    const r = modeCoverage(at(0, 2, 100), ring);
    expect(r.covered).toBe(1);
    expect(r.counts).toEqual([0, 0, 100, 0, 0, 0, 0, 0]);
    expect(r.onTarget).toBe(1);
  });

  test('a mode needs a quarter of its fair share, ⌈n / 4K⌉ points, within 3σ of its centre', () => {
    // 64 points, 8 modes: 2 needed. Mode 0 (2, 0) gets 2, mode 1 gets 1, the rest fall between.
    const diagonal = Math.SQRT2;
    const points = concat(at(2, 0, 2), at(diagonal, diagonal, 1), at(0, 0, 61));
    const r = modeCoverage(points, ring);
    expect(r.needed).toBe(2);
    expect(r.covered).toBe(1);
    expect(r.onTarget).toBeCloseTo(3 / 64, 10);
  });

  test('3σ is inclusive and a point just outside it does not count', () => {
    const edge = 3 * ring.sigma;
    expect(modeCoverage(at(2 + edge * 0.999, 0, 1), ring).counts[0]).toBe(1);
    expect(modeCoverage(at(2 + edge * 1.001, 0, 1), ring).counts[0]).toBe(0);
  });

  test('NaN points (a run that blew up) land nowhere', () => {
    expect(modeCoverage(at(Number.NaN, Number.NaN, 10), ring)).toMatchObject({
      covered: 0,
      onTarget: 0,
    });
  });
});
