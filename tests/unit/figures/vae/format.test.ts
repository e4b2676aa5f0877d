import { describe, expect, test } from 'vitest';
import { percent, pointText, signed } from '../../../../src/figures/vae/format.ts';

describe('signed', () => {
  test('writes negatives with a true minus sign', () => {
    expect(signed(-1.234)).toBe('−1.23');
    expect(signed(0.5, 3)).toBe('0.500');
  });
});

describe('pointText', () => {
  test('writes a point as (x, y), or … while unknown', () => {
    expect(pointText([0.1, -2])).toBe('(0.10, −2.00)');
    expect(pointText(Float32Array.of(0.25, 0.5), 1)).toBe('(0.3, 0.5)');
    expect(pointText(null)).toBe('…');
    expect(pointText(undefined)).toBe('…');
  });
});

describe('percent', () => {
  test('rounds a share to a whole percentage', () => {
    expect(percent(0.426)).toBe('43%');
    expect(percent(1)).toBe('100%');
  });
});
