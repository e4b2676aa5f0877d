/** The eye region: eyes, eyebrows and glasses. */
import {
  AA_SUPER,
  type Raster,
  mix,
  sdBox,
  sdCircle,
  sdEllipse,
  sdPolyline,
  sdSegment,
} from '../raster.ts';
import { FAR, type FaceLayout, clamp01 } from './layout.ts';
import { type Rgb, browColour } from './palette.ts';

/**
 * Eyes: socket shadow (hidden by glasses), almond sclera, a 2×2 iris with a darker pupil,
 * lash line.
 */
export function drawEyes(R: Raster, L: FaceLayout, iris: Rgb, glasses: boolean): void {
  const { cx, ey, skin, shadow } = L;
  const lid = mix(skin, [0.1, 0.06, 0.05], 0.8);
  for (const side of [-1, 1]) {
    const ex = cx + side * 3;
    if (!glasses) {
      R.fill(
        (x, y) => sdEllipse(x - ex, y - (ey - 0.6), 2.4, 1.4),
        ex - 2.5,
        ey - 2.5,
        ex + 2.5,
        ey + 0.5,
        shadow[0],
        shadow[1],
        shadow[2],
        0.2,
        2,
      );
    }
    R.fill(
      (x, y) => sdEllipse(x - ex, y - ey, 1.95, 1.0),
      ex - 1,
      ey,
      ex + 1,
      ey,
      0.93,
      0.92,
      0.89,
      1,
      AA_SUPER,
    );
    R.fill(
      (x, y) => sdBox(x - ex, y - ey, 1, 1, 0.45),
      ex,
      ey,
      ex,
      ey,
      iris[0],
      iris[1],
      iris[2],
      1,
      AA_SUPER,
    );
    R.fill(
      (x, y) => sdCircle(x, y, ex, ey - 0.1, 0.5),
      ex,
      ey,
      ex,
      ey,
      iris[0] * 0.2,
      iris[1] * 0.2,
      iris[2] * 0.2,
      0.9,
      AA_SUPER,
    );
    R.stroke(
      (x, y) => (y > ey - 0.3 ? FAR : Math.abs(sdEllipse(x - ex, y - ey, 2.0, 1.1))),
      0.3,
      ex - 2,
      ey - 1.5,
      ex + 2,
      ey - 0.5,
      lid[0],
      lid[1],
      lid[2],
      0.75,
    );
  }
}

/**
 * Eyebrows: an arched stroke, full over the eye and tapering to the outer tail, whose
 * width is the `brows` factor (0.7 … 2.2 px, growing mostly upwards, away from glasses
 * frames). Their colour is the hair colour, darkened well below the skin's lightness.
 */
export function drawBrows(R: Raster, L: FaceLayout, brows: number, hair: Rgb): void {
  const { cx, ey, skin } = L;
  const brow = browColour(hair, skin);
  const bw = 0.35 + 0.75 * brows; // half-width over the eye
  const blen = 0.4 * brows; // thicker brows also reach a little further
  const bc = ey - 2.75 - 0.55 * (bw - 0.35); // centre line at the arch's peak
  for (const side of [-1, 1]) {
    const ex = cx + side * 3;
    // The inner end's round cap stays at least 0.4 px off the face's centre line.
    const inner = ex - side * 1.5,
      outer = ex + side * (2.2 + blen);
    const pts = [outer, bc + 0.45, ex + 0.4 * side, bc - 0.2, inner, bc + 0.25];
    R.strokeTapered(
      (x, y) => sdPolyline(x, y, pts),
      (x) => bw * (1 - 0.45 * clamp01(((x - ex) * side - 0.4) / 2)),
      bw,
      ex - 2.2 - blen,
      bc - 0.2,
      ex + 2.2 + blen,
      bc + 0.45,
      brow[0],
      brow[1],
      brow[2],
      0.98,
    );
  }
}

/** Glasses: two rounded frames with a lighter lower rim, and the arms. */
export function drawGlasses(R: Raster, L: FaceLayout, fr: Rgb): void {
  const { cx, rx, ey } = L;
  const gy = ey - 0.1;
  for (const side of [-1, 1]) {
    const lx = cx + side * 3;
    R.fill(
      (x, y) => sdBox(x - lx, y - gy, 2.3, 1.4, 1),
      lx - 2.3,
      gy - 1.4,
      lx + 2.3,
      gy + 1.4,
      1,
      1,
      1,
      0.2,
    );
  }
  const frames = (x: number, y: number) =>
    Math.min(
      Math.abs(sdBox(x - (cx - 2.75), y - gy, 2.75, 1.6, 1.1)),
      Math.abs(sdBox(x - (cx + 2.75), y - gy, 2.75, 1.6, 1.1)),
      sdSegment(x, y, cx - 5.5, gy - 0.6, cx - rx - 0.3, gy - 0.9),
      sdSegment(x, y, cx + 5.5, gy - 0.6, cx + rx + 0.3, gy - 0.9),
    );
  const x0 = cx - rx - 0.3,
    x1 = cx + rx + 0.3;
  R.stroke(
    (x, y) => (y < gy ? frames(x, y) : FAR),
    0.24,
    x0,
    gy - 1.6,
    x1,
    gy,
    fr[0],
    fr[1],
    fr[2],
    0.92,
  );
  R.stroke(
    (x, y) => (y > gy ? frames(x, y) : FAR),
    0.24,
    x0,
    gy,
    x1,
    gy + 1.6,
    fr[0],
    fr[1],
    fr[2],
    0.5,
  );
}
