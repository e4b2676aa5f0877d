/**
 * A live figure's trained model as one file the reader keeps: the figure's settings (in
 * their link form, so a drawing travels with them), its progress and its weights (float32,
 * base64). Reading one never trusts it: anything but a file of this figure, with settings
 * the figure offers and weights of exactly the shapes those settings build, is refused with
 * a sentence that says what is wrong, and the figure is left as it was.
 *
 * Pure data, no DOM and no TensorFlow.js: the figure turns weights into tensors.
 */
import { fromBase64, toBase64 } from './base64.ts';

/** How a setting reads and writes as text: a figure's link fields are exactly this. */
export interface SettingCodec<T> {
  parse(raw: string): T | undefined;
  format(value: T): string;
}
export type Fields<S> = { [K in keyof S]: SettingCodec<S[K]> };

export const MODEL_FILE_FORMAT = 'pixels-to-portraits/model';
export const MODEL_FILE_VERSION = 1;
/** Larger files are refused before they are read (the largest 2-D model is ≈ 0.3 MB). */
export const MAX_MODEL_FILE_BYTES = 2_000_000;

/** Weights by name ('g1/kernel'), each a flat float32 array. */
export type WeightValues = Record<string, Float32Array>;
/** The shape each weight must have, by name. */
export type WeightShapes = Record<string, number[]>;

export interface ModelFile<S> {
  settings: S;
  /** Counters of the run (steps, updates), whole numbers ≥ 0. */
  progress: Record<string, number>;
  weights: WeightValues;
}

export type ReadResult<S> = { ok: true; file: ModelFile<S> } | { ok: false; message: string };

/** The file's text (JSON, one line per part so it stays readable in an editor). */
export function writeModelFile<S extends object>(
  figure: string,
  fields: Fields<S>,
  file: ModelFile<S>,
): string {
  const settings = Object.fromEntries(
    (Object.keys(fields) as (keyof S & string)[]).map((k) => [
      k,
      fields[k].format(file.settings[k]),
    ]),
  );
  const weights = Object.fromEntries(
    Object.entries(file.weights).map(([name, values]) => [name, floatsToBase64(values)]),
  );
  return JSON.stringify(
    {
      format: MODEL_FILE_FORMAT,
      version: MODEL_FILE_VERSION,
      figure,
      settings,
      progress: file.progress,
      weights,
    },
    null,
    1,
  );
}

/**
 * Reads a file written by `writeModelFile` for `figure`. `shapesFor` says which weights the
 * settings build; each must be there with exactly that many values, all finite.
 */
export function readModelFile<S extends object>(
  text: string,
  figure: string,
  fields: Fields<S>,
  shapesFor: (settings: S) => WeightShapes,
): ReadResult<S> {
  const fail = (message: string): ReadResult<S> => ({ ok: false, message });
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return fail('This is not a model file: it is not JSON.');
  }
  if (!isRecord(raw) || raw['format'] !== MODEL_FILE_FORMAT) {
    return fail('This is not a model file of this site.');
  }
  if (raw['version'] !== MODEL_FILE_VERSION) {
    return fail(
      `This model file has version ${String(raw['version'])}; this page reads version ${MODEL_FILE_VERSION}.`,
    );
  }
  if (raw['figure'] !== figure) {
    return fail(
      `This model file belongs to another figure (“${String(raw['figure'])}”), not this one.`,
    );
  }
  const rawSettings = raw['settings'];
  if (!isRecord(rawSettings)) return fail('The model file has no settings.');
  const settings = {} as S;
  for (const key of Object.keys(fields) as (keyof S & string)[]) {
    const value = rawSettings[key];
    const parsed = typeof value === 'string' ? fields[key].parse(value) : undefined;
    // Clamped is as bad as missing: the weights were trained with the file's value.
    if (parsed === undefined || fields[key].format(parsed) !== value) {
      return fail(
        `The model file's setting “${key}” (${JSON.stringify(value)}) is not one this figure offers.`,
      );
    }
    settings[key] = parsed;
  }
  const rawProgress = raw['progress'];
  const progress: Record<string, number> = {};
  if (isRecord(rawProgress)) {
    for (const [k, v] of Object.entries(rawProgress)) {
      if (!Number.isSafeInteger(v) || (v as number) < 0) {
        return fail(`The model file's count “${k}” is not a whole number.`);
      }
      progress[k] = v as number;
    }
  }
  const rawWeights = raw['weights'];
  if (!isRecord(rawWeights)) return fail('The model file has no weights.');
  const weights: WeightValues = {};
  for (const [name, shape] of Object.entries(shapesFor(settings))) {
    const encoded = rawWeights[name];
    const values = typeof encoded === 'string' ? base64ToFloats(encoded) : null;
    const size = shape.reduce((a, b) => a * b, 1);
    if (!values) return fail(`The model file lacks the weight “${name}”, or it is damaged.`);
    if (values.length !== size) {
      return fail(`The weight “${name}” has ${values.length} values; these settings need ${size}.`);
    }
    if (!values.every(Number.isFinite))
      return fail(`The weight “${name}” holds numbers that are not finite.`);
    weights[name] = values;
  }
  return { ok: true, file: { settings, progress, weights } };
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Little-endian float32 bytes as base64 (the byte order of every browser we run on). */
export function floatsToBase64(values: Float32Array): string {
  return toBase64(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
}

/** The inverse of `floatsToBase64`; null for text that is not base64 of whole floats. */
export function base64ToFloats(text: string): Float32Array | null {
  const bytes = fromBase64(text);
  return bytes && bytes.length % 4 === 0 ? new Float32Array(bytes.buffer) : null;
}
