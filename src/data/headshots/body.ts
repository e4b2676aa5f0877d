/** The layers behind and around the face: backdrop, shoulders, neckline, neck and ears. */
import type { Backdrop } from '../headshots.ts';
import { Raster, mix, sdBox, sdEllipse } from '../raster.ts';
import { type FaceLayout, PIXELS, SIZE, clamp01 } from './layout.ts';
import { BACKDROP_RGB, type Rgb } from './palette.ts';

/** The backdrop of each colour, drawn once: lit from behind the sitter, darker at the corners. */
const backdropCache = new Map<Backdrop, Float64Array>();
function backdropPixels(name: Backdrop): Float64Array {
  let px = backdropCache.get(name);
  if (!px) {
    const bd = BACKDROP_RGB[name];
    px = new Float64Array(PIXELS * 3);
    for (let j = 0; j < SIZE; j++) {
      for (let i = 0; i < SIZE; i++) {
        const u = (i + 0.5 - 16) / 20,
          v = (j + 0.5 - 12) / 24;
        const k = 1.1 - 0.45 * (u * u + v * v) - 0.06 * ((j + 0.5) / SIZE);
        for (let c = 0; c < 3; c++) px[(j * SIZE + i) * 3 + c] = bd[c]! * k;
      }
    }
    backdropCache.set(name, px);
  }
  return px;
}

/** Paints the whole image with the backdrop. */
export function drawBackdrop(R: Raster, backdrop: Backdrop): void {
  R.rgb.set(backdropPixels(backdrop));
}

/** Shoulders: a wide rounded box in the shirt colour, darker towards the sides and below. */
export function drawShoulders(R: Raster, L: FaceLayout, shirt: Rgb): void {
  const { s, cx, shoulderY } = L;
  R.fillShaded(
    (x, y) => sdBox(x - cx, y - (shoulderY + 9), 13.5 * s, 9, 6),
    cx - 14,
    shoulderY,
    cx + 14,
    SIZE,
    (x, y, _d, o) => {
      const u = (x - cx) / 14;
      const k = 1.02 - 0.3 * u * u - 0.08 * clamp01((y - shoulderY) / 6);
      o[0] = shirt[0] * k;
      o[1] = shirt[1] * k;
      o[2] = shirt[2] * k;
    },
  );
}

/** The neckline (crew or V) and its collar, which long hair may cover. */
export function drawNeckline(R: Raster, L: FaceLayout, shirt: Rgb, vNeck: boolean): void {
  const { cx, shoulderY, neckW, neck, vee, neckBottom } = L;
  const collar = mix(shirt, [0, 0, 0], 0.35);
  R.fill(
    vNeck
      ? (x, y) => Math.max(neck(x, y) - 0.7, vee(x, y) - 0.7, shoulderY - y)
      : (x, y) => Math.max(neck(x, y) - 0.7, shoulderY - 0.5 - y),
    cx - neckW - 1,
    shoulderY - 1,
    cx + neckW + 1,
    neckBottom + 1,
    collar[0],
    collar[1],
    collar[2],
  );
}

/** Neck, in shadow under the chin, in front of any hair that falls behind it. */
export function drawNeck(R: Raster, L: FaceLayout): void {
  const { cx, chin, skin, neckW, neckShape, neckBottom } = L;
  R.fillShaded(neckShape, cx - neckW, chin - 2, cx + neckW, neckBottom, (_x, y, _d, o) => {
    const k = 0.72 + 0.16 * clamp01((y - chin + 1) / 3);
    o[0] = skin[0] * k;
    o[1] = skin[1] * k;
    o[2] = skin[2] * k;
  });
}

/** Ears: a slightly darker ellipse each side of the face, level with the eyes. */
export function drawEars(R: Raster, L: FaceLayout): void {
  const { cx, rx, ey, skin } = L;
  for (const side of [-1, 1]) {
    const ex = cx + side * rx * 0.97,
      ecy = ey + 0.5;
    R.fill(
      (x, y) => sdEllipse(x - ex, y - ecy, 1.3, 2.0),
      ex - 1.3,
      ecy - 2,
      ex + 1.3,
      ecy + 2,
      skin[0] * 0.9,
      skin[1] * 0.88,
      skin[2] * 0.88,
    );
  }
}
