/**
 * Hair: each style's silhouette and hairline (`hairdo`), its colouring (`hairPaint`), and its
 * two layers, the whole silhouette behind the head and the part in front of the face.
 */
import type { HairStyle } from '../headshots.ts';
import { type Raster, type Shader, mix, sdBox, sdCircle, sdEllipse, sdSegment } from '../raster.ts';
import { FACE, FAR, type FaceLayout, PIXELS, SIZE, clamp01 } from './layout.ts';
import type { Rgb } from './palette.ts';

/** Angles of the curls round a curly head, from beside the jaw over the top to the other side. */
const CURL_COUNT = 13;
const CURL_COS = new Float64Array(CURL_COUNT);
const CURL_SIN = new Float64Array(CURL_COUNT);
for (let k = 0; k < CURL_COUNT; k++) {
  const a = ((140 + (260 * k) / (CURL_COUNT - 1)) * Math.PI) / 180;
  CURL_COS[k] = Math.cos(a);
  CURL_SIN[k] = Math.sin(a);
}

// Per-pixel signed distances shared between the hair layers (reused across images).
const HAIR = new Float64Array(PIXELS);
const FRONT = new Float64Array(PIXELS);
const SHADE = new Float64Array(PIXELS);

/** A hair style: its silhouette, and the part of the face it leaves uncovered. */
export interface Hairdo {
  /** Signed distance to the whole silhouette, drawn behind the head. */
  shape: (x: number, y: number) => number;
  /** Signed distance to the visible face, given the distance `fd` to the face outline. */
  window: (x: number, y: number, fd: number) => number;
  /** Hair outside the window is drawn again in front of the face above this line. */
  frontCut: number;
  /** Bounding box of the silhouette. */
  box: [number, number, number, number];
}

/** The colouring shared by both hair layers. */
export interface HairPaint {
  /** The base colour (on bald heads the fringe's, blended towards the skin). */
  colour: Rgb;
  /** Colour at a pixel: sheen near the crown, ringlets on curly hair. */
  shader: Shader;
}

/** The hair's base colour and shader for `style` in colour `hair` on the head `L`. */
export function hairPaint(L: FaceLayout, style: HairStyle, hair: Rgb): HairPaint {
  const { cx, rx, ry, top, skin } = L;
  const hc: Rgb = style === 'bald' ? mix(hair, skin, 0.3) : hair;
  const lum = 0.3 * hc[0] + 0.6 * hc[1] + 0.1 * hc[2];
  // Sheen: the hair colour brightened (not whitened, so red stays red), most on dark hair.
  const gloss = Math.max((1 - lum) * (1 - lum), 0.15);
  const hs: Rgb = [
    hc[0] + gloss * (0.5 * hc[0] + 0.15),
    hc[1] + gloss * (0.5 * hc[1] + 0.15),
    hc[2] + gloss * (0.5 * hc[2] + 0.15),
  ];
  const curly = style === 'curly';
  const shader = (x: number, y: number, _d: number, o: Float64Array) => {
    // Sheen near the crown, lit from the upper left; darker lower down.
    const hx = (x - (cx - 0.3 * rx)) / 4,
      hy = (y - (top + 1.2)) / 2.5;
    const hl = 0.45 * clamp01(1 - hx * hx - hy * hy);
    const dk = 1 - 0.22 * clamp01((y - top) / (2 * ry));
    let c = 0;
    if (curly) {
      // Ringlets: a staggered grid of small arcs, brighter on their upper-left side.
      const u = x / 2.5,
        iu = Math.floor(u);
      const v = y / 2.5 + (iu & 1 ? 0.5 : 0);
      const fx = u - iu - 0.5,
        fy = v - Math.floor(v) - 0.5;
      const r = Math.sqrt(fx * fx + fy * fy);
      c = clamp01(1 - Math.abs(r - 0.32) / 0.18) * (fx + fy < 0 ? 1 : -0.6);
    }
    // Light hair shows the ringlets by shading, dark hair by highlights.
    const ck = 1 + 0.14 * c * (1 - 0.4 * lum);
    const ca = 0.05 * c * (1 - lum);
    o[0] = ((hc[0] + (hs[0] - hc[0]) * hl) * dk + ca) * ck;
    o[1] = ((hc[1] + (hs[1] - hc[1]) * hl) * dk + ca) * ck;
    o[2] = ((hc[2] + (hs[2] - hc[2]) * hl) * dk + ca * 0.8) * ck;
  };
  return { colour: hc, shader };
}

/** Hair behind the head: the whole silhouette, and a bun's tie where the knot meets the head. */
export function drawHairBehind(
  R: Raster,
  L: FaceLayout,
  style: HairStyle,
  hd: Hairdo,
  paint: HairPaint,
): void {
  const { cx, top } = L;
  const [hx0, hy0, hx1, hy1] = hd.box;
  HAIR.fill(FAR);
  R.sample(hd.shape, HAIR, hx0, hy0, hx1, hy1);
  R.fillFieldShaded(HAIR, hx0, hy0, hx1, hy1, paint.shader);
  if (style === 'bun') {
    // The tie where the knot meets the head.
    const tie = mix(paint.colour, [0, 0, 0], 0.55);
    const ty = top - 1.3;
    R.stroke(
      (x, y) => sdSegment(x, y, cx - 1.3, ty, cx + 1.3, ty),
      0.4,
      cx - 1.3,
      ty,
      cx + 1.3,
      ty,
      tie[0],
      tie[1],
      tie[2],
      0.8,
    );
  }
}

/**
 * Hair in front of the face, with its soft shadow on the forehead: the silhouette outside
 * the style's window onto the face, above its front cut. Needs HAIR from `drawHairBehind`
 * and FACE.
 */
export function drawHairFront(R: Raster, L: FaceLayout, hd: Hairdo, paint: HairPaint): void {
  const { shadow } = L;
  const [hx0, hy0, hx1] = hd.box;
  const frontTop = Math.max(0, Math.floor(hy0 - 1)),
    frontBottom = Math.min(SIZE - 1, Math.ceil(hd.frontCut));
  const i0 = Math.max(0, Math.floor(hx0 - 1)),
    i1 = Math.min(SIZE - 1, Math.ceil(hx1));
  FRONT.fill(FAR);
  SHADE.fill(FAR);
  for (let j = frontTop; j <= frontBottom; j++) {
    for (let i = i0; i <= i1; i++) {
      const k = j * SIZE + i;
      const x = i + 0.5,
        y = j + 0.5;
      FRONT[k] = Math.max(HAIR[k]!, -hd.window(x, y, FACE[k]!), y - hd.frontCut);
    }
  }
  for (let j = frontTop + 1; j <= frontBottom + 1 && j < SIZE; j++)
    for (let i = i0; i <= i1; i++)
      SHADE[j * SIZE + i] = Math.max(FRONT[(j - 1) * SIZE + i]!, FACE[j * SIZE + i]!);
  R.fillField(SHADE, i0, frontTop, i1, frontBottom + 1, shadow[0], shadow[1], shadow[2], 0.3, 1.2);
  R.fillFieldShaded(FRONT, i0, frontTop, i1, frontBottom, paint.shader);
}

/** The silhouette and hairline of each style. */
export function hairdo(style: HairStyle, part: number, L: FaceLayout): Hairdo {
  const { cx, cy, rx, ry, ey, top, chin } = L;
  if (style === 'short') {
    const sy = cy - 0.7,
      srx = rx + 0.75,
      sry = ry + 1.0;
    const temple = rx - 1.1;
    return {
      shape: (x, y) => Math.max(sdEllipse(x - cx, y - sy, srx, sry), y - (ey - 0.8)),
      window: (x, y, fd) => {
        const u = (x - cx) / rx;
        const line = top + 2.9 + 1.3 * u * u + 1.2 * u * part;
        const sideburn = Math.max(temple - Math.abs(x - cx), y - (ey - 1.8));
        return Math.max(fd, line - y, -sideburn);
      },
      frontCut: ey - 1,
      box: [cx - srx, sy - sry, cx + srx, ey - 0.8],
    };
  }
  if (style === 'long') {
    const hw = rx + 2.3,
      bottom = chin + 4.5;
    const ty = cy - 0.3,
      tr = ry + 1.3;
    const curtain = rx - 1.5;
    return {
      shape: (x, y) =>
        Math.min(
          sdEllipse(x - cx, y - ty, hw, tr),
          sdBox(x - cx, y - (ty + bottom) / 2, hw, (bottom - ty) / 2, 1.5),
        ),
      window: (x, y, fd) => {
        const u = (x - cx - 0.5 * part) / rx;
        const line = top + 1.8 + 3.2 * Math.abs(u);
        return Math.max(fd, line - y, Math.abs(x - cx) - curtain);
      },
      frontCut: chin - 1,
      box: [cx - hw, ty - tr, cx + hw, bottom],
    };
  }
  if (style === 'curly') {
    const ccy = cy - 1.2,
      crx = rx + 1.5,
      cry = ry + 1.0,
      cr = 2.3;
    const lowest = cy + 4.5;
    return {
      shape: (x, y) => {
        let d = Math.max(sdEllipse(x - cx, y - ccy, crx, cry), y - lowest);
        if (d < -1) return d; // well inside: the curls cannot change the coverage
        for (let k = 0; k < CURL_COUNT; k++) {
          const c = sdCircle(x, y, cx + crx * CURL_COS[k]!, ccy + cry * CURL_SIN[k]!, cr);
          if (c < d) d = c;
        }
        return d;
      },
      window: (x, y, fd) => {
        const u = (x - cx) / rx;
        const t = (x - cx) / 2.2 + 0.5;
        const fr = t - Math.floor(t) - 0.5;
        const line = top + 3.2 + 1.2 * u * u + 0.9 * (1 - 4 * fr * fr);
        return Math.max(fd, line - y, Math.abs(x - cx) - (rx - 1.1));
      },
      frontCut: cy + 3,
      box: [cx - crx - cr, ccy - cry - cr, cx + crx + cr, lowest + 1],
    };
  }
  if (style === 'bun') {
    const by = cy - 0.8,
      brx = rx + 0.5,
      bry = ry + 0.55;
    const ky = top - 2.1,
      kr = 2.3;
    return {
      shape: (x, y) =>
        Math.min(
          Math.max(sdEllipse(x - cx, y - by, brx, bry), y - (ey - 1.2)),
          sdCircle(x, y, cx, ky, kr),
        ),
      window: (x, y, fd) => {
        const u = (x - cx) / rx;
        const line = top + 2.8 + 1.3 * u * u;
        const temple = Math.max(rx - 0.6 - Math.abs(x - cx), y - (ey - 2.2));
        return Math.max(fd, line - y, -temple);
      },
      frontCut: ey - 1.5,
      box: [cx - brx, ky - kr, cx + brx, ey - 1.2],
    };
  }
  // Bald: a close-cropped fringe round the sides, below the bare crown.
  const sy = cy - 0.3;
  return {
    shape: (x, y) =>
      Math.max(sdEllipse(x - cx, y - sy, rx + 0.35, ry + 0.4), y - (ey + 0.3), ey - 3.6 - y),
    window: (x, _y, fd) => Math.max(fd, Math.abs(x - cx) - (rx - 0.6)),
    frontCut: ey + 1,
    box: [cx - rx - 0.35, ey - 3.6, cx + rx + 0.35, ey + 0.3],
  };
}
