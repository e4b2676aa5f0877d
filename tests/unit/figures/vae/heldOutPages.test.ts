import { describe, expect, test } from 'vitest';
import { TEST_SEEDS } from '../../../../src/data/headshots.ts';
import {
  PER_PAGE,
  nextPageStart,
  pageOf,
  pageSeeds,
  randomFace,
} from '../../../../src/figures/vae/heldOutPages.ts';

describe('held-out pages', () => {
  test('a face index sits on the page of its eight', () => {
    expect(pageOf(0)).toBe(0);
    expect(pageOf(PER_PAGE - 1)).toBe(0);
    expect(pageOf(PER_PAGE + 3)).toBe(1);
  });

  test('a page lists its eight test seeds in order', () => {
    const seeds = pageSeeds(2);
    expect(seeds).toHaveLength(PER_PAGE);
    expect(seeds[0]).toBe(TEST_SEEDS.first + 2 * PER_PAGE);
    expect(seeds.at(-1)).toBe(TEST_SEEDS.first + 3 * PER_PAGE - 1);
  });

  test('"other faces" goes to the next page and wraps round at the end', () => {
    expect(nextPageStart(3)).toBe(PER_PAGE);
    expect(nextPageStart(TEST_SEEDS.count - 1)).toBe(0);
  });

  test('a random face is a valid index', () => {
    for (let i = 0; i < 20; i++) {
      const f = randomFace();
      expect(Number.isInteger(f) && f >= 0 && f < TEST_SEEDS.count).toBe(true);
    }
  });
});
