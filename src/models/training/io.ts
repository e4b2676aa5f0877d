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
 * How `saveWeights` may shrink float32 weights, in TensorFlow.js's own manifest convention
 * (what tfjs-converter writes and `tf.io.decodeWeights` reads unchanged):
 * - `'float16'`: IEEE half floats, 2 bytes a value; spec `quantization: { dtype: 'float16' }`.
 *   Relative error ≤ 2⁻¹¹ in the normal half range (|x| ≥ 2⁻¹⁴), absolute ≤ 2⁻²⁵ below it;
 *   |x| ≥ 65520 becomes ±Infinity; ±Infinity, NaN and −0 survive.
 * - `'uint8'`: per-tensor affine, 1 byte a value; spec `quantization: { dtype: 'uint8', min,
 *   scale }`, value = min + scale·q. Error ≤ scale/2 (+ float32 rounding); 0 is exact when the
 *   tensor spans it (tfjs-converter's nudged range); constant tensors are exact. Refuses
 *   tensors holding NaN or ±Infinity.
 * int32 and bool weights are never quantized.
 */
export type Quantization = 'float16' | 'uint8';

export interface SaveWeightsOptions {
  /** Store float32 weights quantized; `null` or absent stores them as exact float32. */
  quantize?: Quantization | null | undefined;
}

const QUANTIZATIONS: ReadonlySet<unknown> = new Set<Quantization>(['float16', 'uint8']);

/**
 * Writes `dir/weights.bin` (the tensors' bytes, via `tf.io.encodeWeights`, float32 ones
 * quantized if `options.quantize` says so) and then `dir/model.json` = `{ format:
 * 'weights-only', weightsManifest: [{ paths: ['weights.bin'], weights: specs }], ...extra }`,
 * creating `dir` if needed. Returns the SHA-256 (hex) of weights.bin as written. `extra`
 * must not use the keys `format` or `weightsManifest`.
 */
export async function saveWeights(
  dir: string,
  named: NamedWeight[],
  extra: object = {},
  options: SaveWeightsOptions = {},
): Promise<string> {
  const quantize = options.quantize ?? null;
  if (quantize !== null && !QUANTIZATIONS.has(quantize)) {
    throw new Error(
      `saveWeights: unknown quantize ${JSON.stringify(quantize)} (expected 'float16', 'uint8' or null)`,
    );
  }
  const clash = RESERVED.find((key) => Object.hasOwn(extra, key));
  if (clash !== undefined) throw new Error(`saveWeights: extra may not set "${clash}"`);
  const seen = new Set<string>();
  for (const { name } of named) {
    if (seen.has(name)) throw new Error(`saveWeights: two weights are named ${name}`);
    seen.add(name);
  }
  const { bytes, specs } =
    quantize === null ? await encodeExact(named) : await encodeQuantized(named, quantize);
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

interface Encoded {
  bytes: Uint8Array;
  specs: tf.io.WeightsManifestEntry[];
}

async function encodeExact(named: NamedWeight[]): Promise<Encoded> {
  const { data, specs } = await tf.io.encodeWeights(
    named.map(({ name, tensor }) => ({ name, tensor })),
  );
  return { bytes: new Uint8Array(data), specs };
}

async function encodeQuantized(named: NamedWeight[], quantize: Quantization): Promise<Encoded> {
  const chunks: Uint8Array[] = [];
  const specs: tf.io.WeightsManifestEntry[] = [];
  for (const { name, tensor } of named) {
    if (tensor.dtype !== 'float32') {
      // Other dtypes are stored exactly, as tf.io.encodeWeights lays them out.
      const {
        data,
        specs: [spec],
      } = await tf.io.encodeWeights([{ name, tensor }]);
      chunks.push(new Uint8Array(data));
      specs.push(spec!);
      continue;
    }
    const values = (await tensor.data()) as Float32Array;
    const spec = { name, shape: tensor.shape.slice(), dtype: 'float32' as const };
    if (quantize === 'float16') {
      const halves = encodeFloat16(values);
      chunks.push(new Uint8Array(halves.buffer, halves.byteOffset, halves.byteLength));
      specs.push({ ...spec, quantization: { dtype: 'float16' } });
    } else {
      const { q, min, scale } = quantizeUint8(values, name);
      chunks.push(q);
      specs.push({ ...spec, quantization: { dtype: 'uint8', min, scale } });
    }
  }
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { bytes, specs };
}

/**
 * The IEEE 754 binary16 bit pattern nearest to the float32 with bit pattern `bits`
 * (round to nearest, ties to even), with subnormal results, overflow to ±Infinity (from
 * |x| ≥ 65520) and NaN kept NaN (quiet, with the sign and the top payload bits).
 */
export function float32BitsToFloat16Bits(bits: number): number {
  const sign = (bits >>> 16) & 0x8000;
  const exponent = (bits >>> 23) & 0xff;
  const mantissa = bits & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa === 0 ? 0 : 0x200 | (mantissa >>> 13));
  const halfExponent = exponent - 127 + 15;
  if (halfExponent >= 0x1f) return sign | 0x7c00;
  if (halfExponent <= 0) {
    // Subnormal half: value = m · 2⁻²⁴ with m = (1.mantissa · 2²³) / 2^shift. Float32
    // subnormals (exponent 0) land here with a huge shift and round to ±0.
    const shift = 14 - halfExponent;
    if (shift > 24) return sign;
    const full = 0x800000 | mantissa;
    let m = full >>> shift;
    const rest = full & ((1 << shift) - 1);
    const halfway = 1 << (shift - 1);
    if (rest > halfway || (rest === halfway && (m & 1) === 1)) m += 1; // may carry to 2⁻¹⁴
    return sign | m;
  }
  let half = sign | (halfExponent << 10) | (mantissa >>> 13);
  const rest = mantissa & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && (half & 1) === 1)) half += 1; // may carry to ±Inf
  return half;
}

/** `values` as IEEE half floats (see `float32BitsToFloat16Bits`), in platform byte order. */
export function encodeFloat16(values: Float32Array): Uint16Array {
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length);
  const out = new Uint16Array(values.length);
  for (let i = 0; i < bits.length; i++) out[i] = float32BitsToFloat16Bits(bits[i]!);
  return out;
}

/**
 * tfjs-converter's per-tensor affine uint8 quantization: value ≈ min + scale·q, the range
 * nudged so that 0 is exact when the tensor spans it; a constant tensor gets scale 1, q = 0.
 */
export function quantizeUint8(
  values: Float32Array,
  name = 'weight',
): { q: Uint8Array; min: number; scale: number } {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) {
      throw new Error(`saveWeights: ${name} holds ${v}, which uint8 quantization cannot store`);
    }
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const q = new Uint8Array(values.length);
  if (values.length === 0) return { q, min: 0, scale: 1 };
  if (lo === hi) return { q, min: lo, scale: 1 };
  const scale = (hi - lo) / 255;
  let min = lo;
  let max = hi;
  if (lo <= 0 && hi >= 0) {
    min = -Math.round(-lo / scale) * scale + 0; // + 0 turns −0 into 0
    max = 255 * scale + min;
  }
  for (let i = 0; i < values.length; i++) {
    const v = Math.min(max, Math.max(min, values[i]!));
    q[i] = Math.min(255, Math.max(0, Math.round((v - min) / scale)));
  }
  return { q, min, scale };
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
