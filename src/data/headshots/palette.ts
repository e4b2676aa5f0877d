/** The colours of "Tiny Headshots" (../headshots.ts): skin ramp, backdrops, hair, irises, shirts, frames. */
import type { Backdrop, EyeColour, HairColour } from '../headshots.ts';
import { mix, oklabToSrgb, srgbToOklab } from '../raster.ts';

export type Rgb = readonly [number, number, number];

/** An sRGB colour from 8-bit channels. */
const rgb255 = (r: number, g: number, b: number): Rgb => [r / 255, g / 255, b / 255];

/** Skin ramp stops, very light → deep brown, interpolated in OKLab. */
const SKIN_STOPS = [
  rgb255(250, 222, 204),
  rgb255(238, 194, 160),
  rgb255(214, 160, 120),
  rgb255(178, 120, 82),
  rgb255(126, 80, 52),
  rgb255(80, 50, 34),
].map(srgbToOklab);

/** The skin colour at `t` ∈ [0, 1] along the ramp (clamped). */
export function skinColour(t: number): Rgb {
  const x = Math.min(Math.max(t, 0), 1) * (SKIN_STOPS.length - 1);
  const k = Math.min(Math.floor(x), SKIN_STOPS.length - 2);
  return oklabToSrgb(mix(SKIN_STOPS[k]!, SKIN_STOPS[k + 1]!, x - k));
}

/** The base colour of each backdrop. */
export const BACKDROP_RGB: Readonly<Record<Backdrop, Rgb>> = {
  slate: rgb255(98, 112, 132),
  sage: rgb255(152, 170, 142),
  sand: rgb255(214, 194, 160),
  rose: rgb255(210, 160, 162),
  sky: rgb255(148, 186, 222),
};

/** The base colour of each hair colour. */
export const HAIR_RGB: Readonly<Record<HairColour, Rgb>> = {
  black: rgb255(30, 24, 22),
  brown: rgb255(98, 62, 36),
  blonde: rgb255(218, 178, 110),
  red: rgb255(172, 72, 34),
  grey: rgb255(184, 184, 186),
};

/** The iris colour of each eye colour. */
export const IRIS_RGB: Readonly<Record<EyeColour, Rgb>> = {
  'dark-brown': rgb255(72, 40, 22),
  'light-brown': rgb255(160, 104, 46),
  blue: rgb255(70, 132, 214),
  green: rgb255(76, 150, 86),
  grey: rgb255(122, 134, 146),
};

/** Shirt colours (a nuisance variable). */
export const SHIRTS: readonly Rgb[] = [
  rgb255(44, 56, 92), // navy
  rgb255(62, 64, 70), // charcoal
  rgb255(232, 228, 218), // cream
  rgb255(118, 38, 52), // burgundy
  rgb255(98, 108, 62), // olive
  rgb255(200, 152, 56), // mustard
  rgb255(38, 108, 114), // teal
  rgb255(82, 110, 156), // denim
];

/** Glasses-frame colours (a nuisance variable). */
export const FRAMES: readonly Rgb[] = [
  rgb255(26, 22, 22), // black
  rgb255(92, 52, 28), // tortoiseshell
  rgb255(40, 48, 70), // navy
  rgb255(150, 122, 70), // gold wire
];

/**
 * Eyebrows in the hue of the hair, darkened in OKLab to at most 80 % of its lightness and
 * at least 0.32 below the skin's, so they read on every skin tone: near-black brown on deep
 * skin, a mid-dark tone for grey or blonde hair on light skin.
 */
export function browColour(hair: Rgb, skin: Rgb): Rgb {
  const h = srgbToOklab(hair),
    sk = srgbToOklab(skin);
  const l = Math.max(0.1, Math.min(0.8 * h[0], sk[0] - 0.32));
  const k = (0.35 + 0.65 * (l / h[0])) * 0.9; // deeper shades carry less chroma
  return oklabToSrgb([l, h[1] * k + 0.012, h[2] * k + 0.014]); // a touch of warmth
}
