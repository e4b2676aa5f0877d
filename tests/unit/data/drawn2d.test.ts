import { describe, expect, test } from 'vitest';
import {
  DRAWN_EXTENT,
  MAX_DRAWN,
  MAX_DRAWN_CHARS,
  addPoint,
  decodeDrawn,
  encodeDrawn,
  erasePoints,
  sampleDrawn,
  snap,
} from '../../../src/data/drawn2d.ts';

/** A drawing of n points along a line, added as the brush adds them (snapped). */
function line(n: number): Float32Array {
  let points: Float32Array = new Float32Array(0);
  for (let i = 0; i < n; i++) points = addPoint(points, -2 + (4 * i) / n, 0.3 * i - 1);
  return points;
}

describe('encodeDrawn / decodeDrawn', () => {
  test('a drawing survives the round trip exactly: a link restores the points shown', () => {
    for (const n of [0, 1, 2, 3, 17, MAX_DRAWN]) {
      const points = line(n);
      const text = encodeDrawn(points);
      expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
      expect(Array.from(decodeDrawn(text)!)).toEqual(Array.from(points));
    }
  });

  test('two bytes a point: the fullest drawing fits in MAX_DRAWN_CHARS', () => {
    expect(encodeDrawn(line(MAX_DRAWN)).length).toBeLessThanOrEqual(MAX_DRAWN_CHARS);
    expect(MAX_DRAWN_CHARS).toBe(800);
    // Past MAX_DRAWN points the extra ones are not written.
    const many = new Float32Array(2 * (MAX_DRAWN + 50)).fill(0.5);
    expect(decodeDrawn(encodeDrawn(many))!.length).toBe(2 * MAX_DRAWN);
  });

  test('text that is no drawing is refused whole, not half-read', () => {
    expect(decodeDrawn('AA!A')).toBeNull(); // a character outside base64url
    expect(decodeDrawn('A')).toBeNull(); // no whole byte
    expect(decodeDrawn('AAA=')).toBeNull(); // padding is not written, so not read
    expect(decodeDrawn('AA')).toBeNull(); // one byte: half a point
    expect(decodeDrawn('A'.repeat(MAX_DRAWN_CHARS + 4))).toBeNull(); // too many points
    expect(decodeDrawn('')!.length).toBe(0);
  });
});

describe('snap', () => {
  test('clamps into the square and moves a point by less than half a lattice step', () => {
    const step = (2 * DRAWN_EXTENT) / 255;
    const [x, y] = snap(0.123, -1.777);
    expect(Math.abs(x - 0.123)).toBeLessThanOrEqual(step / 2 + 1e-9);
    expect(Math.abs(y + 1.777)).toBeLessThanOrEqual(step / 2 + 1e-9);
    expect(snap(10, -10)).toEqual([DRAWN_EXTENT, -DRAWN_EXTENT]);
  });
});

describe('addPoint / erasePoints', () => {
  test('the brush stops at MAX_DRAWN points', () => {
    const full = line(MAX_DRAWN);
    expect(addPoint(full, 0, 0)).toBe(full);
  });

  test('the eraser removes exactly the points within its radius', () => {
    let points: Float32Array = new Float32Array(0);
    points = addPoint(points, 0, 0);
    points = addPoint(points, 0.2, 0);
    points = addPoint(points, 1, 1);
    const left = erasePoints(points, 0, 0, 0.25);
    expect(left.length).toBe(2);
    expect(left[0]).toBeCloseTo(1, 1);
    // Nothing in reach: the same drawing comes back, so nothing restarts.
    expect(erasePoints(left, -3, -3, 0.25)).toBe(left);
  });
});

describe('sampleDrawn', () => {
  test('training points lie in a narrow band around the drawn ones, from a seed', () => {
    const drawn = line(40);
    const pool = sampleDrawn(drawn, 2000, 7);
    expect(pool.length).toBe(4000);
    let far = 0;
    for (let i = 0; i < pool.length; i += 2) {
      let nearest = Infinity;
      for (let k = 0; k < drawn.length; k += 2) {
        nearest = Math.min(nearest, Math.hypot(pool[i]! - drawn[k]!, pool[i + 1]! - drawn[k + 1]!));
      }
      if (nearest > 0.3) far++; // 5 σ
    }
    expect(far).toBe(0);
    expect(Array.from(sampleDrawn(drawn, 10, 7))).toEqual(Array.from(pool.slice(0, 20)));
    expect(Array.from(sampleDrawn(drawn, 10, 8))).not.toEqual(Array.from(pool.slice(0, 20)));
  });

  test('an empty drawing gives no points', () => {
    expect(sampleDrawn(new Float32Array(0), 10, 1).length).toBe(0);
  });
});
