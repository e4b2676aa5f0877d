import { describe, expect, test } from 'vitest';
import { TOY_DISTRIBUTIONS, grid25, ring8, swissRoll, twoMoons } from '../../../src/data/toy2d.ts';

const pairs = (points: Float32Array) =>
  Array.from(
    { length: points.length / 2 },
    (_, i) => [points[2 * i]!, points[2 * i + 1]!] as const,
  );

describe('toy distributions', () => {
  test.each(Object.entries(TOY_DISTRIBUTIONS))('%s is seeded and finite', (_id, { sample }) => {
    const a = sample(500, 3);
    expect(a).toHaveLength(1000);
    expect(a).toEqual(sample(500, 3));
    expect(a).not.toEqual(sample(500, 4));
    expect(a.every(Number.isFinite)).toBe(true);
    expect(Math.max(...a.map(Math.abs))).toBeLessThan(4);
  });

  test('ring8 puts every point near one of eight modes on the radius-2 circle', () => {
    const modes = new Set<number>();
    for (const [x, y] of pairs(ring8(4000, 1))) {
      expect(Math.hypot(x, y)).toBeCloseTo(2, 0);
      modes.add(((Math.round(Math.atan2(y, x) / (Math.PI / 4)) % 8) + 8) % 8);
    }
    expect(modes.size).toBe(8);
  });

  test('grid25 fills all 25 cells with points close to the integer lattice', () => {
    const cells = new Set<string>();
    for (const [x, y] of pairs(grid25(5000, 1))) {
      expect(Math.abs(x - Math.round(x))).toBeLessThan(0.35);
      cells.add(`${Math.round(x)},${Math.round(y)}`);
    }
    expect(cells.size).toBe(25);
  });

  test('swissRoll spirals outwards: radius grows with angle', () => {
    const radii = pairs(swissRoll(2000, 1)).map(([x, y]) => Math.hypot(x, y));
    expect(Math.min(...radii)).toBeGreaterThan(0.8);
    expect(Math.max(...radii)).toBeGreaterThan(2.8);
  });

  test('twoMoons is centred and splits into two halves', () => {
    const points = pairs(twoMoons(4000, 1));
    const meanX = points.reduce((s, [x]) => s + x, 0) / points.length;
    expect(Math.abs(meanX)).toBeLessThan(0.1);
  });
});
