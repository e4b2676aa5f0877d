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
 * in front of the face, glasses. They are drawn by ./headshots/draw.ts from the shared
 * geometry in ./headshots/layout.ts, one function per layer (body.ts, hair.ts, face.ts,
 * eyes.ts), in the colours of ./headshots/palette.ts.
 */
import { draw } from './headshots/draw.ts';
import { type Nuisance, SIZE, faceLayout } from './headshots/layout.ts';
import { FRAMES, SHIRTS } from './headshots/palette.ts';
import { mulberry32 } from './random.ts';
import { Raster } from './raster.ts';

/** Images are SIZE × SIZE pixels. */
export { SIZE };
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
// Nuisance

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
// Rendering (the drawing itself is in ./headshots/)

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

/**
 * Where image `seed` has its eyes: 1 on each eye's 6×4 pixels (the iris, the sclera around it
 * and the lash line), 0 elsewhere, SIZE·SIZE floats row-major. An iris is only 2×2 pixels, so
 * a loss summed over the whole face barely notices a wrong eye colour; trainers weight these
 * pixels up (see scripts/trainers/ldmAeStage.ts).
 */
export function eyeMask(seed: number, out: Float32Array = new Float32Array(SIZE * SIZE)) {
  const { cx, ey } = faceLayout(sampleFactors(seed), nuisance(seed));
  out.fill(0);
  for (const ex of [cx - 3, cx + 3])
    for (let y = ey - 2; y < ey + 2; y++)
      for (let x = ex - 3; x < ex + 3; x++)
        if (x >= 0 && y >= 0 && x < SIZE && y < SIZE) out[y * SIZE + x] = 1;
  return out;
}
