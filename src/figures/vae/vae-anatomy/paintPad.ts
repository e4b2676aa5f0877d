/**
 * The paint pad's colours and its one brush operation, kept apart from the component so the
 * arithmetic is tested in Node: the swatches are the data set's own colours (irises, hair,
 * skin, backdrops), so a reader paints in the palette the VAE learned.
 */
import { IMAGE_LENGTH, SIZE } from '../../../data/headshots.ts';
import {
  BACKDROP_RGB,
  HAIR_RGB,
  IRIS_RGB,
  skinColour,
  type Rgb,
} from '../../../data/headshots/palette.ts';

export interface Swatch {
  name: string;
  rgb: Rgb;
  /** A 32×32 image of the colour, for the swatch's canvas. */
  pixel: Float32Array;
}

const swatch = (name: string, rgb: Rgb): Swatch => {
  const pixel = new Float32Array(IMAGE_LENGTH);
  for (let i = 0; i < SIZE * SIZE; i++) pixel.set(rgb, 3 * i);
  return { name, rgb, pixel };
};

export const SWATCHES: readonly Swatch[] = [
  ...Object.entries(IRIS_RGB).map(([k, rgb]) => swatch(`${k.replace('-', ' ')} eyes`, rgb)),
  ...Object.entries(HAIR_RGB).map(([k, rgb]) => swatch(`${k} hair`, rgb)),
  swatch('light skin', skinColour(0.1)),
  swatch('medium skin', skinColour(0.5)),
  swatch('deep skin', skinColour(0.9)),
  ...Object.entries(BACKDROP_RGB).map(([k, rgb]) => swatch(`${k} backdrop`, rgb)),
  swatch('white', [1, 1, 1]),
  swatch('black', [0, 0, 0]),
];

/** A new picture with a `size`×`size` square of `rgb` at (x, y) (its top-left), clipped. */
export function paintDot(pixels: Float32Array, x: number, y: number, size: number, rgb: Rgb) {
  const out = pixels.slice();
  for (let dy = 0; dy < size; dy++) {
    for (let dx = 0; dx < size; dx++) {
      const [px, py] = [x + dx, y + dy];
      if (px < 0 || py < 0 || px >= SIZE || py >= SIZE) continue;
      out.set(rgb, 3 * (py * SIZE + px));
    }
  }
  return out;
}
