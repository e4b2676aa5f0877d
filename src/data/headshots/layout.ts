/**
 * The shared geometry of one headshot, computed once per image from its factors and
 * nuisance, plus the constants and per-pixel buffers the drawing layers share.
 */
import type { HeadshotFactors } from '../headshots.ts';
import { type Sdf, sdBox } from '../raster.ts';
import { type Rgb, skinColour } from './palette.ts';

/** Images are SIZE × SIZE pixels. */
export const SIZE = 32;
/** Pixels per image. */
export const PIXELS = SIZE * SIZE;
/** A distance far outside every shape. */
export const FAR = 1e3;

/** `t` clamped to [0, 1]. */
export const clamp01 = (t: number) => (t <= 0 ? 0 : t >= 1 ? 1 : t);

/** Per-pixel signed distance to the face outline, shared between layers (reused across images). */
export const FACE = new Float64Array(PIXELS);

/** The variation that is not a factor (see ../headshots.ts). */
export interface Nuisance {
  dx: number;
  dy: number;
  scale: number;
  shirt: Rgb;
  vNeck: boolean;
  part: number; // −1: parting on the image's left, +1: right
  frame: Rgb;
}

/** Where the head, neck and shoulders sit, and the skin colours; all in pixels. */
export interface FaceLayout {
  /** Head scale. */
  readonly s: number;
  /** Centre of the face ellipse. */
  readonly cx: number;
  readonly cy: number;
  /** Half-width and half-height of the face. */
  readonly rx: number;
  readonly ry: number;
  /** How much the lower half of the face narrows towards the chin. */
  readonly taper: number;
  /** Top of the head and bottom of the chin. */
  readonly top: number;
  readonly chin: number;
  /** The eye row: eyes are centred on this pixel boundary. */
  readonly ey: number;
  readonly skin: Rgb;
  /** The skin in shadow (nose, eye sockets, the hair's shadow on the forehead). */
  readonly shadow: Rgb;
  /** Top of the shoulders. */
  readonly shoulderY: number;
  /** Half-width of the neck. */
  readonly neckW: number;
  /** The neck as a rounded box. */
  readonly neck: Sdf;
  /** The V of a V neckline (negative inside). */
  readonly vee: Sdf;
  /** The visible neck: the box, extended down into the V for a V neckline. */
  readonly neckShape: Sdf;
  /** Lowest point of the visible neck. */
  readonly neckBottom: number;
}

/** The geometry of image `f` with nuisance `n`. */
export function faceLayout(f: HeadshotFactors, n: Nuisance): FaceLayout {
  const s = n.scale;
  const e = f.faceShape;
  const cx = 16 + n.dx;
  const rx = (7.9 - 1.3 * e) * s;
  const ry = (8.1 + 1.2 * e) * s;
  const cy = 14.5 + n.dy + 0.4 * e;
  const taper = 0.05 + 0.4 * e;
  const top = cy - ry;
  const chin = cy + ry;
  const ey = Math.round(cy + 0.8); // eyes are centred on this pixel boundary
  const skin = skinColour(f.skinTone);
  const shadow: Rgb = [skin[0] * 0.74, skin[1] * 0.6, skin[2] * 0.56];

  const shoulderY = chin + 2.4;
  const neckW = 2.9 * s;
  const neckTop = cy + 2,
    neckBot = shoulderY + 2.3;
  const neckY = (neckTop + neckBot) / 2,
    neckH = (neckBot - neckTop) / 2;
  const neck = (x: number, y: number) => sdBox(x - cx, y - neckY, neckW, neckH, 2.4);
  const vy = neckBot + 2.2;
  const vee = (x: number, y: number) => Math.abs(x - cx) * 0.75 + y - vy;
  const neckShape = n.vNeck
    ? (x: number, y: number) => Math.min(neck(x, y), Math.max(vee(x, y), shoulderY - y))
    : neck;
  const neckBottom = n.vNeck ? vy : neckBot;

  return {
    s,
    cx,
    cy,
    rx,
    ry,
    taper,
    top,
    chin,
    ey,
    skin,
    shadow,
    shoulderY,
    neckW,
    neck,
    vee,
    neckShape,
    neckBottom,
  };
}
