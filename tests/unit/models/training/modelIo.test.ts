import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  encodeFloat16,
  float32BitsToFloat16Bits,
  loadWeightsFromDir,
  readWeightsDir,
  saveWeights,
} from '../../../../src/models/training/io.ts';
import {
  loadWeightsFromUrl,
  resolveAgainst,
  type FetchLike,
} from '../../../../src/models/training/weightsUrl.ts';

let dir: string;
let root: string;
let sha: string;

/** Float32 values that survive only a bit-exact round trip. */
const SPECIAL = [0, -0, 1, -1, NaN, Infinity, 1e-30, -3.4e38, 3.4e38, 1.17549435e-38, 0.1, Math.PI];

function float32Values(size: number, seed: number): Float32Array {
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = SPECIAL[(i + seed) % SPECIAL.length]! * (1 + i / 7);
  return out;
}

const SHAPES: Array<[string, number[]]> = [
  ['enc/conv1/kernel', [3, 3, 3, 16]],
  ['enc/conv1/bias', [16]],
  ['dense/kernel', [7, 5]],
  ['scale', []],
  ['odd', [1, 2, 3, 1, 2]],
];

function makeWeights() {
  return SHAPES.map(([name, shape], k) => ({
    name,
    tensor: tf.tensor(float32Values(tf.util.sizeFromShape(shape), k), shape, 'float32'),
  }));
}

/** Bit patterns, so −0 ≠ 0 and every float32 is compared exactly. */
function bits(t: tf.Tensor): number[] {
  return Array.from(new Uint32Array((t.dataSync() as Float32Array).slice().buffer));
}

beforeAll(async () => {
  expect(await tf.setBackend('cpu')).toBe(true);
  root = await mkdtemp(join(tmpdir(), 'p2p-model-io-'));
  dir = join(root, 'models', 'vae');
  const weights = makeWeights();
  sha = await saveWeights(dir, weights, { kind: 'vae', latent: 8, trainedSteps: 1200 });
  tf.dispose(weights.map((w) => w.tensor));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('saveWeights', () => {
  test('writes a weights-only model.json with the manifest and the extra fields', async () => {
    const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
    expect(json.format).toBe('weights-only');
    expect(json.kind).toBe('vae');
    expect(json.latent).toBe(8);
    expect(json.weightsManifest).toHaveLength(1);
    expect(json.weightsManifest[0].paths).toEqual(['weights.bin']);
    expect(json.weightsManifest[0].weights).toEqual(
      SHAPES.map(([name, shape]) => ({ name, shape, dtype: 'float32' })),
    );
  });

  test('returns the SHA-256 of weights.bin, which holds exactly the float32 bytes', async () => {
    const bin = await readFile(join(dir, 'weights.bin'));
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    expect(sha).toBe(createHash('sha256').update(bin).digest('hex'));
    const floats = SHAPES.reduce((n, [, shape]) => n + tf.util.sizeFromShape(shape), 0);
    expect(bin.byteLength).toBe(4 * floats);
  });

  test('refuses duplicate names and extra fields that would overwrite the manifest', async () => {
    const t = tf.scalar(1);
    await expect(
      saveWeights(join(root, 'dup'), [
        { name: 'a', tensor: t },
        { name: 'a', tensor: t },
      ]),
    ).rejects.toThrow(/two weights/);
    await expect(
      saveWeights(join(root, 'bad'), [{ name: 'a', tensor: t }], { weightsManifest: [] }),
    ).rejects.toThrow(/weightsManifest/);
    t.dispose();
  });
});

describe('loadWeightsFromDir', () => {
  test('round-trips every tensor bit for bit, with names, shapes and dtypes', async () => {
    const loaded = await loadWeightsFromDir(dir);
    const expected = makeWeights();
    expect(Object.keys(loaded).sort()).toEqual(SHAPES.map(([name]) => name).sort());
    for (const { name, tensor } of expected) {
      const got = loaded[name]!;
      expect(got.shape, name).toEqual(tensor.shape);
      expect(got.dtype, name).toBe('float32');
      expect(bits(got), name).toEqual(bits(tensor));
    }
    tf.dispose([...Object.values(loaded), ...expected.map((w) => w.tensor)]);
  });

  test('also returns the extra metadata', async () => {
    const { modelJson, weights } = await readWeightsDir(dir);
    expect(modelJson['trainedSteps']).toBe(1200);
    tf.dispose(Object.values(weights));
  });

  test('rejects a weights file of the wrong size', async () => {
    const other = join(root, 'short');
    await saveWeights(other, [{ name: 'w', tensor: tf.zeros([4]) }]);
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(other, 'weights.bin'), new Uint8Array(12));
    await expect(loadWeightsFromDir(other)).rejects.toThrow(/12 bytes but the manifest needs 16/);
  });
});

/** Serves `root` at https://example.test/ and relative to the site root, recording URLs. */
function fakeFetch(requested: string[]): FetchLike {
  return async (url: string) => {
    requested.push(url);
    const path = url.replace(/^https:\/\/example\.test/, '').replace(/[?#].*$/, '');
    try {
      const body = await readFile(join(root, path));
      return new Response(new Uint8Array(body), { status: 200 });
    } catch {
      return new Response('not found', { status: 404 });
    }
  };
}

describe('loadWeightsFromUrl', () => {
  test('fetches model.json and weights.bin relative to it and decodes identical tensors', async () => {
    for (const url of [
      'https://example.test/models/vae/model.json',
      '/models/vae/model.json?v=3',
    ]) {
      const requested: string[] = [];
      const loaded = await loadWeightsFromUrl(url, fakeFetch(requested));
      expect(requested).toEqual([url, resolveAgainst(url, 'weights.bin')]);
      expect(requested[1]).toMatch(/\/models\/vae\/weights\.bin$/);
      const expected = makeWeights();
      for (const { name, tensor } of expected) {
        expect(loaded[name]!.shape, name).toEqual(tensor.shape);
        expect(bits(loaded[name]!), name).toEqual(bits(tensor));
      }
      tf.dispose([...Object.values(loaded), ...expected.map((w) => w.tensor)]);
    }
  });

  test('reports a missing file instead of decoding garbage', async () => {
    await expect(
      loadWeightsFromUrl('https://example.test/models/none/model.json', fakeFetch([])),
    ).rejects.toThrow(/HTTP 404/);
  });

  test('the files are what tfjs’s own tf.io weights loader reads', async () => {
    const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
    const load = tf.io.weightsLoaderFactory(async (paths: string[]) =>
      Promise.all(
        paths.map(async (p) => {
          const b = await readFile(join(root, p));
          return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
        }),
      ),
    );
    const loaded = await load(json.weightsManifest, 'models/vae/');
    const expected = makeWeights();
    for (const { name, tensor } of expected) {
      expect(bits(loaded[name]!), name).toEqual(bits(tensor));
    }
    tf.dispose([...Object.values(loaded), ...expected.map((w) => w.tensor)]);
  });

  test('resolveAgainst keeps absolute paths and strips queries from the base', () => {
    expect(resolveAgainst('https://a.test/x/model.json?v=1#h', 'w.bin')).toBe(
      'https://a.test/x/w.bin',
    );
    expect(resolveAgainst('model.json', 'w.bin')).toBe('w.bin');
    expect(resolveAgainst('/x/model.json', '/y/w.bin')).toBe('/y/w.bin');
    expect(resolveAgainst('/x/model.json', 'https://cdn.test/w.bin')).toBe(
      'https://cdn.test/w.bin',
    );
  });
});

/** A seeded PRNG (mulberry32) in [0, 1). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
function toBits(x: number): number {
  f32[0] = x;
  return u32[0]!;
}
function fromBits(b: number): number {
  u32[0] = b;
  return f32[0]!;
}
const toHalf = (x: number) => float32BitsToFloat16Bits(toBits(x));

/** Halves decoded by tfjs-core's own float16 decoder (what `tf.io.decodeWeights` runs). */
function decodeHalves(halves: Uint16Array): Float32Array {
  const spec: tf.io.WeightsManifestEntry = {
    name: 'h',
    shape: [halves.length],
    dtype: 'float32',
    quantization: { dtype: 'float16' },
  };
  const t = tf.io.decodeWeights(halves.slice().buffer, [spec])['h']!;
  const out = (t.dataSync() as Float32Array).slice();
  t.dispose();
  return out;
}

const ALL_HALVES = Uint16Array.from({ length: 0x10000 }, (_, i) => i);
const isNaNHalf = (h: number) => (h & 0x7c00) === 0x7c00 && (h & 0x3ff) !== 0;

describe('float16 encoding', () => {
  let decoded: Float32Array;
  let decodedBits: Uint32Array;
  beforeAll(() => {
    decoded = decodeHalves(ALL_HALVES);
    decodedBits = new Uint32Array(decoded.buffer);
  });

  test('every half converts back to its own bits (NaNs to a NaN of the same sign)', () => {
    const wrong: string[] = [];
    for (let h = 0; h < 0x10000; h++) {
      const back = float32BitsToFloat16Bits(decodedBits[h]!);
      const ok = isNaNHalf(h) ? isNaNHalf(back) && (back & 0x8000) === (h & 0x8000) : back === h;
      if (!ok) wrong.push(`${h.toString(16)} -> ${back.toString(16)}`);
    }
    expect(wrong).toEqual([]);
  });

  test('rounds to nearest with ties to even between every pair of neighbouring halves', () => {
    const wrong: string[] = [];
    /** The float32 next to `x`, one unit further from (+1) or nearer to (−1) zero. */
    const bump = (x: number, d: 1 | -1) => fromBits(toBits(x) + d);
    for (const sign of [0, 0x8000]) {
      // From +0 up to 65504 and Infinity (the tie between those two is 65520).
      for (let h = 0; h < 0x7c00; h++) {
        const a = decoded[sign | h]!;
        const b = decoded[sign | (h + 1)]!;
        const mid = h === 0x7bff ? (sign ? -65520 : 65520) : (a + b) / 2;
        if (Math.fround(mid) !== mid) wrong.push(`midpoint ${mid} is not a float32`);
        const even = h % 2 === 0 ? h : h + 1;
        const cases: Array<[number, number]> = [
          [mid, sign | even],
          [bump(mid, -1), sign | h],
          [bump(mid, 1), sign | (h + 1)],
        ];
        for (const [x, want] of cases) {
          const got = toHalf(x);
          if (got !== want) wrong.push(`${x}: ${got.toString(16)} ≠ ${want.toString(16)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  test('random float32s go to the nearest half (checked against a float64 reference)', () => {
    const next = random(11);
    /** Round half to even of a non-negative float64. */
    const rne = (y: number) => {
      const f = Math.floor(y);
      return y - f > 0.5 || (y - f === 0.5 && f % 2 === 1) ? f + 1 : f;
    };
    const reference = (x: number) => {
      const a = Math.abs(x);
      if (a >= 65520) return Math.sign(x) * Infinity;
      const exponent = Math.max(-14, ((toBits(a) >>> 23) & 0xff) - 127);
      const ulp = 2 ** (exponent - 10);
      return (x < 0 || Object.is(x, -0) ? -1 : 1) * rne(a / ulp) * ulp;
    };
    const wrong: string[] = [];
    for (let i = 0; i < 100_000; i++) {
      // Exponents around the half range (2⁻³⁰ … 2¹⁸), plus any float32 at all.
      const bits =
        i % 4 === 0
          ? Math.floor(next() * 2 ** 32)
          : ((next() < 0.5 ? 0x80000000 : 0) |
              ((97 + Math.floor(next() * 48)) << 23) |
              Math.floor(next() * 2 ** 23)) >>>
            0;
      const x = fromBits(bits);
      if (Number.isNaN(x)) continue;
      const got = decoded[float32BitsToFloat16Bits(bits)]!;
      if (!Object.is(got, reference(x))) wrong.push(`${x}: ${got} ≠ ${reference(x)}`);
    }
    expect(wrong).toEqual([]);
  });

  test('encodeFloat16 reads a Float32Array view at any offset', () => {
    const backing = new Float32Array([9, 1, -2, 0.5]);
    const view = new Float32Array(backing.buffer, 4, 3);
    expect(Array.from(encodeFloat16(view))).toEqual([0x3c00, 0xc000, 0x3800]);
  });
});

describe('saveWeights with quantize', () => {
  const next = random(5);
  const FLOATS: Array<[string, number[], () => number]> = [
    // Across the normal half range, 2⁻¹⁴ … 2¹⁵·⁹.
    ['normal', [4, 8, 16], () => (next() < 0.5 ? -1 : 1) * 2 ** (-14 + 29.9 * next())],
    ['small', [64], () => (next() < 0.125 ? 0 : (next() - 0.5) / 10)],
    ['positive', [32], () => 1000 + next()],
    ['constant', [2, 2], () => 3.25],
    ['one', [], () => 0.7],
  ];
  const floatValues = FLOATS.map(([, shape, gen]) =>
    Float32Array.from({ length: tf.util.sizeFromShape(shape) }, gen),
  );
  const INTS = [0, 1, -1, 2147483647, -2147483648, 123456789];
  const nFloats = floatValues.reduce((n, v) => n + v.length, 0);

  function makeQuantWeights() {
    return [
      ...FLOATS.map(([name, shape], i) => ({
        name,
        tensor: tf.tensor(floatValues[i]!, shape, 'float32'),
      })),
      { name: 'steps', tensor: tf.tensor1d(INTS, 'int32') },
    ];
  }

  const dirs = { exact: '', float16: '', uint8: '' };
  const shas = { exact: '', float16: '', uint8: '' };

  beforeAll(async () => {
    for (const mode of ['exact', 'float16', 'uint8'] as const) {
      dirs[mode] = join(root, 'models', `q-${mode}`);
      const weights = makeQuantWeights();
      shas[mode] = await saveWeights(
        dirs[mode],
        weights,
        { mode },
        { quantize: mode === 'exact' ? null : mode },
      );
      tf.dispose(weights.map((w) => w.tensor));
    }
  });

  async function specsOf(d: string): Promise<tf.io.WeightsManifestEntry[]> {
    return JSON.parse(await readFile(join(d, 'model.json'), 'utf8')).weightsManifest[0].weights;
  }

  test('float16 halves and uint8 quarters the float bytes; the SHA is of the bytes written', async () => {
    const sizes: Record<string, number> = {};
    for (const mode of ['exact', 'float16', 'uint8'] as const) {
      const bin = await readFile(join(dirs[mode], 'weights.bin'));
      expect(shas[mode], mode).toBe(createHash('sha256').update(bin).digest('hex'));
      sizes[mode] = bin.byteLength;
    }
    const intBytes = 4 * INTS.length;
    expect(sizes['exact']).toBe(4 * nFloats + intBytes);
    expect(sizes['float16']! - intBytes).toBe((sizes['exact']! - intBytes) / 2);
    expect(sizes['uint8']! - intBytes).toBe((sizes['exact']! - intBytes) / 4);
  });

  test('writes tfjs’s quantization specs: float16, or uint8 with min and scale', async () => {
    const f16 = await specsOf(dirs.float16);
    expect(f16).toEqual([
      ...FLOATS.map(([name, shape]) => ({
        name,
        shape,
        dtype: 'float32',
        quantization: { dtype: 'float16' },
      })),
      { name: 'steps', shape: [INTS.length], dtype: 'int32' },
    ]);
    const u8 = await specsOf(dirs.uint8);
    expect(u8.at(-1)).toEqual({ name: 'steps', shape: [INTS.length], dtype: 'int32' });
    for (const [i, [name, shape]] of FLOATS.entries()) {
      const spec = u8[i]!;
      expect(spec, name).toEqual({
        name,
        shape,
        dtype: 'float32',
        quantization: { dtype: 'uint8', min: expect.any(Number), scale: expect.any(Number) },
      });
      expect(spec.quantization!.scale!, name).toBeGreaterThan(0);
    }
    expect((await readWeightsDir(dirs.uint8)).modelJson['mode']).toBe('uint8');
  });

  test('float16 round trip: relative error ≤ 1e-3 in the normal range, int32 untouched', async () => {
    const loaded = await loadWeightsFromDir(dirs.float16);
    let worst = 0;
    for (const [i, [name, shape]] of FLOATS.entries()) {
      const got = loaded[name]!;
      expect(got.shape, name).toEqual(shape);
      expect(got.dtype, name).toBe('float32');
      const values = got.dataSync();
      for (const [j, x] of floatValues[i]!.entries()) {
        const err = Math.abs(values[j]! - x);
        if (Math.abs(x) >= 2 ** -14) worst = Math.max(worst, err / Math.abs(x));
        else expect(err, `${name}[${j}] = ${x}`).toBeLessThanOrEqual(2 ** -25);
      }
    }
    expect(worst).toBeGreaterThan(0);
    expect(worst).toBeLessThanOrEqual(2 ** -11);
    expect(worst).toBeLessThanOrEqual(1e-3);
    expect(loaded['steps']!.dtype).toBe('int32');
    expect(Array.from(loaded['steps']!.dataSync())).toEqual(INTS);
    tf.dispose(Object.values(loaded));
  });

  test('float16 keeps every half-representable value bit for bit (subnormals, ±0, ±Inf)', async () => {
    const finite = ALL_HALVES.filter((h) => !isNaNHalf(h));
    const values = decodeHalves(finite);
    const d = join(root, 'models', 'q-halves');
    const t = tf.tensor(values, [values.length], 'float32');
    await saveWeights(d, [{ name: 'h', tensor: t }], {}, { quantize: 'float16' });
    t.dispose();
    expect((await readFile(join(d, 'weights.bin'))).byteLength).toBe(2 * values.length);
    const loaded = (await loadWeightsFromDir(d))['h']!;
    expect(bits(loaded)).toEqual(Array.from(new Uint32Array(values.buffer)));
    loaded.dispose();
  });

  test('float16 rounds subnormals to multiples of 2⁻²⁴, overflows to ±Inf, keeps NaN', async () => {
    const cases: Array<[number, number]> = [
      [1e-7, 2 ** -23],
      [-1e-7, -(2 ** -23)],
      [3e-8, 2 ** -24],
      [2 ** -24, 2 ** -24],
      [2 ** -25, 0], // the tie between 0 and 2⁻²⁴ goes to the even 0
      [1e-9, 0],
      [-1e-9, -0],
      [1e-45, 0], // a float32 subnormal
      [6.1e-5, 1023 * 2 ** -24], // just below the smallest normal half, 2⁻¹⁴
      [2 ** -14, 2 ** -14],
      [65519, 65504],
      [65520, Infinity],
      [1e5, Infinity],
      [-1e5, -Infinity],
      [3.4e38, Infinity],
      [Infinity, Infinity],
      [-Infinity, -Infinity],
      [NaN, NaN],
    ];
    const d = join(root, 'models', 'q-edges');
    const t = tf.tensor1d(
      cases.map(([x]) => x),
      'float32',
    );
    await saveWeights(d, [{ name: 'e', tensor: t }], {}, { quantize: 'float16' });
    t.dispose();
    const loaded = (await loadWeightsFromDir(d))['e']!;
    const got = Array.from(loaded.dataSync());
    loaded.dispose();
    for (const [i, [x, want]] of cases.entries()) expect(got[i], String(x)).toBe(want);
  });

  test('uint8 round trip: error ≤ scale/2, zero and constants exact, int32 untouched', async () => {
    const loaded = await loadWeightsFromDir(dirs.uint8);
    const specs = await specsOf(dirs.uint8);
    for (const [i, [name, shape]] of FLOATS.entries()) {
      const { scale } = specs[i]!.quantization as { scale: number };
      const got = loaded[name]!;
      expect(got.shape, name).toEqual(shape);
      expect(got.dtype, name).toBe('float32');
      const values = got.dataSync();
      for (const [j, x] of floatValues[i]!.entries()) {
        // scale/2 from rounding q, plus the float32 rounding of min + scale·q.
        const bound = scale / 2 + Math.abs(x) * 2 ** -23;
        expect(Math.abs(values[j]! - x), `${name}[${j}] = ${x}`).toBeLessThanOrEqual(bound);
        if (x === 0) expect(values[j], `${name}[${j}]`).toBe(0);
      }
    }
    // Ranges of 255 steps: the spread of each tensor over 255.
    const small = floatValues[1]!;
    const spread = Math.max(...small) - Math.min(...small);
    expect((specs[1]!.quantization as { scale: number }).scale).toBeCloseTo(spread / 255, 12);
    expect(Array.from(loaded['constant']!.dataSync())).toEqual([3.25, 3.25, 3.25, 3.25]);
    expect(loaded['one']!.dataSync()[0]).toBe(Math.fround(0.7));
    expect(loaded['steps']!.dtype).toBe('int32');
    expect(Array.from(loaded['steps']!.dataSync())).toEqual(INTS);
    tf.dispose(Object.values(loaded));
  });

  test('uint8 refuses NaN and ±Infinity', async () => {
    for (const bad of [NaN, Infinity, -Infinity]) {
      const t = tf.tensor1d([0, 1, bad]);
      await expect(
        saveWeights(join(root, 'q-bad'), [{ name: 'w', tensor: t }], {}, { quantize: 'uint8' }),
      ).rejects.toThrow(/w holds .* cannot store/);
      t.dispose();
    }
  });

  test('quantize null or absent writes exactly the unquantized bytes', async () => {
    const weights = makeQuantWeights();
    const sha = await saveWeights(join(root, 'q-absent'), weights, { mode: 'exact' });
    const shaEmpty = await saveWeights(join(root, 'q-empty'), weights, { mode: 'exact' }, {});
    tf.dispose(weights.map((w) => w.tensor));
    expect(sha).toBe(shas.exact);
    expect(shaEmpty).toBe(shas.exact);
    expect(JSON.stringify(await specsOf(dirs.exact))).not.toContain('quantization');
  });

  test('rejects an unknown quantize value before writing anything', async () => {
    const t = tf.scalar(1);
    for (const bad of ['int8', 'float32', 'FLOAT16', 'uint16', '', 8, true, {}]) {
      const d = join(root, 'q-unknown');
      await expect(
        saveWeights(d, [{ name: 'a', tensor: t }], {}, { quantize: bad as never }),
      ).rejects.toThrow(/unknown quantize/);
      await expect(readFile(join(d, 'model.json'))).rejects.toThrow(/ENOENT/);
    }
    t.dispose();
  });

  test('loadWeightsFromUrl and tfjs’s own loader decode quantized files as the Node reader does', async () => {
    for (const mode of ['float16', 'uint8'] as const) {
      const fromDir = await loadWeightsFromDir(dirs[mode]);
      const requested: string[] = [];
      const url = `https://example.test/models/q-${mode}/model.json`;
      const fromUrl = await loadWeightsFromUrl(url, fakeFetch(requested));
      expect(requested).toEqual([url, `https://example.test/models/q-${mode}/weights.bin`]);
      const json = JSON.parse(await readFile(join(dirs[mode], 'model.json'), 'utf8'));
      const load = tf.io.weightsLoaderFactory(async (paths: string[]) =>
        Promise.all(
          paths.map(async (p) => {
            const b = await readFile(join(root, p));
            return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
          }),
        ),
      );
      const fromTfjs = await load(json.weightsManifest, `models/q-${mode}/`);
      expect(Object.keys(fromUrl).sort(), mode).toEqual(Object.keys(fromDir).sort());
      for (const name of Object.keys(fromDir)) {
        expect(fromUrl[name]!.dtype, name).toBe(fromDir[name]!.dtype);
        expect(fromUrl[name]!.shape, name).toEqual(fromDir[name]!.shape);
        expect(bits(fromUrl[name]!), `${mode} ${name}`).toEqual(bits(fromDir[name]!));
        expect(bits(fromTfjs[name]!), `${mode} ${name}`).toEqual(bits(fromDir[name]!));
      }
      tf.dispose([
        ...Object.values(fromDir),
        ...Object.values(fromUrl),
        ...Object.values(fromTfjs),
      ]);
    }
  });

  test('readers refuse a quantization they do not know instead of decoding garbage', async () => {
    const d = join(root, 'models', 'q-int4');
    const t = tf.ones([4]);
    await saveWeights(d, [{ name: 'w', tensor: t }], {}, { quantize: 'uint8' });
    t.dispose();
    const path = join(d, 'model.json');
    const json = JSON.parse(await readFile(path, 'utf8'));
    json.weightsManifest[0].weights[0].quantization = { dtype: 'int4', min: 0, scale: 1 };
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path, JSON.stringify(json));
    await expect(loadWeightsFromDir(d)).rejects.toThrow(/quantization .*int4/);
    json.weightsManifest[0].weights[0].quantization = { dtype: 'uint8' };
    await writeFile(path, JSON.stringify(json));
    await expect(loadWeightsFromDir(d)).rejects.toThrow(/quantization/);
  });
});
