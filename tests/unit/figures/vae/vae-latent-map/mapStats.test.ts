import { describe, expect, test } from 'vitest';
import { IMAGE_LENGTH, SIZE } from '../../../../../src/data/headshots.ts';
import {
  groupStats,
  ringOf,
  tileImage,
} from '../../../../../src/figures/vae/vae-latent-map/mapStats.ts';

describe('groupStats', () => {
  test("each group's centre and root mean squared spread", () => {
    const mu = [0, 0, 2, 0, 5, 5];
    const stats = groupStats(mu, [0, 0, 1], ['', 'middle']);
    expect(stats[0]).toEqual({ label: 'low', n: 2, mx: 1, my: 0, spread: 1 });
    expect(stats[1]).toMatchObject({ label: 'middle', n: 1, mx: 5, my: 5, spread: 0 });
  });

  test('named groups keep their names; an empty group has no faces', () => {
    const stats = groupStats([1, 1], [0], ['blue', 'green']);
    expect(stats.map((s) => s.label)).toEqual(['blue', 'green']);
    expect(stats[1]!.n).toBe(0);
  });
});

describe('ringOf', () => {
  test('names the ring a radius falls in', () => {
    expect(ringOf(0.5)).toBe('inside the 1σ ring');
    expect(ringOf(1.5)).toBe('between the 1σ and 2σ rings');
    expect(ringOf(3)).toBe('between the 2σ and 3σ rings');
    expect(ringOf(3.1)).toBe('outside the 3σ ring');
  });
});

describe('tileImage', () => {
  test('lays tiles out row by row, opaque', () => {
    const grid = 2;
    const tiles = new Float32Array(grid * grid * IMAGE_LENGTH);
    // Tile 1 (top right) is pure red, tile 2 (bottom left) pure blue.
    for (let p = 0; p < SIZE * SIZE; p++) {
      tiles[IMAGE_LENGTH + p * 3] = 1;
      tiles[2 * IMAGE_LENGTH + p * 3 + 2] = 1;
    }
    const rgba = tileImage(tiles, grid);
    const side = grid * SIZE;
    expect(rgba.length).toBe(side * side * 4);
    const at = (x: number, y: number) =>
      Array.from(rgba.slice((y * side + x) * 4, (y * side + x) * 4 + 4));
    expect(at(0, 0)).toEqual([0, 0, 0, 255]);
    expect(at(SIZE, 0)).toEqual([255, 0, 0, 255]);
    expect(at(0, SIZE)).toEqual([0, 0, 255, 255]);
    expect(at(side - 1, side - 1)).toEqual([0, 0, 0, 255]);
  });
});
