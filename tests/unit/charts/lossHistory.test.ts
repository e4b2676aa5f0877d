import { describe, expect, test } from 'vitest';
import { LossHistory } from '../../../src/charts/lossHistory.ts';

describe('LossHistory', () => {
  test('keeps every value while there is room', () => {
    const h = new LossHistory(4);
    h.push(1, 10);
    h.push(2, 20);
    h.push(3, 30);
    expect([h.steps, h.values, h.stride, h.last]).toEqual([[1, 2, 3], [10, 20, 30], 1, 30]);
  });

  test('when full, averages neighbours in pairs and doubles the stride', () => {
    const h = new LossHistory(4);
    [10, 20, 30, 40].forEach((v, i) => h.push(i + 1, v));
    expect([h.steps, h.values, h.stride]).toEqual([[2, 4], [15, 35], 2]);
    h.push(5, 50); // half of the next point
    expect(h.values).toEqual([15, 35]);
    h.push(6, 70);
    expect([h.steps, h.values]).toEqual([
      [2, 4, 6],
      [15, 35, 60],
    ]);
  });

  test('stays within its capacity over a long run and still spans all of it', () => {
    const h = new LossHistory(400);
    for (let step = 1; step <= 100_000; step++) h.push(step, step % 2);
    expect(h.values.length).toBeLessThanOrEqual(400);
    expect(h.steps.at(-1)).toBeGreaterThan(99_000);
    expect(h.values.every((v) => v === 0.5)).toBe(true);
  });

  test('a NaN keeps its point NaN; clear starts over', () => {
    const h = new LossHistory(4);
    h.push(1, Number.NaN);
    expect(h.values).toEqual([Number.NaN]);
    h.clear();
    expect([h.steps, h.values, h.stride, h.last]).toEqual([[], [], 1, Number.NaN]);
  });

  test('needs an even capacity of at least 2', () => {
    expect(() => new LossHistory(3)).toThrow(/even/);
  });
});
