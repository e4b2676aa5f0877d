/**
 * Trained weights in TensorFlow.js's standard weights-manifest format, loaded over HTTP.
 * Browser-safe (no Node imports); `io.ts` writes and reads the same files with node:fs.
 *
 * A model directory holds `model.json`:
 *
 *   { "format": "weights-only",
 *     "weightsManifest": [{ "paths": ["weights.bin"], "weights": [{ name, shape, dtype }, …] }],
 *     …any extra metadata the trainer stored }
 *
 * and `weights.bin`, the tensors' bytes back to back in manifest order (what
 * `tf.io.encodeWeights` produces), so `tf.io.loadWeights(manifest, prefix)` also reads it.
 * float32 weights may be quantized in tfjs's convention (a spec's `quantization: { dtype:
 * 'float16' }` or `{ dtype: 'uint8', min, scale }`, as `saveWeights(…, { quantize })` and
 * tfjs-converter write); `tf.io.decodeWeights` dequantizes them back to float32.
 */
import * as tf from '@tensorflow/tfjs-core';

export const MODEL_JSON = 'model.json';
export const WEIGHTS_BIN = 'weights.bin';

export interface WeightsModelJson {
  format: 'weights-only';
  weightsManifest: tf.io.WeightsManifestConfig;
  [extra: string]: unknown;
}

/** What `loadWeightsFromUrl` needs of `fetch`. */
export type FetchLike = (url: string) => Promise<Response>;

/** Checks that a parsed model.json is a weights manifest this module can read. */
export function parseModelJson(json: unknown, where: string): WeightsModelJson {
  const j = json as Partial<WeightsModelJson> | null;
  const groups = j?.weightsManifest;
  const ok =
    j !== null &&
    typeof j === 'object' &&
    Array.isArray(groups) &&
    groups.every(
      (g) =>
        Array.isArray(g?.paths) &&
        g.paths.every((p) => typeof p === 'string') &&
        Array.isArray(g.weights) &&
        g.weights.every((w) => typeof w?.name === 'string' && Array.isArray(w.shape)),
    );
  if (!ok) throw new Error(`${where} is not a TensorFlow.js weights manifest`);
  return j as WeightsModelJson;
}

/** All .bin paths of a manifest, in the order their bytes are decoded. */
export function manifestPaths(modelJson: WeightsModelJson): string[] {
  return modelJson.weightsManifest.flatMap((group) => group.paths);
}

/**
 * Decodes the tensors of `modelJson` from its .bin files' bytes (one buffer per path, in
 * `manifestPaths` order) with `tf.io.decodeWeights`.
 */
export function decodeManifest(
  modelJson: WeightsModelJson,
  buffers: ArrayBuffer[],
): Record<string, tf.Tensor> {
  const specs = modelJson.weightsManifest.flatMap((group) => group.weights);
  const expected = specs.reduce((sum, spec) => sum + byteLength(spec), 0);
  const actual = buffers.reduce((sum, b) => sum + b.byteLength, 0);
  if (expected !== actual) {
    throw new Error(`weights files hold ${actual} bytes but the manifest needs ${expected}`);
  }
  const names = new Set<string>();
  for (const spec of specs) {
    if (names.has(spec.name)) throw new Error(`weight ${spec.name} appears twice`);
    names.add(spec.name);
  }
  return tf.io.decodeWeights(buffers, specs);
}

function byteLength(spec: tf.io.WeightsManifestEntry): number {
  const size = tf.util.sizeFromShape(spec.shape);
  const q = spec.quantization;
  if (q) {
    const bytes = ({ uint8: 1, uint16: 2, float16: 2 } as Record<string, number>)[q.dtype];
    const affine = q.dtype === 'uint8' || q.dtype === 'uint16';
    const ok =
      bytes !== undefined &&
      (affine
        ? (spec.dtype === 'float32' || spec.dtype === 'int32') &&
          Number.isFinite(q.min) &&
          Number.isFinite(q.scale)
        : spec.dtype === 'float32');
    if (!ok) {
      throw new Error(
        `weight ${spec.name}: quantization ${JSON.stringify(q)} of ${spec.dtype} is not supported`,
      );
    }
    return size * bytes;
  }
  if (spec.dtype === 'bool') return size;
  if (spec.dtype === 'float32' || spec.dtype === 'int32') return size * 4;
  throw new Error(`weight ${spec.name}: dtype ${spec.dtype} is not supported here`);
}

/** `path` resolved against the directory of `url` (absolute or site-relative). */
export function resolveAgainst(url: string, path: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('/')) return path;
  const bare = url.replace(/[?#].*$/, '');
  return bare.slice(0, bare.lastIndexOf('/') + 1) + path;
}

async function fetchOk(fetchFn: FetchLike, url: string): Promise<Response> {
  const response = await fetchFn(url);
  if (!response.ok) throw new Error(`fetching ${url} failed: HTTP ${response.status}`);
  return response;
}

/**
 * Fetches `url` (a model.json) and the .bin files its manifest names, relative to it, and
 * returns the manifest (with any extra metadata) and the decoded tensors, keyed by name.
 */
export async function fetchWeights(
  url: string,
  fetchFn: FetchLike = (u) => fetch(u),
): Promise<{ modelJson: WeightsModelJson; weights: Record<string, tf.Tensor> }> {
  const modelJson = parseModelJson(await (await fetchOk(fetchFn, url)).json(), url);
  const buffers = await Promise.all(
    manifestPaths(modelJson).map(async (path) =>
      (await fetchOk(fetchFn, resolveAgainst(url, path))).arrayBuffer(),
    ),
  );
  return { modelJson, weights: decodeManifest(modelJson, buffers) };
}

/** The tensors saved by `saveWeights` (io.ts), fetched from the URL of their model.json. */
export async function loadWeightsFromUrl(
  url: string,
  fetchFn: FetchLike = (u) => fetch(u),
): Promise<Record<string, tf.Tensor>> {
  return (await fetchWeights(url, fetchFn)).weights;
}
