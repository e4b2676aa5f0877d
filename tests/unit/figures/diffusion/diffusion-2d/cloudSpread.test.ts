/** The centre and spread of a 2-D cloud, as the figure describes it. */
import { describe, expect, test } from 'vitest';
import { cloudSpread } from '../../../../../src/figures/diffusion/diffusion-2d/cloudSpread.ts';

describe('cloudSpread', () => {
  test('no points, no spread', () => {
    expect(cloudSpread(new Float32Array(0))).toBeNull();
  });

  test('mean and standard deviation along each axis', () => {
    // (0, 1), (2, 1), (0, 3), (2, 3): centred at (1, 2), one unit away along each axis.
    const s = cloudSpread(new Float32Array([0, 1, 2, 1, 0, 3, 2, 3]))!;
    expect(s.mx).toBeCloseTo(1);
    expect(s.my).toBeCloseTo(2);
    expect(s.sx).toBeCloseTo(1);
    expect(s.sy).toBeCloseTo(1);
  });
});
