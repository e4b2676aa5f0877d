/**
 * "Tiny Headshots": a procedural data set of 32×32 RGB head-and-shoulders portraits on a
 * studio backdrop, drawn by a small anti-aliased SDF rasterizer (./raster.ts) with no
 * canvas, DOM or dependencies, so the same seed gives bit-identical pixels in Node and in
 * every browser. Every image comes with its ground-truth factors, which makes the set
 * useful for measuring what a VAE, GAN or diffusion model has learned.
 *
 * Factors, their values and how often each occurs. All nine are drawn independently of
 * one another (no correlations, so per-factor metrics stay simple); the frequencies are
 * loosely modelled on a mixed population rather than taken from any census:
 *
 * | factor       | values                                          | distribution             |
 * | ------------ | ----------------------------------------------- | ------------------------ |
 * | `faceShape`  | [0, 1]: round … egg-shaped (taller, thin chin)  | Beta(2, 2), mean 0.5     |
 * | `skinTone`   | [0, 1]: very light … deep brown (OKLab ramp)    | Beta(2, 2), mean 0.5     |
 * | `eyeColour`  | dark-brown / light-brown / blue / green / grey  | 45 / 15 / 18 / 10 / 12 % |
 * | `brows`      | [0, 1]: thin … thick eyebrows                   | Beta(2, 3), mean 0.4     |
 * | `hairStyle`  | short / long / curly / bun / bald               | 35 / 30 / 15 / 10 / 10 % |
 * | `hairColour` | black / brown / blonde / red / grey             | 35 / 30 / 15 / 6 / 14 %  |
 * | `smile`      | [0, 1]: neutral closed mouth … broad open smile | Beta(3, 2), mean 0.6     |
 * | `glasses`    | true / false                                    | 30 / 70 %                |
 * | `backdrop`   | slate / sage / sand / rose / sky                | 30 / 20 / 20 / 15 / 15 % |
 *
 * Beta(a, b) with integer a, b is sampled exactly as the a-th smallest of a + b − 1
 * uniforms; a categorical value by one uniform against the cumulative table. Bald heads
 * keep a close-cropped fringe at the sides, and everyone's eyebrows take the hair colour,
 * so `hairColour` is visible for every style.
 *
 * Nuisance variation that is NOT a factor comes from a second stream of the same seed: the
 * head offset by −1, 0 or +1 px on each axis (25 / 50 / 25 %), a head scale uniform in
 * [0.96, 1.04], one of eight shirt colours, a crew or V neckline (60 / 40 %), the side of
 * the hair parting and one of four glasses-frame colours. Eyes stay on the pixel grid so
 * that their colour reads cleanly at 32×32.
 *
 * Layers, back to front: backdrop, shoulders and collar, hair (whole silhouette), neck,
 * ears, face, cheeks, nose, eyes, eyebrows, mouth, the hair's shadow on the forehead, hair
 * in front of the face, glasses.
 */
import { mulberry32 } from './random.ts';
import {
  AA_SUPER,
  Raster,
  mix,
  oklabToSrgb,
  sdBox,
  sdCircle,
  sdEllipse,
  sdPolyline,
  sdSegment,
  srgbToOklab,
} from './raster.ts';

/** Images are SIZE × SIZE pixels. */
export const SIZE = 32;
/** Floats per image: SIZE × SIZE × 3 (RGB, row-major, channels last). */
export const IMAGE_LENGTH = SIZE * SIZE * 3;

export const EYE_COLOURS = ['dark-brown', 'light-brown', 'blue', 'green', 'grey'] as const;
export const HAIR_STYLES = ['short', 'long', 'curly', 'bun', 'bald'] as const;
export const HAIR_COLOURS = ['black', 'brown', 'blonde', 'red', 'grey'] as const;
export const BACKDROPS = ['slate', 'sage', 'sand', 'rose', 'sky'] as const;

export type EyeColour = (typeof EYE_COLOURS)[number];
export type HairStyle = (typeof HAIR_STYLES)[number];
export type HairColour = (typeof HAIR_COLOURS)[number];
export type Backdrop = (typeof BACKDROPS)[number];

/** The probability of each categorical value (each record sums to 1); see the table above. */
export const FREQUENCIES: {
  readonly eyeColour: Readonly<Record<EyeColour, number>>;
  readonly hairStyle: Readonly<Record<HairStyle, number>>;
  readonly hairColour: Readonly<Record<HairColour, number>>;
  readonly backdrop: Readonly<Record<Backdrop, number>>;
  readonly glasses: Readonly<Record<'true' | 'false', number>>;
} = {
  eyeColour: { 'dark-brown': 0.45, 'light-brown': 0.15, blue: 0.18, green: 0.1, grey: 0.12 },
  hairStyle: { short: 0.35, long: 0.3, curly: 0.15, bun: 0.1, bald: 0.1 },
  hairColour: { black: 0.35, brown: 0.3, blonde: 0.15, red: 0.06, grey: 0.14 },
  backdrop: { slate: 0.3, sage: 0.2, sand: 0.2, rose: 0.15, sky: 0.15 },
  glasses: { true: 0.3, false: 0.7 },
};

/** The ground-truth factors of one headshot. */
export interface HeadshotFactors {
  /** 0 = round … 1 = egg-shaped (taller, narrower chin); continuous in [0, 1]. */
  faceShape: number;
  /** 0 = very light … 1 = deep brown along a realistic skin ramp; continuous in [0, 1]. */
  skinTone: number;
  eyeColour: EyeColour;
  /** Eyebrow thickness, 0 = thin … 1 = thick; continuous in [0, 1]. */
  brows: number;
  hairStyle: HairStyle;
  hairColour: HairColour;
  /** 0 = neutral closed mouth … 1 = broad open smile; continuous in [0, 1]. */
  smile: number;
  glasses: boolean;
  backdrop: Backdrop;
}

/** Training images are the seeds first … first + count − 1. */
export const TRAIN_SEEDS = { first: 0, count: 100_000 } as const;
/** Held-out test images: a disjoint seed range, far from the training seeds. */
export const TEST_SEEDS = { first: 1_000_000, count: 10_000 } as const;

// ---------------------------------------------------------------------------------------
// Sampling

type Rng = () => number;

/** Beta(a, b) for integers a, b ≥ 1: the a-th smallest of a + b − 1 uniforms. */
function betaInt(rng: Rng, a: number, b: number): number {
  const u: number[] = [];
  for (let i = 0; i < a + b - 1; i++) u.push(rng());
  u.sort((p, q) => p - q);
  return u[a - 1]!;
}

function pick<T extends string>(rng: Rng, values: readonly T[], p: Readonly<Record<T, number>>): T {
  const u = rng();
  let acc = 0;
  for (const v of values) {
    acc += p[v];
    if (u < acc) return v;
  }
  return values[values.length - 1]!;
}

/** The factors of image `seed`: deterministic, independent across factors. */
export function sampleFactors(seed: number): HeadshotFactors {
  const rng = mulberry32(seed);
  return {
    faceShape: betaInt(rng, 2, 2),
    skinTone: betaInt(rng, 2, 2),
    eyeColour: pick(rng, EYE_COLOURS, FREQUENCIES.eyeColour),
    brows: betaInt(rng, 2, 3),
    hairStyle: pick(rng, HAIR_STYLES, FREQUENCIES.hairStyle),
    hairColour: pick(rng, HAIR_COLOURS, FREQUENCIES.hairColour),
    smile: betaInt(rng, 3, 2),
    glasses: rng() < FREQUENCIES.glasses.true,
    backdrop: pick(rng, BACKDROPS, FREQUENCIES.backdrop),
  };
}

// ---------------------------------------------------------------------------------------
// Palette

type Rgb = readonly [number, number, number];

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

function skinColour(t: number): Rgb {
  const x = Math.min(Math.max(t, 0), 1) * (SKIN_STOPS.length - 1);
  const k = Math.min(Math.floor(x), SKIN_STOPS.length - 2);
  return oklabToSrgb(mix(SKIN_STOPS[k]!, SKIN_STOPS[k + 1]!, x - k));
}

const BACKDROP_RGB: Readonly<Record<Backdrop, Rgb>> = {
  slate: rgb255(98, 112, 132),
  sage: rgb255(152, 170, 142),
  sand: rgb255(214, 194, 160),
  rose: rgb255(210, 160, 162),
  sky: rgb255(148, 186, 222),
};

const HAIR_RGB: Readonly<Record<HairColour, Rgb>> = {
  black: rgb255(30, 24, 22),
  brown: rgb255(98, 62, 36),
  blonde: rgb255(218, 178, 110),
  red: rgb255(172, 72, 34),
  grey: rgb255(184, 184, 186),
};

const IRIS_RGB: Readonly<Record<EyeColour, Rgb>> = {
  'dark-brown': rgb255(72, 40, 22),
  'light-brown': rgb255(160, 104, 46),
  blue: rgb255(70, 132, 214),
  green: rgb255(76, 150, 86),
  grey: rgb255(122, 134, 146),
};

const SHIRTS: readonly Rgb[] = [
  rgb255(44, 56, 92), // navy
  rgb255(62, 64, 70), // charcoal
  rgb255(232, 228, 218), // cream
  rgb255(118, 38, 52), // burgundy
  rgb255(98, 108, 62), // olive
  rgb255(200, 152, 56), // mustard
  rgb255(38, 108, 114), // teal
  rgb255(82, 110, 156), // denim
];

const FRAMES: readonly Rgb[] = [
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
function browColour(hair: Rgb, skin: Rgb): Rgb {
  const h = srgbToOklab(hair),
    sk = srgbToOklab(skin);
  const l = Math.max(0.1, Math.min(0.8 * h[0], sk[0] - 0.32));
  const k = (0.35 + 0.65 * (l / h[0])) * 0.9; // deeper shades carry less chroma
  return oklabToSrgb([l, h[1] * k + 0.012, h[2] * k + 0.014]); // a touch of warmth
}

// ---------------------------------------------------------------------------------------
// Nuisance

interface Nuisance {
  dx: number;
  dy: number;
  scale: number;
  shirt: Rgb;
  vNeck: boolean;
  part: number; // −1: parting on the image's left, +1: right
  frame: Rgb;
}

const CANONICAL: Nuisance = {
  dx: 0,
  dy: 0,
  scale: 1,
  shirt: SHIRTS[0]!,
  vNeck: false,
  part: -1,
  frame: FRAMES[0]!,
};

function nuisance(seed: number | undefined): Nuisance {
  if (seed === undefined) return CANONICAL;
  const rng = mulberry32((seed ^ 0x5bd1e995) >>> 0);
  const offset = () => {
    const u = rng();
    return u < 0.25 ? -1 : u < 0.75 ? 0 : 1;
  };
  return {
    dx: offset(),
    dy: offset(),
    scale: 0.96 + 0.08 * rng(),
    shirt: SHIRTS[Math.floor(rng() * SHIRTS.length)]!,
    vNeck: rng() < 0.4,
    part: rng() < 0.5 ? -1 : 1,
    frame: FRAMES[Math.floor(rng() * FRAMES.length)]!,
  };
}

// ---------------------------------------------------------------------------------------
// Drawing

const clamp01 = (t: number) => (t <= 0 ? 0 : t >= 1 ? 1 : t);
const PIXELS = SIZE * SIZE;
const FAR = 1e3;

/** Angles of the curls round a curly head, from beside the jaw over the top to the other side. */
const CURL_COUNT = 13;
const CURL_COS = new Float64Array(CURL_COUNT);
const CURL_SIN = new Float64Array(CURL_COUNT);
for (let k = 0; k < CURL_COUNT; k++) {
  const a = ((140 + (260 * k) / (CURL_COUNT - 1)) * Math.PI) / 180;
  CURL_COS[k] = Math.cos(a);
  CURL_SIN[k] = Math.sin(a);
}

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

// Per-pixel signed distances shared between layers (reused across images).
const FACE = new Float64Array(PIXELS);
const HAIR = new Float64Array(PIXELS);
const FRONT = new Float64Array(PIXELS);
const SHADE = new Float64Array(PIXELS);

/** A hair style: its silhouette, and the part of the face it leaves uncovered. */
interface Hairdo {
  /** Signed distance to the whole silhouette, drawn behind the head. */
  shape: (x: number, y: number) => number;
  /** Signed distance to the visible face, given the distance `fd` to the face outline. */
  window: (x: number, y: number, fd: number) => number;
  /** Hair outside the window is drawn again in front of the face above this line. */
  frontCut: number;
  /** Bounding box of the silhouette. */
  box: [number, number, number, number];
}

function draw(R: Raster, f: HeadshotFactors, n: Nuisance): void {
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
  const style = f.hairStyle;
  const hair = HAIR_RGB[f.hairColour];

  R.rgb.set(backdropPixels(f.backdrop));

  // Shoulders.
  const shoulderY = chin + 2.4;
  const shirt = n.shirt;
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

  // The neckline (crew or V) and its collar, which long hair may cover.
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
  const collar = mix(shirt, [0, 0, 0], 0.35);
  R.fill(
    n.vNeck
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

  // Distances to the face outline: an ellipse whose lower half narrows towards the chin.
  const face = (x: number, y: number) => {
    const px = x - cx,
      py = y - cy;
    const t = py / ry;
    return sdEllipse(px, py, t > 0 ? rx * (1 - taper * t * t) : rx, ry);
  };
  const hd = hairdo(style, n.part, cx, cy, rx, ry, ey);
  const [hx0, hy0, hx1, hy1] = hd.box;
  FACE.fill(FAR);
  // Beyond a pixel outside the outline any distance > 0.5 acts alike, so FAR stands in there.
  R.sample(face, FACE, cx - rx - 1, top - 1, cx + rx + 1, chin + 1);

  // Hair behind the head.
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
  const hairShader = (x: number, y: number, _d: number, o: Float64Array) => {
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
  HAIR.fill(FAR);
  R.sample(hd.shape, HAIR, hx0, hy0, hx1, hy1);
  R.fillFieldShaded(HAIR, hx0, hy0, hx1, hy1, hairShader);
  if (style === 'bun') {
    // The tie where the knot meets the head.
    const tie = mix(hc, [0, 0, 0], 0.55);
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

  // Neck, in shadow under the chin, in front of any hair that falls behind it.
  R.fillShaded(neckShape, cx - neckW, chin - 2, cx + neckW, neckBottom, (_x, y, _d, o) => {
    const k = 0.72 + 0.16 * clamp01((y - chin + 1) / 3);
    o[0] = skin[0] * k;
    o[1] = skin[1] * k;
    o[2] = skin[2] * k;
  });

  // Ears.
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

  // Face: lit from the upper left, with a soft darker rim.
  R.fillFieldShaded(FACE, cx - rx, top, cx + rx, chin, (x, y, d, o) => {
    const lx = (x - cx) / rx,
      ly = (y - cy) / ry;
    const k = 1.04 - 0.06 * lx - 0.05 * ly - 0.12 * clamp01(1 + d / 2.5);
    o[0] = skin[0] * k;
    o[1] = skin[1] * k;
    o[2] = skin[2] * k;
  });
  if (style === 'bald') {
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

  // Cheeks.
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
      0.1 + 0.06 * f.smile,
      2.5,
    );
  }

  // Nose: a shadow on the right of the bridge and under the tip.
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

  // Eyes: socket shadow, almond sclera, a 2×2 iris with a darker pupil, lash line.
  const iris = IRIS_RGB[f.eyeColour];
  const lid = mix(skin, [0.1, 0.06, 0.05], 0.8);
  for (const side of [-1, 1]) {
    const ex = cx + side * 3;
    if (!f.glasses) {
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

  // Eyebrows: an arched stroke, full over the eye and tapering to the outer tail, whose
  // width is the `brows` factor (0.7 … 2.2 px, growing mostly upwards, away from glasses
  // frames). Their colour is the hair colour, darkened well below the skin's lightness.
  const brow = browColour(hair, skin);
  const bw = 0.35 + 0.75 * f.brows; // half-width over the eye
  const blen = 0.4 * f.brows; // thicker brows also reach a little further
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

  // Mouth: a line on one pixel row whose corners lift with the smile (a U); past 0.5 it
  // opens into a D, flat on top with a row of teeth, the lower lip curving away below.
  const sm = f.smile;
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

  // Hair in front of the face, with its soft shadow on the forehead.
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
  R.fillFieldShaded(FRONT, i0, frontTop, i1, frontBottom, hairShader);

  // Glasses: two rounded frames with a lighter lower rim, and the arms.
  if (f.glasses) {
    const fr = n.frame;
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
}

/** The silhouette and hairline of each style. */
function hairdo(
  style: HairStyle,
  part: number,
  cx: number,
  cy: number,
  rx: number,
  ry: number,
  ey: number,
): Hairdo {
  const top = cy - ry,
    chin = cy + ry;
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

const raster = new Raster(SIZE);

function renderInto(f: HeadshotFactors, nz: Nuisance, out: Float32Array, offset: number): void {
  draw(raster, f, nz);
  raster.writeTo(out, offset);
}

/**
 * Draws one headshot. Without `nuisanceSeed` the pose is canonical (centred, unit scale,
 * navy crew-neck shirt), which is what the factor sweeps in figures want.
 * @returns `out` (a new Float32Array(32·32·3) if omitted): RGB in [0, 1], row-major HWC.
 */
export function renderHeadshot(
  f: HeadshotFactors,
  nuisanceSeed?: number,
  out: Float32Array = new Float32Array(IMAGE_LENGTH),
): Float32Array {
  renderInto(f, nuisance(nuisanceSeed), out, 0);
  return out;
}

/** Image `seed` of the data set: its factors and its pixels (32·32·3, RGB in [0, 1], HWC). */
export function headshot(seed: number): { pixels: Float32Array; factors: HeadshotFactors } {
  const factors = sampleFactors(seed);
  return { pixels: renderHeadshot(factors, seed), factors };
}

/**
 * Images firstSeed … firstSeed + n − 1 in one buffer.
 * @returns `pixels`: n·32·32·3 floats (NHWC, RGB in [0, 1]) and the n factor records.
 */
export function headshotBatch(
  firstSeed: number,
  n: number,
): { pixels: Float32Array; factors: HeadshotFactors[] } {
  const pixels = new Float32Array(n * IMAGE_LENGTH);
  const factors: HeadshotFactors[] = [];
  for (let i = 0; i < n; i++) {
    const seed = firstSeed + i;
    const f = sampleFactors(seed);
    renderInto(f, nuisance(seed), pixels, i * IMAGE_LENGTH);
    factors.push(f);
  }
  return { pixels, factors };
}

/**
 * Image `index` of `pixels` (one image or a batch) as 8-bit RGBA, ready for `new ImageData`.
 * @returns 32·32·4 bytes, alpha 255.
 */
export function toRgba8(pixels: Float32Array, index = 0): Uint8ClampedArray {
  const out = new Uint8ClampedArray(SIZE * SIZE * 4);
  const base = index * IMAGE_LENGTH;
  for (let p = 0; p < SIZE * SIZE; p++) {
    out[4 * p] = Math.round(pixels[base + 3 * p]! * 255);
    out[4 * p + 1] = Math.round(pixels[base + 3 * p + 1]! * 255);
    out[4 * p + 2] = Math.round(pixels[base + 3 * p + 2]! * 255);
    out[4 * p + 3] = 255;
  }
  return out;
}
