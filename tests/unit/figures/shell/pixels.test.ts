import { describe, expect, test } from 'vitest';
import { differenceImage, imageAt } from '../../../../src/figures/shell/pixels.ts';

describe('differenceImage', () => {
  test('is white where two images agree and darkens with the mean channel difference', () => {
    const a = Float32Array.from([0.2, 0.4, 0.6, 0, 0, 0]);
    const b = Float32Array.from([0.2, 0.4, 0.6, 0.1, 0.1, 0.1]);
    const d = differenceImage(a, b, 3);
    expect([...d.subarray(0, 3)]).toEqual([1, 1, 1]);
    d.subarray(3).forEach((v) => expect(v).toBeCloseTo(0.7, 6));
  });

  test('caps at black and refuses images of different sizes', () => {
    expect([...differenceImage([0, 0, 0], [1, 1, 1])]).toEqual([0, 0, 0]);
    expect(() => differenceImage([0, 0, 0], [0, 0, 0, 0, 0, 0])).toThrow(/3 vs 6/);
  });
});

describe('imageAt', () => {
  test('is a view of one image of a batch', () => {
    const batch = Float32Array.from([1, 2, 3, 4, 5, 6]);
    expect([...imageAt(batch, 1, 3)]).toEqual([4, 5, 6]);
    imageAt(batch, 0, 3)[0] = 9;
    expect(batch[0]).toBe(9);
  });
});
