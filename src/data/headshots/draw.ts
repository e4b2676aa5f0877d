/** One headshot, layer by layer, back to front (the order in ../headshots.ts's overview). */
import type { HeadshotFactors } from '../headshots.ts';
import type { Raster } from '../raster.ts';
import { drawBackdrop, drawEars, drawNeck, drawNeckline, drawShoulders } from './body.ts';
import { drawBrows, drawEyes, drawGlasses } from './eyes.ts';
import { drawCheeks, drawFace, drawMouth, drawNose, sampleFaceField } from './face.ts';
import { drawHairBehind, drawHairFront, hairPaint, hairdo } from './hair.ts';
import { type Nuisance, faceLayout } from './layout.ts';
import { HAIR_RGB, IRIS_RGB } from './palette.ts';

/** Draws the headshot with factors `f` and nuisance `n` into `R`, replacing its pixels. */
export function draw(R: Raster, f: HeadshotFactors, n: Nuisance): void {
  const L = faceLayout(f, n);
  const style = f.hairStyle;
  const hair = HAIR_RGB[f.hairColour];
  const hd = hairdo(style, n.part, L);
  const paint = hairPaint(L, style, hair);

  drawBackdrop(R, f.backdrop);
  drawShoulders(R, L, n.shirt);
  drawNeckline(R, L, n.shirt, n.vNeck);
  sampleFaceField(R, L);
  drawHairBehind(R, L, style, hd, paint);
  drawNeck(R, L);
  drawEars(R, L);
  drawFace(R, L, style === 'bald');
  drawCheeks(R, L, f.smile);
  drawNose(R, L);
  drawEyes(R, L, IRIS_RGB[f.eyeColour], f.glasses);
  drawBrows(R, L, f.brows, hair);
  drawMouth(R, L, f.smile);
  drawHairFront(R, L, hd, paint);
  if (f.glasses) drawGlasses(R, L, n.frame);
}
