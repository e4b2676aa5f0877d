/**
 * Saving and loading weights in Node without tfjs-node, in TensorFlow.js's standard
 * weights-manifest format (see `weightsUrl.ts`, the browser-safe reader of the same files).
 * Node only: imports node:fs. Browser code imports `weightsUrl.ts` instead.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import {
  MODEL_JSON,
  WEIGHTS_BIN,
  decodeManifest,
  manifestPaths,
  parseModelJson,
  type WeightsModelJson,
} from './weightsUrl.ts';

export interface NamedWeight {
  name: string;
  tensor: tf.Tensor;
}

const RESERVED = ['format', 'weightsManifest'];

/** Writes `data` to `path` through a temporary file, so readers never see half a file. */
async function writeAtomically(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, path);
}

/**
 * Writes `dir/weights.bin` (the tensors' bytes, via `tf.io.encodeWeights`) and then
 * `dir/model.json` = `{ format: 'weights-only', weightsManifest: [{ paths: ['weights.bin'],
 * weights: specs }], ...extra }`, creating `dir` if needed. Returns the SHA-256 (hex) of
 * weights.bin. `extra` must not use the keys `format` or `weightsManifest`.
 */
export async function saveWeights(
  dir: string,
  named: NamedWeight[],
  extra: object = {},
): Promise<string> {
  const clash = RESERVED.find((key) => Object.hasOwn(extra, key));
  if (clash !== undefined) throw new Error(`saveWeights: extra may not set "${clash}"`);
  const seen = new Set<string>();
  for (const { name } of named) {
    if (seen.has(name)) throw new Error(`saveWeights: two weights are named ${name}`);
    seen.add(name);
  }
  const { data, specs } = await tf.io.encodeWeights(
    named.map(({ name, tensor }) => ({ name, tensor })),
  );
  const bytes = new Uint8Array(data);
  const modelJson: WeightsModelJson = {
    format: 'weights-only',
    weightsManifest: [{ paths: [WEIGHTS_BIN], weights: specs }],
    ...extra,
  };
  await mkdir(dir, { recursive: true });
  await writeAtomically(join(dir, WEIGHTS_BIN), bytes);
  await writeAtomically(join(dir, MODEL_JSON), `${JSON.stringify(modelJson, null, 2)}\n`);
  return createHash('sha256').update(bytes).digest('hex');
}

/** A standalone ArrayBuffer with a Node Buffer's bytes (Buffers may share a pool). */
function toArrayBuffer(buffer: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(buffer.byteLength);
  copy.set(buffer);
  return copy.buffer;
}

/** Reads `dir/model.json` and its .bin files: the manifest (with extras) and the tensors. */
export async function readWeightsDir(
  dir: string,
): Promise<{ modelJson: WeightsModelJson; weights: Record<string, tf.Tensor> }> {
  const where = join(dir, MODEL_JSON);
  const modelJson = parseModelJson(JSON.parse(await readFile(where, 'utf8')), where);
  const buffers = await Promise.all(
    manifestPaths(modelJson).map(async (path) => toArrayBuffer(await readFile(join(dir, path)))),
  );
  return { modelJson, weights: decodeManifest(modelJson, buffers) };
}

/** The tensors `saveWeights` wrote to `dir`, keyed by name. */
export async function loadWeightsFromDir(dir: string): Promise<Record<string, tf.Tensor>> {
  return (await readWeightsDir(dir)).weights;
}
