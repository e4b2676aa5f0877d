/**
 * The race's parts outside the browser: a lane's frame (samples, hues, paths, distance,
 * losses since the last frame), its save and adopt round trip drawing the same samples, the
 * model file refusing a foreign line-up, the link fields clamping, and the swing sentence.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { RaceLane } from '../../../../../src/figures/diffusion/race-2d/raceLane.ts';
import {
  race2dFields,
  raceSettings,
  type Race2dValues,
} from '../../../../../src/figures/diffusion/race-2d/race2dFields.ts';
import {
  race2dShapes,
  readRace2dFile,
  writeRace2dFile,
} from '../../../../../src/figures/diffusion/race-2d/race2dFile.ts';
import { PATHS, SAMPLES } from '../../../../../src/figures/diffusion/race-2d/race2dProtocol.ts';
import { swing, swingSentence } from '../../../../../src/figures/diffusion/race-2d/raceText.ts';
import { readState } from '../../../../../src/figures/shell/urlState.ts';

beforeAll(async () => {
  await import('@tensorflow/tfjs-backend-wasm');
  expect(await tf.setBackend('wasm')).toBe(true);
}, 60_000);

const values = (search = ''): Race2dValues => readState(search, 'race-2d', race2dFields());

describe('a lane', () => {
  for (const kind of ['gan', 'diffusion', 'flow'] as const) {
    test(`${kind}: a frame after training, and a saved lane adopted draws the same samples`, () => {
      const settings = raceSettings(values('?race-2d.distribution=moons'));
      const lane = new RaceLane(kind, settings, 1);
      for (let i = 0; i < 30; i++) lane.stepOnce();
      const frame = lane.frame();
      expect(frame.steps).toBe(30);
      expect(frame.samples).toHaveLength(2 * SAMPLES);
      expect(frame.hues).toHaveLength(SAMPLES);
      expect(frame.paths).toHaveLength(kind === 'gan' ? 0 : PATHS);
      expect(Number.isFinite(frame.distance)).toBe(true);
      expect(Number.isNaN(frame.straightness)).toBe(kind === 'gan');
      const losses = frame.losses.map((l) => [l.label, l.steps.length]);
      expect(losses).toEqual(
        kind === 'gan'
          ? [
              ['D', 30],
              ['G', 30],
            ]
          : [['loss', 30]],
      );
      // Losses go out once: the next frame has none.
      expect(lane.frame().losses).toEqual([]);

      const copy = new RaceLane(kind, settings, 1);
      copy.adopt(lane.weights(), lane.steps);
      const again = copy.frame();
      expect(again.steps).toBe(30);
      expect(Array.from(again.samples)).toEqual(Array.from(frame.samples));
      lane.dispose();
      copy.dispose();
    }, 60_000);
  }

  test('an empty drawing trains nothing and measures nothing', () => {
    const lane = new RaceLane('diffusion', raceSettings(values('?race-2d.distribution=draw')), 0);
    lane.train(5);
    const frame = lane.frame();
    expect(frame.steps).toBe(0);
    expect(frame.distance).toBeNaN();
    lane.dispose();
  });
});

describe('the model file', () => {
  test('round trip, and a file of another line-up is refused naming the weight', () => {
    const v = values('?race-2d.left=flow&race-2d.units=16&race-2d.layers=2');
    const shapes = race2dShapes(v);
    const weights = (prefix: string) =>
      Object.fromEntries(
        Object.entries(shapes)
          .filter(([n]) => n.startsWith(prefix))
          .map(([n, s]) => [n.slice(2), new Float32Array(s.reduce((a, b) => a * b, 1)).fill(0.5)]),
      );
    const text = writeRace2dFile(v, [
      { steps: 12, weights: weights('a/') },
      { steps: 7, weights: weights('b/') },
    ]);
    const read = readRace2dFile(text);
    expect(read.ok).toBe(true);
    if (read.ok) {
      expect(read.file.settings.left).toBe('flow');
      expect(read.file.progress).toEqual({ steps1: 12, steps2: 7 });
    }
    const file = JSON.parse(text);
    file.settings.left = 'gan';
    const foreign = readRace2dFile(JSON.stringify(file));
    expect(foreign.ok).toBe(false);
    if (!foreign.ok) expect(foreign.message).toMatch(/a\/g1\/kernel/);
  });
});

describe('the link', () => {
  test('bad values are clamped or ignored', () => {
    const v = values('?race-2d.left=banana&race-2d.layers=99&race-2d.lr=7&race-2d.seed=-3');
    expect(v.left).toBe('gan');
    expect(v.layers).toBe(4);
    expect(v.lr).toBe('0.003');
    expect(v.seed).toBe(1);
    expect(raceSettings(v).lanes).toEqual(['gan', 'diffusion']);
  });
});

describe('the swing sentence', () => {
  test('reads the range over the last seconds only', () => {
    const s = swing([1, 5, 12, 15, 20], [0.9, 0.1, 0.4, 0.2, 0.3], 10);
    expect(s).toEqual({ low: 0.2, high: 0.4, latest: 0.3 });
    expect(swing([], [], 10)).toBeNull();
    expect(swingSentence([{ kind: 'gan', swing: s }], 10)).toBe(
      'Distance to the data over the last 10 seconds: GAN 0.20 to 0.40.',
    );
  });
});
