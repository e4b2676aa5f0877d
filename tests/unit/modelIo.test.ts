import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadWeightsFromDir, readWeightsDir, saveWeights } from '../../src/models/training/io.ts';
import {
  loadWeightsFromUrl,
  resolveAgainst,
  type FetchLike,
} from '../../src/models/training/weightsUrl.ts';

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

describe('loadWeightsFromUrl', () => {
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
