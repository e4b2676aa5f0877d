/**
 * Pictures in links (src/data/paletteImage.ts): a drawing of few colours comes back exactly,
 * a held-out face comes back close, the text stays within its bound, and text that is no
 * picture reads as none.
 */
import { describe, expect, test } from 'vitest';
import { IMAGE_LENGTH, TEST_SEEDS, headshot } from '../../../src/data/headshots.ts';
import { MAX_PICTURE_CHARS, decodePicture, encodePicture } from '../../../src/data/paletteImage.ts';
import { reconstructionError } from '../../../src/models/metrics.ts';

describe('a picture in a link', () => {
  test('a picture of a few colours survives exactly', () => {
    const pixels = new Float32Array(IMAGE_LENGTH);
    for (let i = 0; i < 1024; i++) {
      const v = (i % 7) / 6; // seven greys, on 8-bit steps
      pixels.fill(Math.round(v * 255) / 255, 3 * i, 3 * i + 3);
    }
    expect(decodePicture(encodePicture(pixels))).toEqual(pixels);
  });

  test('a face of the data set comes back within a small error, in at most 748 characters', () => {
    for (const k of [0, 1, 2, 3]) {
      const face = headshot(TEST_SEEDS.first + k).pixels;
      const text = encodePicture(face);
      expect(text.length).toBeLessThanOrEqual(MAX_PICTURE_CHARS);
      expect(MAX_PICTURE_CHARS).toBe(748);
      const back = decodePicture(text)!;
      // Posterised to 16 colours: far below the VAE's own reconstruction error (≈ 0.01).
      expect(reconstructionError(face, back)).toBeLessThan(0.002);
    }
  });

  test('text that is no picture reads as none', () => {
    const good = encodePicture(headshot(TEST_SEEDS.first).pixels);
    expect(decodePicture('')).toBeNull();
    expect(decodePicture('not a picture!')).toBeNull();
    expect(decodePicture(good.slice(0, -8))).toBeNull();
    expect(decodePicture(good + 'AAAA')).toBeNull();
    // A pixel pointing past the palette: one colour (first byte 0), index 15 everywhere.
    const bad = btoa(String.fromCharCode(0, 10, 20, 30, ...new Array(512).fill(0xff)))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
    expect(decodePicture(bad)).toBeNull();
  });
});

describe('the paint pad brush', () => {
  test('paints a clipped square of the colour and leaves the picture it was given alone', async () => {
    const { paintDot, SWATCHES } = await import('../../../src/figures/vae/vae-anatomy/paintPad.ts');
    const blank = new Float32Array(IMAGE_LENGTH);
    const out = paintDot(blank, 31, 0, 3, [1, 0.5, 0.25]);
    expect(blank.every((v) => v === 0)).toBe(true);
    const at = (x: number, y: number) =>
      Array.from(out.subarray(3 * (y * 32 + x), 3 * (y * 32 + x) + 3));
    expect(at(31, 0)).toEqual([1, 0.5, 0.25]);
    expect(at(31, 2)).toEqual([1, 0.5, 0.25]);
    expect(at(30, 0)).toEqual([0, 0, 0]); // the square starts at x = 31 and is clipped at 32
    expect(out.filter((v) => v === 0.5).length).toBe(3);
    expect(new Set(SWATCHES.map((s) => s.name)).size).toBe(SWATCHES.length);
  });
});
