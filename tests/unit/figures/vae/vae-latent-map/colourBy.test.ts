import { describe, expect, test } from 'vitest';
import { headshot, TEST_SEEDS } from '../../../../../src/data/headshots.ts';
import { COLOUR_BY, colourKey } from '../../../../../src/figures/vae/vae-latent-map/colourBy.ts';

describe('colourKey', () => {
  test.each(COLOUR_BY)('%s puts every face in one of its groups (at most five)', (by) => {
    const key = colourKey(by);
    expect(key.groups.length).toBeLessThanOrEqual(5);
    for (let i = 0; i < 50; i++) {
      const g = key.groupOf(headshot(TEST_SEEDS.first + i).factors);
      expect(g).toBeGreaterThanOrEqual(0);
      expect(g).toBeLessThan(key.groups.length);
    }
  });

  test('values that are colours get the matching colour-blind-safe hue', () => {
    const eyes = colourKey('eyeColour').groups;
    expect(eyes.find((g) => g.label === 'blue')?.colour).toBe('cb-blue');
    expect(eyes.find((g) => g.label === 'green')?.colour).toBe('cb-green');
    expect(colourKey('backdrop').groups.find((g) => g.label === 'sky')?.colour).toBe('cb-sky');
  });

  test('a continuous factor is five equal bins on a sequential ramp, labelled at its ends', () => {
    const key = colourKey('faceShape');
    expect(key.continuous).toBe(true);
    expect(key.groups.map((g) => g.colour)).toEqual(['seq-0', 'seq-1', 'seq-2', 'seq-3', 'seq-4']);
    expect(key.groups.map((g) => g.label)).toEqual(['round', '', '', '', 'egg-shaped']);
    const f = headshot(TEST_SEEDS.first).factors;
    expect(key.groupOf({ ...f, faceShape: 0 })).toBe(0);
    expect(key.groupOf({ ...f, faceShape: 0.5 })).toBe(2);
    expect(key.groupOf({ ...f, faceShape: 1 })).toBe(4);
  });
});
