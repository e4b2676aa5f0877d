/** The face and the features below the eyes: outline, skin shading, cheeks, nose and mouth. */
import { type Raster, mix, sdEllipse, sdPolyline, sdSegment } from '../raster.ts';
import { FACE, FAR, type FaceLayout, clamp01 } from './layout.ts';

/** Samples the distance to the face outline into FACE, for the face and the hair in front of it. */
export function sampleFaceField(R: Raster, L: FaceLayout): void {
  const { cx, cy, rx, ry, taper, top, chin } = L;
  // Distances to the face outline: an ellipse whose lower half narrows towards the chin.
  const face = (x: number, y: number) => {
    const px = x - cx,
      py = y - cy;
    const t = py / ry;
    return sdEllipse(px, py, t > 0 ? rx * (1 - taper * t * t) : rx, ry);
  };
  FACE.fill(FAR);
  // Beyond a pixel outside the outline any distance > 0.5 acts alike, so FAR stands in there.
  R.sample(face, FACE, cx - rx - 1, top - 1, cx + rx + 1, chin + 1);
}

/** Face: lit from the upper left, with a soft darker rim; a bald head gets a shine on the crown. */
export function drawFace(R: Raster, L: FaceLayout, bald: boolean): void {
  const { cx, cy, rx, ry, top, chin, skin } = L;
  R.fillFieldShaded(FACE, cx - rx, top, cx + rx, chin, (x, y, d, o) => {
    const lx = (x - cx) / rx,
      ly = (y - cy) / ry;
    const k = 1.04 - 0.06 * lx - 0.05 * ly - 0.12 * clamp01(1 + d / 2.5);
    o[0] = skin[0] * k;
    o[1] = skin[1] * k;
    o[2] = skin[2] * k;
  });
  if (bald) {
    R.fill(
      (x, y) => sdEllipse(x - (cx - 2), y - (top + 2.2), 2.4, 1.3),
      cx - 5,
      top,
      cx + 1,
      top + 4,
      1,
      1,
      1,
      0.22,
      2,
    );
  }
}

/** Cheeks: a faint blush below each eye, a little stronger with the smile. */
export function drawCheeks(R: Raster, L: FaceLayout, smile: number): void {
  const { cx, ey } = L;
  for (const side of [-1, 1]) {
    const kx = cx + side * 3.8,
      ky = ey + 2.6;
    R.fill(
      (x, y) => sdEllipse(x - kx, y - ky, 1.6, 1.0),
      kx - 2.5,
      ky - 1.5,
      kx + 2.5,
      ky + 1.5,
      0.86,
      0.42,
      0.4,
      0.1 + 0.06 * smile,
      2.5,
    );
  }
}

/** Nose: a shadow on the right of the bridge and under the tip. */
export function drawNose(R: Raster, L: FaceLayout): void {
  const { cx, ey, shadow } = L;
  R.fill(
    (x, y) => sdSegment(x, y, cx + 0.6, ey + 0.8, cx + 0.9, ey + 2.6) - 0.3,
    cx - 0.5,
    ey,
    cx + 2,
    ey + 3.5,
    shadow[0],
    shadow[1],
    shadow[2],
    0.25,
    1.4,
  );
  R.fill(
    (x, y) => sdSegment(x, y, cx - 0.8, ey + 3.3, cx + 0.9, ey + 3.3) - 0.25,
    cx - 1.5,
    ey + 2.5,
    cx + 1.5,
    ey + 4,
    shadow[0],
    shadow[1],
    shadow[2],
    0.4,
    1.2,
  );
}

/**
 * Mouth: a line on one pixel row whose corners lift with the smile (a U); past 0.5 it
 * opens into a D, flat on top with a row of teeth, the lower lip curving away below.
 */
export function drawMouth(R: Raster, L: FaceLayout, smile: number): void {
  const { cx, ey, chin, skin } = L;
  const sm = smile;
  const my = Math.floor(ey + 0.58 * (chin - ey)) + 0.5;
  const hw = 1.8 + 1.5 * sm,
    lift = 1.5 * clamp01(sm / 0.65),
    open = clamp01((sm - 0.5) / 0.5);
  const curve = (x: number) => {
    const u = (x - cx) / hw,
      u2 = u * u;
    return my - lift * (u2 + (u2 * u2 - u2) * open);
  };
  const mouthPts: number[] = [];
  for (let k = 0; k <= 12; k++) {
    const x = cx + (k / 6 - 1) * hw;
    mouthPts.push(x, curve(x));
  }
  const lip = mix(skin, [0.55, 0.12, 0.14], 0.4);
  const lipLine = mix(lip, [0.1, 0.03, 0.03], 0.5);
  R.fill(
    (x, y) => sdEllipse(x - cx, y - (my + 1.3 + 1.2 * open), hw * 0.5, 0.55),
    cx - hw * 0.5 - 0.5,
    my + 0.5,
    cx + hw * 0.5 + 0.5,
    my + 2.5 + 1.2 * open,
    lip[0],
    lip[1],
    lip[2],
    0.3,
    1.2,
  );
  R.stroke(
    (x, y) => sdPolyline(x, y, mouthPts),
    0.42,
    cx - hw,
    my - lift,
    cx + hw,
    my,
    lipLine[0],
    lipLine[1],
    lipLine[2],
    0.9,
  );
  if (open > 0) {
    const mw = hw - 0.4,
      depth = 1 + 1.4 * open;
    const rim = (x: number) => curve(x) - 0.5;
    const lower = (x: number) => {
      const u = (x - cx) / mw;
      return rim(x) + depth * Math.sqrt(Math.max(0, 1 - u * u));
    };
    R.fillBetween(cx - mw, cx + mw, rim, lower, 0.4, 0.1, 0.12, clamp01(3 * open));
    const teethW = 0.72 * hw;
    R.fillBetween(
      cx - teethW,
      cx + teethW,
      rim,
      (x) => Math.min(rim(x) + 1, lower(x)),
      0.95,
      0.93,
      0.88,
      open,
    );
  }
}
