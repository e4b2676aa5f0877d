import { describe, expect, test } from 'vitest';
import { GAP, latentMosaic } from '../../../../../src/figures/diffusion/why-latent/latentMosaic.ts';

const shape = { height: 2, width: 2, channels: 3, size: 12 };

describe('latentMosaic', () => {
  test('lays three channels out as a 2 × 2 grid of tiles with transparent gaps', () => {
    const m = latentMosaic(new Float32Array(12), shape);
    expect([m.width, m.height]).toEqual([2 * 2 + GAP, 2 * 2 + GAP]);
    const alpha = (x: number, y: number) => m.rgba[(y * m.width + x) * 4 + 3];
    // Tile 0 at (0, 0), the gap column x = 2, tile 1 at (3, 0), tile 2 at (0, 3), no tile 3.
    expect([alpha(0, 0), alpha(2, 0), alpha(3, 1), alpha(0, 2), alpha(1, 4), alpha(4, 4)]).toEqual([
      255, 0, 255, 0, 255, 0,
    ]);
  });

  test('maps −range…range to black…white, clipping beyond, channel k into tile k', () => {
    // Latent position (0, 0): channel 0 = −2.5, channel 1 = 0, channel 2 = 9 (clipped to white).
    const z = new Float32Array(12);
    z.set([-2.5, 0, 9], 0);
    const m = latentMosaic(z, shape);
    const grey = (x: number, y: number) => m.rgba[(y * m.width + x) * 4];
    expect([grey(0, 0), grey(3, 0), grey(0, 3)]).toEqual([0, 128, 255]);
  });

  test('refuses a latent of the wrong size', () => {
    expect(() => latentMosaic(new Float32Array(5), shape)).toThrow(/5 values for 2×2×3/);
  });
});
