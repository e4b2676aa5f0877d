import { describe, expect, test } from 'vitest';
import {
  cost,
  formatMs,
  formatRatio,
  msOrDash,
  median,
  timed,
} from '../../../../../src/figures/diffusion/why-latent/stepTimings.ts';

describe('median', () => {
  test('of an odd and an even count, unsorted', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
  test('of nothing is NaN', () => expect(median([])).toBeNaN());
});

describe('cost', () => {
  test('a latent sample is every step plus the last decode; the other decodes are display', () => {
    expect(cost({ stepMs: [2, 1, 3], decodeMs: [4, 6, 5] })).toEqual({
      steps: 3,
      stepMs: 2,
      decodeMs: 5,
      sampleMs: 11,
      displayMs: 10,
    });
  });
  test('a pixel sample has no decode', () => {
    expect(cost({ stepMs: [10, 30, 20], decodeMs: [] })).toEqual({
      steps: 3,
      stepMs: 20,
      decodeMs: null,
      sampleMs: 60,
      displayMs: 0,
    });
  });
});

describe('timed', () => {
  test('records how long the work took and passes its result through', async () => {
    const into: number[] = [];
    expect(await timed(into, () => Promise.resolve(7))).toBe(7);
    expect(into).toHaveLength(1);
    expect(into[0]).toBeGreaterThanOrEqual(0);
  });
});

describe('formatMs and formatRatio', () => {
  test('milliseconds keep two significant-ish digits; seconds from 1,000 ms', () => {
    expect([0.424, 8.14, 254.8, 1250].map(formatMs)).toEqual([
      '0.42 ms',
      '8.1 ms',
      '255 ms',
      '1.25 s',
    ]);
    expect(formatMs(NaN)).toBe('…');
  });
  test('a missing time is a dash', () => {
    expect([null, undefined, 8.14].map(msOrDash)).toEqual(['—', '—', '8.1 ms']);
  });
  test('ratios round to whole numbers from 10×', () => {
    expect(formatRatio(3072, 256)).toBe('12×');
    expect(formatRatio(24, 10)).toBe('2.4×');
    expect(formatRatio(1, 0)).toBe('…');
  });
});
