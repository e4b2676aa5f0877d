import { describe, expect, test } from 'vitest';
import {
  coefficientPath,
  dotPaths,
} from '../../../../../src/figures/diffusion/forward-diffusion/pointCloud.ts';
import { makeSchedule } from '../../../../../src/models/diffusion/schedule.ts';

describe('dotPaths', () => {
  test('draws each point as two arcs in the path of its part', () => {
    const paths = dotPaths(
      [0, 0, 1, 2, -1, 1],
      [0, 2, 2],
      3,
      (v) => 10 * v + 50,
      (v) => 50 - v,
    );
    expect(paths).toHaveLength(3);
    expect(paths[0]).toBe('M47.8 50.0a2.2 2.2 0 1 0 4.4 0a2.2 2.2 0 1 0 -4.4 0');
    expect(paths[1]).toBe('');
    const starts = [...paths[2]!.matchAll(/M(-?[\d.]+) (-?[\d.]+)a/g)].map((m) => [
      Number(m[1]),
      Number(m[2]),
    ]);
    expect(starts).toEqual([
      [57.8, 48],
      [37.8, 49],
    ]);
  });
});

describe('coefficientPath', () => {
  const schedule = makeSchedule({ kind: 'linear', T: 1000 });
  const points = (d: string) =>
    [...d.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map((m): [number, number] => [
      Number(m[1]),
      Number(m[2]),
    ]);

  test('samples t = 0…T 101 times: the signal falls from 1 to about 0, the noise rises', () => {
    const signal = points(
      coefficientPath(
        schedule,
        'signal',
        1000,
        (t) => t,
        (v) => v,
      ),
    );
    const noise = points(
      coefficientPath(
        schedule,
        'noise',
        1000,
        (t) => t,
        (v) => v,
      ),
    );
    expect(signal).toHaveLength(101);
    expect(signal[0]).toEqual([0, 1]);
    expect(signal[100]![0]).toBe(1000);
    expect(signal[100]![1]).toBeLessThan(0.01);
    expect(noise[0]).toEqual([0, 0]);
    expect(noise[100]![1]).toBeGreaterThan(0.99);
    for (let i = 1; i < 101; i++) expect(signal[i]![1]).toBeLessThanOrEqual(signal[i - 1]![1]);
  });
});
