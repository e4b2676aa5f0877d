import { describe, expect, test } from 'vitest';
import { IMAGE_LENGTH, SIZE } from '../../../../../src/data/headshots.ts';
import {
  TRACED_PIXELS,
  imageToDisplay,
  noiseToDisplay,
  pixelTraces,
  pixelValue,
} from '../../../../../src/figures/diffusion/reverse-process/reverseTrace.ts';
import {
  trajectoryPath,
  trajectoryScales,
} from '../../../../../src/figures/diffusion/reverse-process/trajectoryChart.ts';

/** An image whose pixel (row, col) has channels v, v + 0.1, v + 0.2 with v = row / 100. */
const ramp = () => {
  const x = new Float32Array(IMAGE_LENGTH);
  for (let r = 0; r < SIZE; r++)
    for (let c = 0; c < SIZE; c++) {
      const i = 3 * (r * SIZE + c);
      x[i] = r / 100;
      x[i + 1] = r / 100 + 0.1;
      x[i + 2] = r / 100 + 0.2;
    }
  return x;
};

describe('pixelValue', () => {
  test('is the mean of the three channels at (row, col)', () => {
    expect(pixelValue(ramp(), { label: 'p', row: 16, col: 5 })).toBeCloseTo(0.26, 6);
  });
});

describe('imageToDisplay and noiseToDisplay', () => {
  test('map model units to [0, 1] and clamp what lies beyond', () => {
    expect([...imageToDisplay(Float32Array.of(-3, -1, 0, 1, 3))]).toEqual([0, 0, 0.5, 1, 1]);
    expect([...noiseToDisplay(Float32Array.of(-5, -2, 0, 2, 5))]).toEqual([0, 0, 0.5, 1, 1]);
  });
});

describe('pixelTraces', () => {
  test('follows each traced pixel; NaN where the model has not been asked yet', () => {
    const a = ramp();
    const b = a.map((v) => v + 1);
    const traces = pixelTraces(
      [
        { x: a, x0: b },
        { x: b, x0: null },
        { x: a, x0: a },
      ],
      2,
    );
    expect(traces.map((t) => t.pixel)).toEqual(TRACED_PIXELS);
    const centre = traces[1]!;
    expect(centre.x).toHaveLength(2);
    expect(centre.x[0]).toBeCloseTo(0.26, 6);
    expect(centre.x[1]).toBeCloseTo(1.26, 6);
    expect(centre.x0[0]).toBeCloseTo(1.26, 6);
    expect(centre.x0[1]).toBeNaN();
  });
});

describe('trajectoryPath', () => {
  const scales = trajectoryScales(4, 200, 100);
  const round = (d: string) =>
    d.replace(/\d+\.\d+/g, (n) => String(Math.round(Number(n) * 100) / 100));

  test('draws value i at step i, clamps at ±2, and leaves gaps for NaN', () => {
    expect(round(trajectoryPath(scales, [0, 1, 5, Number.NaN, -1]))).toMatchInlineSnapshot(
      `"M30,39L70,23.5L110,8M190,54.5Z"`,
    );
  });

  test('spans the whole run, so an empty run draws nothing', () => {
    expect(scales.x.domain()).toEqual([0, 4]);
    expect(trajectoryPath(scales, [])).toBe('');
  });
});
