import { describe, expect, test } from 'vitest';
import { lossAxisMax, lossBars } from '../../../../../src/figures/vae/vae-loss/lossBars.ts';

describe('lossBars', () => {
  test('the two terms and their sum, each against the encoder', () => {
    const bars = lossBars({ reconstruction: 30, kl: 5 }, { reconstruction: 20, kl: 4 });
    expect(bars).toEqual([
      { label: 'reconstruction', value: 30, reference: 20 },
      { label: 'KL', value: 5, reference: 4 },
      { label: 'loss (sum)', value: 35, reference: 24 },
    ]);
  });
});

describe('lossAxisMax', () => {
  test('is at least 100 nats (110 rounded up to 150)', () => {
    expect(lossAxisMax(null, null)).toBe(150);
    expect(lossAxisMax({ reconstruction: 10, kl: 1 }, { reconstruction: 5, kl: 1 })).toBe(150);
  });

  test('grows in steps of 50 above the larger loss', () => {
    expect(lossAxisMax({ reconstruction: 200, kl: 0 }, { reconstruction: 50, kl: 0 })).toBe(250);
    expect(lossAxisMax({ reconstruction: 10, kl: 0 }, { reconstruction: 300, kl: 10 })).toBe(350);
  });
});
