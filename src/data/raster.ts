/**
 * A tiny deterministic anti-aliased rasterizer for procedural images: signed distance
 * functions (SDFs) evaluated at pixel centres, turned into coverage, and alpha-composited
 * back to front into an RGB buffer. Only IEEE-754 arithmetic and `Math.sqrt` (both exactly
 * specified) run per pixel, so Node and every browser produce bit-identical pixels.
 *
 * Coordinates are in pixels: x to the right, y down, pixel (i, j) covers [i, i+1) × [j, j+1)
 * and its centre is (i + 0.5, j + 0.5).
 */

/** A signed distance (negative inside, in pixels) or, for `AA_SIGN`, any inside test. */
export type Sdf = (x: number, y: number) => number;
/** Writes the colour at (x, y), where the shape's distance is `d`, into `out[0..2]`. */
export type Shader = (x: number, y: number, d: number, out: Float64Array) => void;

/** Coverage from an exact-ish signed distance with a 1-px linear ramp (large smooth shapes). */
export const AA_RAMP = 0;
/**
 * 4×4 supersampled inside test where the centre distance is within 1.25 px of the edge;
 * exact area for small features, needs a distance that is not overestimated by > 0.5 px.
 */
export const AA_SUPER = -1;
/** 4×4 supersampling everywhere in the box: for inside tests with no usable distance. */
export const AA_SIGN = -2;
// Any positive `aa` is a feather width in pixels: a smoothstep from d = +aa/2 to -aa/2.

const SUB = [-0.375, -0.125, 0.125, 0.375];

/** Coverage of a pixel from the signed distance `d` at its centre (AA_RAMP or feathered). */
function rampCoverage(d: number, aa: number): number {
  if (aa > 0) {
    const t = 0.5 - d / aa;
    return t <= 0 ? 0 : t >= 1 ? 1 : t * t * (3 - 2 * t);
  }
  return d >= 0.5 ? 0 : d <= -0.5 ? 1 : 0.5 - d;
}

function coverage(sdf: Sdf, px: number, py: number, aa: number): number {
  if (aa >= 0) return rampCoverage(sdf(px, py), aa);
  if (aa === AA_SUPER) {
    const d = sdf(px, py);
    if (d >= 1.25) return 0;
    if (d <= -1.25) return 1;
  }
  let n = 0;
  for (let j = 0; j < 4; j++) {
    const y = py + SUB[j]!;
    for (let i = 0; i < 4; i++) if (sdf(px + SUB[i]!, y) < 0) n++;
  }
  return n / 16;
}

/**
 * An RGB accumulation buffer (row-major, 3 channels) with SDF fills. Boxes are given in
 * pixel coordinates [x0, x1] × [y0, y1]; only pixels near the box are visited.
 */
export class Raster {
  readonly size: number;
  readonly rgb: Float64Array;
  private readonly colour = new Float64Array(3);

  constructor(size: number) {
    this.size = size;
    this.rgb = new Float64Array(size * size * 3);
  }

  /** Pixel index range [i0, i1] covering x0 … x1 plus a one-pixel margin, clipped. */
  private span(a: number, b: number): [number, number] {
    return [Math.max(0, Math.floor(a - 1)), Math.min(this.size - 1, Math.ceil(b))];
  }

  private blend(k: number, r: number, g: number, b: number, a: number): void {
    const rgb = this.rgb;
    rgb[k] = rgb[k]! + (r - rgb[k]!) * a;
    rgb[k + 1] = rgb[k + 1]! + (g - rgb[k + 1]!) * a;
    rgb[k + 2] = rgb[k + 2]! + (b - rgb[k + 2]!) * a;
  }

  /** Evaluates `sdf` at the pixel centres of the box into `field` (one value per pixel). */
  sample(sdf: Sdf, field: Float64Array, x0: number, y0: number, x1: number, y1: number): void {
    const size = this.size;
    const [i0, i1] = this.span(x0, x1),
      [j0, j1] = this.span(y0, y1);
    for (let j = j0; j <= j1; j++)
      for (let i = i0; i <= i1; i++) field[j * size + i] = sdf(i + 0.5, j + 0.5);
  }

  /** Composites a solid colour through signed distances sampled at pixel centres. */
  fillField(
    field: Float64Array,
    x0: number,
    y0: number,
    x1: number,
    y1: number,
    r: number,
    g: number,
    b: number,
    opacity = 1,
    aa = AA_RAMP,
  ): void {
    const size = this.size;
    const [i0, i1] = this.span(x0, x1),
      [j0, j1] = this.span(y0, y1);
    for (let j = j0; j <= j1; j++) {
      for (let i = i0; i <= i1; i++) {
        const a = rampCoverage(field[j * size + i]!, aa) * opacity;
        if (a > 0) this.blend((j * size + i) * 3, r, g, b, a);
      }
    }
  }

  /** Like `fillField`, with the colour from `shader` at each covered pixel centre. */
  fillFieldShaded(
    field: Float64Array,
    x0: number,
    y0: number,
    x1: number,
    y1: number,
    shader: Shader,
    opacity = 1,
    aa = AA_RAMP,
  ): void {
    const { size, colour } = this;
    const [i0, i1] = this.span(x0, x1),
      [j0, j1] = this.span(y0, y1);
    for (let j = j0; j <= j1; j++) {
      for (let i = i0; i <= i1; i++) {
        const d = field[j * size + i]!;
        const a = rampCoverage(d, aa) * opacity;
        if (a <= 0) continue;
        shader(i + 0.5, j + 0.5, d, colour);
        this.blend((j * size + i) * 3, colour[0]!, colour[1]!, colour[2]!, a);
      }
    }
  }

  /** Composites a solid colour through the shape `sdf` with anti-aliasing mode `aa`. */
  fill(
    sdf: Sdf,
    x0: number,
    y0: number,
    x1: number,
    y1: number,
    r: number,
    g: number,
    b: number,
    opacity = 1,
    aa = AA_RAMP,
  ): void {
    const size = this.size;
    const [i0, i1] = this.span(x0, x1),
      [j0, j1] = this.span(y0, y1);
    for (let j = j0; j <= j1; j++) {
      for (let i = i0; i <= i1; i++) {
        const a = coverage(sdf, i + 0.5, j + 0.5, aa) * opacity;
        if (a > 0) this.blend((j * size + i) * 3, r, g, b, a);
      }
    }
  }

  /** Like `fill`, with the colour from `shader` at each covered pixel centre. */
  fillShaded(
    sdf: Sdf,
    x0: number,
    y0: number,
    x1: number,
    y1: number,
    shader: Shader,
    opacity = 1,
    aa = AA_RAMP,
  ): void {
    const { size, colour } = this;
    const [i0, i1] = this.span(x0, x1),
      [j0, j1] = this.span(y0, y1);
    for (let j = j0; j <= j1; j++) {
      for (let i = i0; i <= i1; i++) {
        const a = coverage(sdf, i + 0.5, j + 0.5, aa) * opacity;
        if (a <= 0) continue;
        shader(i + 0.5, j + 0.5, 0, colour);
        this.blend((j * size + i) * 3, colour[0]!, colour[1]!, colour[2]!, a);
      }
    }
  }

  /**
   * A stroke of half-width `w` around the curve whose unsigned distance is `dist`. Coverage
   * is the overlap of the stroke's cross-section with the pixel, so strokes thinner than a
   * pixel fade instead of snapping, and thickness changes smoothly.
   */
  stroke(
    dist: Sdf,
    w: number,
    x0: number,
    y0: number,
    x1: number,
    y1: number,
    r: number,
    g: number,
    b: number,
    opacity = 1,
  ): void {
    this.strokeTapered(dist, () => w, w, x0, y0, x1, y1, r, g, b, opacity);
  }

  /**
   * Like `stroke`, with the half-width `width(x, y)` (at most `wMax`) varying along the
   * curve, e.g. for a stroke that tapers towards one end.
   */
  strokeTapered(
    dist: Sdf,
    width: Sdf,
    wMax: number,
    x0: number,
    y0: number,
    x1: number,
    y1: number,
    r: number,
    g: number,
    b: number,
    opacity = 1,
  ): void {
    const size = this.size;
    const [i0, i1] = this.span(x0 - wMax, x1 + wMax),
      [j0, j1] = this.span(y0 - wMax, y1 + wMax);
    for (let j = j0; j <= j1; j++) {
      for (let i = i0; i <= i1; i++) {
        const x = i + 0.5,
          y = j + 0.5;
        const d = dist(x, y),
          w = width(x, y);
        const hi = d + w < 0.5 ? d + w : 0.5,
          lo = d - w > -0.5 ? d - w : -0.5;
        const a = (hi - lo > 1 ? 1 : hi - lo) * opacity;
        if (a > 0) this.blend((j * size + i) * 3, r, g, b, a);
      }
    }
  }

  /**
   * The region xa < x < xb between the curves y = top(x) and y = bottom(x), with exact
   * coverage across the span's ends and vertical coverage measured at each pixel's centre
   * column (right for gently sloping edges).
   */
  fillBetween(
    xa: number,
    xb: number,
    top: (x: number) => number,
    bottom: (x: number) => number,
    r: number,
    g: number,
    b: number,
    opacity = 1,
  ): void {
    const size = this.size;
    const [i0, i1] = this.span(xa + 1, xb);
    for (let i = i0; i <= i1; i++) {
      const cx = i + 0.5;
      const ax = Math.min(xb, i + 1) - Math.max(xa, i);
      if (ax <= 0) continue;
      const t = top(cx),
        bt = bottom(cx);
      if (bt <= t) continue;
      const [j0, j1] = this.span(t + 1, bt);
      for (let j = j0; j <= j1; j++) {
        const ay = Math.min(bt, j + 1) - Math.max(t, j);
        if (ay > 0) this.blend((j * size + i) * 3, r, g, b, ax * ay * opacity);
      }
    }
  }

  /** Copies the buffer, clamped to [0, 1], into `out` starting at `offset`. */
  writeTo(out: Float32Array, offset = 0): void {
    const { rgb } = this;
    for (let k = 0; k < rgb.length; k++) {
      const v = rgb[k]!;
      out[offset + k] = v <= 0 ? 0 : v >= 1 ? 1 : v;
    }
  }
}

// ---------------------------------------------------------------------------------------
// Signed distance functions (exact unless noted), all in pixels.

/** Circle of radius r at (cx, cy). */
export function sdCircle(x: number, y: number, cx: number, cy: number, r: number): number {
  const dx = x - cx,
    dy = y - cy;
  return Math.sqrt(dx * dx + dy * dy) - r;
}

/**
 * Axis-aligned ellipse with radii (rx, ry) centred at the origin of (px, py); a first-order
 * approximation, accurate to a few per cent near the boundary (Quílez's "cheap ellipse").
 */
export function sdEllipse(px: number, py: number, rx: number, ry: number): number {
  const ux = px / rx,
    uy = py / ry;
  const k0 = Math.sqrt(ux * ux + uy * uy);
  const vx = ux / rx,
    vy = uy / ry;
  const k1 = Math.sqrt(vx * vx + vy * vy);
  if (k1 === 0) return -Math.min(rx, ry);
  return (k0 * (k0 - 1)) / k1;
}

/** Rounded box centred at the origin of (px, py) with half-sizes (hw, hh) and corner radius r. */
export function sdBox(px: number, py: number, hw: number, hh: number, r: number): number {
  const qx = Math.abs(px) - hw + r,
    qy = Math.abs(py) - hh + r;
  const ox = qx > 0 ? qx : 0,
    oy = qy > 0 ? qy : 0;
  return Math.sqrt(ox * ox + oy * oy) + Math.min(Math.max(qx, qy), 0) - r;
}

/** Distance to the segment from (ax, ay) to (bx, by) (subtract a radius for a capsule). */
export function sdSegment(
  x: number,
  y: number,
  ax: number,
  ay: number,
  bx: number,
  by: number,
): number {
  const pax = x - ax,
    pay = y - ay,
    bax = bx - ax,
    bay = by - ay;
  let h = (pax * bax + pay * bay) / (bax * bax + bay * bay);
  h = h < 0 ? 0 : h > 1 ? 1 : h;
  const dx = pax - bax * h,
    dy = pay - bay * h;
  return Math.sqrt(dx * dx + dy * dy);
}

/** Distance to a polyline given as flat [x0, y0, x1, y1, …]. */
export function sdPolyline(x: number, y: number, pts: ArrayLike<number>): number {
  let d = Infinity;
  for (let k = 0; k + 3 < pts.length; k += 2) {
    const s = sdSegment(x, y, pts[k]!, pts[k + 1]!, pts[k + 2]!, pts[k + 3]!);
    if (s < d) d = s;
  }
  return d;
}

// ---------------------------------------------------------------------------------------
// Colour. Roots by Newton's method (pure arithmetic, so identical everywhere) instead of
// Math.pow/Math.cbrt, whose last bits may differ between engines.

/** Cube root of x ≥ 0. */
export function cbrt(x: number): number {
  if (x <= 0) return 0;
  let y = x > 1 ? x : 1; // start above the root: Newton then descends monotonically
  for (let i = 0; i < 200; i++) {
    const next = (2 * y + x / (y * y)) / 3;
    if (!(next < y)) break;
    y = next;
  }
  return y;
}

/** Fifth root of x ≥ 0. */
function root5(x: number): number {
  if (x <= 0) return 0;
  let y = x > 1 ? x : 1;
  for (let i = 0; i < 400; i++) {
    const y2 = y * y;
    const next = (4 * y + x / (y2 * y2)) / 5;
    if (!(next < y)) break;
    y = next;
  }
  return y;
}

/** sRGB transfer: encoded value in [0, 1] → linear light. */
export function srgbToLinear(c: number): number {
  if (c <= 0.04045) return c / 12.92;
  const t = (c + 0.055) / 1.055;
  return t * t * root5(t * t); // t^2.4
}

/** Linear light → sRGB encoded value in [0, 1]. */
export function linearToSrgb(c: number): number {
  if (c <= 0.0031308) return c <= 0 ? 0 : 12.92 * c;
  const c5 = c * c * c * c * c;
  const v = 1.055 * Math.sqrt(Math.sqrt(cbrt(c5))) - 0.055; // c^(5/12) = c^(1/2.4)
  return v >= 1 ? 1 : v;
}

/** sRGB triple in [0, 1] → OKLab [L, a, b] (Ottosson 2020). */
export function srgbToOklab(rgb: readonly [number, number, number]): [number, number, number] {
  const r = srgbToLinear(rgb[0]),
    g = srgbToLinear(rgb[1]),
    b = srgbToLinear(rgb[2]);
  const l = cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
  const m = cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
  const s = cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
  return [
    0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s,
    1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s,
    0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s,
  ];
}

/** OKLab [L, a, b] → sRGB triple, clamped to [0, 1]. */
export function oklabToSrgb(lab: readonly [number, number, number]): [number, number, number] {
  const l = lab[0] + 0.3963377774 * lab[1] + 0.2158037573 * lab[2];
  const m = lab[0] - 0.1055613458 * lab[1] - 0.0638541728 * lab[2];
  const s = lab[0] - 0.0894841775 * lab[1] - 1.291485548 * lab[2];
  const l3 = l * l * l,
    m3 = m * m * m,
    s3 = s * s * s;
  return [
    linearToSrgb(4.0767416621 * l3 - 3.3077115913 * m3 + 0.2309699292 * s3),
    linearToSrgb(-1.2684380046 * l3 + 2.6097574011 * m3 - 0.3413193965 * s3),
    linearToSrgb(-0.0041960863 * l3 - 0.7034186147 * m3 + 1.707614701 * s3),
  ];
}

/** Linear interpolation of two colours (any space). */
export function mix(
  a: readonly [number, number, number],
  b: readonly [number, number, number],
  t: number,
): [number, number, number] {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}
