import { describe, expect, test } from 'vitest';
import {
  PLANE_EXTENT,
  clampToPlane,
  gridCentres,
  lerpPoint,
  linePoints,
  nearestIndex,
  nudge,
  priorShareWithin,
  shareWithin,
} from '../../../../src/figures/vae/latentPlane.ts';

describe('nudge', () => {
  test('an arrow key moves one step; Shift moves five', () => {
    expect(nudge([0, 0], 'ArrowRight', false)).toEqual([0.05, 0]);
    expect(nudge([0, 0], 'ArrowUp', true)).toEqual([0, 0.25]);
    expect(nudge([1, 1], 'ArrowDown', false, 0.5)).toEqual([1, 0.5]);
  });

  test('Home centres the point; other keys are not handled', () => {
    expect(nudge([2, -1], 'Home', false)).toEqual([0, 0]);
    expect(nudge([2, -1], 'Enter', false)).toBeNull();
  });

  test('never leaves the plane', () => {
    expect(nudge([PLANE_EXTENT, 0], 'ArrowRight', true)).toEqual([PLANE_EXTENT, 0]);
    expect(clampToPlane([-9, 9])).toEqual([-PLANE_EXTENT, PLANE_EXTENT]);
  });
});

describe('linePoints and lerpPoint', () => {
  test('linePoints(a, b, 3) is a, the midpoint and b', () => {
    expect([...linePoints([0, 0], [2, -4], 3)]).toEqual([0, 0, 1, -2, 2, -4]);
  });

  test('lerpPoint agrees with linePoints', () => {
    const line = linePoints([1, 1], [3, 5], 5);
    expect(lerpPoint([1, 1], [3, 5], 0.25)).toEqual([line[2], line[3]]);
  });
});

describe('gridCentres', () => {
  test('tiles the plane row by row from the top left, each centre in its cell', () => {
    const g = gridCentres(2, 2);
    expect([...g]).toEqual([-1, 1, 1, 1, -1, -1, 1, -1]);
  });

  test('an odd grid has the origin at its centre', () => {
    const g = gridCentres(9);
    expect(g[2 * 40]).toBeCloseTo(0, 12);
    expect(g[2 * 40 + 1]).toBeCloseTo(0, 12);
  });
});

describe('nearestIndex', () => {
  test('finds the closest point, or −1 when there are none', () => {
    expect(nearestIndex([0, 0, 3, 3, -1, 2], [-0.9, 1.8])).toBe(2);
    expect(nearestIndex([], [0, 0])).toBe(-1);
  });
});

describe('ring shares', () => {
  test('the prior holds 1 − e^(−r²/2) within radius r (39 %, 86 %, 98.9 %)', () => {
    expect(priorShareWithin(1)).toBeCloseTo(0.3935, 4);
    expect(priorShareWithin(2)).toBeCloseTo(0.8647, 4);
    expect(priorShareWithin(3)).toBeCloseTo(0.9889, 4);
  });

  test('shareWithin counts points on or inside the circle', () => {
    expect(shareWithin([0, 0, 1, 0, 0, 2, 3, 3], 1)).toBe(0.5);
    expect(shareWithin([], 1)).toBe(0);
  });
});
