import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { factorShares } from '../../../src/data/headshotLabels.ts';
import {
  BACKDROPS,
  EYE_COLOURS,
  FREQUENCIES,
  HAIR_COLOURS,
  HAIR_STYLES,
  IMAGE_LENGTH,
  SIZE,
  TEST_SEEDS,
  TRAIN_SEEDS,
  headshot,
  headshotBatch,
  renderHeadshot,
  sampleFactors,
  toRgba8,
  type HeadshotFactors,
} from '../../../src/data/headshots.ts';

const sha256 = (pixels: Float32Array) =>
  createHash('sha256')
    .update(new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength))
    .digest('hex');

/** Golden hashes of the pixels of three images; update only on purpose (the data set changes). */
const GOLDEN: Record<number, string> = {
  0: '659d0b4b29f2748202460666868c8a20cd556b7e243fd2141e80113ec96194bf',
  1: 'bc3e9c65faf8f96ca7fda872d915418c74d3c471ebddb9159e7bde23add28849',
  1_000_000: '416f7684987c2f86e84bc25f52f15f90293e5d528f9b97d08e43e529f1a8b4d3',
};
const GOLDEN_BATCH_64 = 'df4e9f776a4c6fe31e813636a111491372b10ffb46971cbd196d185c90c27dad';

describe('headshots: determinism and shape', () => {
  test('the same seed gives bit-identical pixels and factors', () => {
    for (const seed of [0, 7, 123_456]) {
      const a = headshot(seed),
        b = headshot(seed);
      expect(sha256(a.pixels)).toBe(sha256(b.pixels));
      expect(a.factors).toEqual(b.factors);
    }
  });

  test('golden hashes for fixed seeds', () => {
    for (const [seed, hash] of Object.entries(GOLDEN)) {
      expect(sha256(headshot(Number(seed)).pixels), `seed ${seed}`).toBe(hash);
    }
  });

  test('golden hash of the first 64 training images (every hair style, with and without glasses)', () => {
    const { pixels, factors } = headshotBatch(TRAIN_SEEDS.first, 64);
    expect(new Set(factors.map((f) => f.hairStyle)).size).toBe(HAIR_STYLES.length);
    expect(new Set(factors.map((f) => f.glasses)).size).toBe(2);
    expect(sha256(pixels)).toBe(GOLDEN_BATCH_64);
  });

  test('32×32×3 pixels, all finite and in [0, 1]', () => {
    expect(SIZE).toBe(32);
    expect(IMAGE_LENGTH).toBe(32 * 32 * 3);
    const { pixels, factors } = headshotBatch(TRAIN_SEEDS.first, 300);
    expect(pixels.length).toBe(300 * 32 * 32 * 3);
    expect(factors.length).toBe(300);
    let bad = 0;
    for (const v of pixels) if (!Number.isFinite(v) || v < 0 || v > 1) bad++;
    expect(bad).toBe(0);
  });

  test('a batch is the concatenation of single images', () => {
    const batch = headshotBatch(41, 3);
    for (let i = 0; i < 3; i++) {
      const one = headshot(41 + i);
      const slice = batch.pixels.subarray(i * IMAGE_LENGTH, (i + 1) * IMAGE_LENGTH);
      expect(sha256(slice)).toBe(sha256(one.pixels));
      expect(batch.factors[i]).toEqual(one.factors);
    }
  });

  test('renderHeadshot fills and returns the given buffer; the nuisance seed only moves things', () => {
    const f = sampleFactors(3);
    const out = new Float32Array(IMAGE_LENGTH);
    expect(renderHeadshot(f, 3, out)).toBe(out);
    expect(sha256(out)).toBe(sha256(headshot(3).pixels));
    expect(sha256(renderHeadshot(f))).toBe(sha256(renderHeadshot(f)));
  });

  test('toRgba8 gives opaque 8-bit pixels of any image in a batch', () => {
    const { pixels } = headshotBatch(10, 2);
    const rgba = toRgba8(pixels, 1);
    expect(rgba.length).toBe(32 * 32 * 4);
    for (let p = 0; p < 32 * 32; p++) {
      expect(rgba[4 * p + 3]).toBe(255);
      expect(rgba[4 * p]).toBe(Math.round(pixels[IMAGE_LENGTH + 3 * p]! * 255));
    }
    expect(toRgba8(pixels)).toEqual(toRgba8(headshot(10).pixels));
  });
});

describe('headshots: factors', () => {
  const N = 20_000;
  const samples = Array.from({ length: N }, (_, i) => sampleFactors(TRAIN_SEEDS.first + i));

  test('every factor is in range', () => {
    const valid = (f: HeadshotFactors) =>
      [f.faceShape, f.skinTone, f.brows, f.smile].every((x) => x >= 0 && x <= 1) &&
      EYE_COLOURS.includes(f.eyeColour) &&
      HAIR_STYLES.includes(f.hairStyle) &&
      HAIR_COLOURS.includes(f.hairColour) &&
      BACKDROPS.includes(f.backdrop) &&
      typeof f.glasses === 'boolean' &&
      Object.keys(f).length === 9;
    expect(samples.filter((f) => !valid(f))).toEqual([]);
  });

  test('documented frequencies sum to 1 and match 20,000 samples within ±0.02', () => {
    const check = (name: keyof typeof FREQUENCIES, value: (f: HeadshotFactors) => string) => {
      const table: Record<string, number> = FREQUENCIES[name];
      expect(Object.values(table).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      const counts = new Map<string, number>();
      for (const f of samples) counts.set(value(f), (counts.get(value(f)) ?? 0) + 1);
      expect([...counts.keys()].sort()).toEqual(Object.keys(table).sort());
      for (const [v, p] of Object.entries(table)) {
        expect(Math.abs((counts.get(v) ?? 0) / N - p), `${name} = ${v}`).toBeLessThan(0.02);
      }
    };
    check('eyeColour', (f) => f.eyeColour);
    check('hairStyle', (f) => f.hairStyle);
    check('hairColour', (f) => f.hairColour);
    check('backdrop', (f) => f.backdrop);
    check('glasses', (f) => String(f.glasses));
  });

  test('continuous factors cover [0, 1] with their documented means', () => {
    const means = { faceShape: 0.5, skinTone: 0.5, brows: 0.4, smile: 0.6 }; // Beta(2,2), (2,3), (3,2)
    for (const [k, mean] of Object.entries(means) as [keyof typeof means, number][]) {
      const xs = samples.map((f) => f[k]);
      expect(Math.min(...xs), k).toBeLessThan(0.05);
      expect(Math.max(...xs), k).toBeGreaterThan(0.95);
      expect(Math.abs(xs.reduce((a, b) => a + b, 0) / N - mean), k).toBeLessThan(0.01);
    }
  });

  test('categorical factors are independent of each other (no hidden coupling)', () => {
    // P(blue eyes | hair colour) ≈ P(blue eyes) for the common hair colours.
    for (const hair of ['black', 'brown'] as const) {
      const group = samples.filter((f) => f.hairColour === hair);
      const blue = group.filter((f) => f.eyeColour === 'blue').length / group.length;
      expect(Math.abs(blue - FREQUENCIES.eyeColour.blue)).toBeLessThan(0.03);
    }
  });
});

describe('headshots: every factor shows in the pixels', () => {
  const base: HeadshotFactors = {
    faceShape: 0.5,
    skinTone: 0.5,
    eyeColour: 'dark-brown',
    brows: 0.5,
    hairStyle: 'short',
    hairColour: 'brown',
    smile: 0.5,
    glasses: false,
    backdrop: 'slate',
  };

  /** Mean absolute difference over all values, and pixels whose largest channel moved > 0.05. */
  function change(a: Partial<HeadshotFactors>, b: Partial<HeadshotFactors>) {
    const p = renderHeadshot({ ...base, ...a }),
      q = renderHeadshot({ ...base, ...b });
    let sum = 0,
      pixels = 0;
    for (let i = 0; i < p.length; i += 3) {
      let most = 0;
      for (let c = 0; c < 3; c++) {
        const d = Math.abs(p[i + c]! - q[i + c]!);
        sum += d;
        most = Math.max(most, d);
      }
      if (most > 0.05) pixels++;
    }
    return { mean: sum / p.length, pixels };
  }

  // Thresholds sit at roughly half the smallest change the renderer makes today, so a
  // regression that hides a factor fails. Eye colour only touches the two 2×2 irises.
  const cases: [keyof HeadshotFactors, readonly unknown[], number, number][] = [
    ['eyeColour', EYE_COLOURS, 0.0005, 8],
    ['hairStyle', HAIR_STYLES, 0.004, 40],
    ['hairColour', HAIR_COLOURS, 0.005, 60],
    ['backdrop', BACKDROPS, 0.015, 300],
    ['glasses', [false, true], 0.003, 30],
  ];
  for (const [factor, values, minMean, minPixels] of cases) {
    test(`${factor}: every pair of values differs`, () => {
      for (let i = 0; i < values.length; i++) {
        for (let j = i + 1; j < values.length; j++) {
          const c = change({ [factor]: values[i] }, { [factor]: values[j] });
          const label = `${factor}: ${String(values[i])} vs ${String(values[j])}`;
          expect(c.mean, label).toBeGreaterThan(minMean);
          expect(c.pixels, label).toBeGreaterThanOrEqual(minPixels);
        }
      }
    });
  }

  const continuous: [keyof HeadshotFactors, number, number][] = [
    ['faceShape', 0.012, 100],
    ['skinTone', 0.05, 150],
    ['brows', 0.003, 15],
    ['smile', 0.002, 10],
  ];
  for (const [factor, minMean, minPixels] of continuous) {
    test(`${factor}: 0 and 1 differ, and the change is gradual`, () => {
      const c = change({ [factor]: 0 }, { [factor]: 1 });
      expect(c.mean).toBeGreaterThan(minMean);
      expect(c.pixels).toBeGreaterThanOrEqual(minPixels);
      // Halfway is between the ends: closer to each end than the ends are to each other.
      const half = change({ [factor]: 0 }, { [factor]: 0.5 }).mean;
      expect(half).toBeGreaterThan(0);
      expect(half).toBeLessThan(c.mean);
    });
  }

  test('nuisance variation moves the image without touching the factors', () => {
    const f = sampleFactors(5);
    const moved = [1, 2, 3, 4].map((seed) => sha256(renderHeadshot(f, seed)));
    expect(new Set(moved).size).toBeGreaterThan(1);
    expect(headshot(5).factors).toEqual(f);
  });
});

describe('headshots: train/test split', () => {
  test('seed ranges are disjoint and sized as documented', () => {
    expect(TRAIN_SEEDS).toEqual({ first: 0, count: 100_000 });
    expect(TEST_SEEDS).toEqual({ first: 1_000_000, count: 10_000 });
    const trainEnd = TRAIN_SEEDS.first + TRAIN_SEEDS.count;
    const testEnd = TEST_SEEDS.first + TEST_SEEDS.count;
    expect(trainEnd <= TEST_SEEDS.first || testEnd <= TRAIN_SEEDS.first).toBe(true);
  });

  test('the first test images are not copies of training images', () => {
    const train = new Set(
      Array.from({ length: 2000 }, (_, i) => sha256(headshot(TRAIN_SEEDS.first + i).pixels)),
    );
    for (let i = 0; i < 50; i++) {
      expect(train.has(sha256(headshot(TEST_SEEDS.first + i).pixels))).toBe(false);
    }
  });
});

describe('factorShares', () => {
  test('gives shares that sum to 1 per factor and sit near the recipe', () => {
    const charts = factorShares(4000);
    expect(charts.map((c) => c.title)).toEqual([
      'Eye colour',
      'Hair style',
      'Hair colour',
      'Glasses',
    ]);
    for (const { bars } of charts) {
      expect(bars.reduce((sum, b) => sum + b.value, 0)).toBeCloseTo(1, 9);
      for (const bar of bars) expect(Math.abs(bar.value - bar.reference)).toBeLessThan(0.03);
    }
    const eyes = charts[0]!.bars;
    expect(eyes[0]).toMatchObject({ label: 'dark brown', reference: 0.45 });
  });
});
