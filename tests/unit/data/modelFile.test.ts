/**
 * Model files of live figures (src/data/modelFile.ts), through the 2-D GAN's: what is
 * written reads back identical, and every kind of bad file is refused with a sentence that
 * names what is wrong.
 */
import { describe, expect, test } from 'vitest';
import { base64ToFloats, floatsToBase64 } from '../../../src/data/modelFile.ts';
import {
  gan2dShapes,
  readGan2dFile,
  writeGan2dFile,
  type Gan2dValues,
} from '../../../src/figures/gan/gan-2d/gan2dFile.ts';
import { PRESETS } from '../../../src/models/gan2dPresets.ts';
import { encodeDrawn } from '../../../src/data/drawn2d.ts';

const values: Gan2dValues = {
  ...PRESETS.healthy.settings,
  distribution: 'draw',
  drawn: encodeDrawn(new Float32Array([0.5, -1, 1.25, 2])),
  gLayers: 3,
  gUnits: '16',
  dLayers: 1,
  dUnits: '8',
  optimizer: 'sgd',
};
/** Weights of the right shapes, each value distinct. */
function weightsFor(v: Gan2dValues) {
  let k = 0;
  return Object.fromEntries(
    Object.entries(gan2dShapes(v)).map(([name, shape]) => [
      name,
      Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => (k++ % 97) / 31 - 1.5),
    ]),
  );
}
const weights = weightsFor(values);
const text = writeGan2dFile(values, { step: 1234, dUpdates: 2468 }, weights);
interface RawFile {
  version: unknown;
  figure: unknown;
  settings: Record<string, string>;
  progress: Record<string, number>;
  weights: Record<string, string>;
}
const edit = (change: (file: RawFile) => void) => {
  const file = JSON.parse(text) as RawFile;
  change(file);
  return JSON.stringify(file);
};
const refusal = (t: string) => {
  const r = readGan2dFile(t);
  return r.ok ? null : r.message;
};

describe('a model file', () => {
  test('floats survive base64 exactly, and text that is not whole floats is refused', () => {
    const xs = new Float32Array([0, -0, 1.5, -3.25e-8, 3.4e38, Math.PI]);
    expect(base64ToFloats(floatsToBase64(xs))).toEqual(xs);
    expect(base64ToFloats('AAA')).toBeNull(); // three bytes
    expect(base64ToFloats('not base64!')).toBeNull();
  });

  test('reads back the settings, the drawing, the counters and every weight', () => {
    const read = readGan2dFile(text);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.file.settings).toEqual(values);
    expect(read.file.progress).toEqual({ step: 1234, dUpdates: 2468 });
    expect(Object.keys(read.file.weights)).toEqual(Object.keys(weights));
    for (const [name, w] of Object.entries(weights)) expect(read.file.weights[name]).toEqual(w);
    // G: 3 hidden layers of 16 (4 dense layers), D: 1 of 8 (2 dense layers).
    expect(Object.keys(read.file.weights)).toHaveLength(2 * 4 + 2 * 2);
  });

  test.each([
    ['not JSON', () => 'weights, please', /not JSON/],
    [
      'another kind of file',
      () => JSON.stringify({ hello: 'world' }),
      /not a model file of this site/,
    ],
    ['another version', () => edit((f) => (f.version = 7)), /version 7/],
    [
      'another figure',
      () => edit((f) => (f.figure = 'diffusion-2d')),
      /another figure.*diffusion-2d/,
    ],
    ['a setting out of range', () => edit((f) => (f.settings.gLayers = '9')), /“gLayers” \("9"\)/],
    ['a setting missing', () => edit((f) => delete f.settings.optimizer), /“optimizer”/],
    ['a count that is no count', () => edit((f) => (f.progress.step = -3)), /“step”/],
    [
      'a weight missing',
      () => edit((f) => delete f.weights['d2/bias']),
      /lacks the weight “d2\/bias”/,
    ],
    [
      'weights of another network',
      () => edit((f) => (f.settings.gUnits = '32')),
      /“g1\/kernel” has 32 values; these settings need 64/,
    ],
    [
      'a weight that is not a number',
      () =>
        edit((f) => (f.weights['g1/bias'] = floatsToBase64(new Float32Array(16).fill(Number.NaN)))),
      /“g1\/bias” holds numbers that are not finite/,
    ],
  ])('is refused when it is %s', (_, make, message) => {
    expect(refusal(make())).toMatch(message);
  });
});
