import { describe, expect, test } from 'vitest';
import { cursorKey } from '../../../../../src/figures/diffusion/noise-schedules/cursorKeys.ts';

describe('cursorKey', () => {
  test('arrows move one step, or a tenth of T with Shift', () => {
    expect(cursorKey('ArrowRight', false, 300, 1000)).toBe(301);
    expect(cursorKey('ArrowUp', false, 300, 1000)).toBe(301);
    expect(cursorKey('ArrowLeft', false, 300, 1000)).toBe(299);
    expect(cursorKey('ArrowDown', true, 300, 1000)).toBe(200);
    expect(cursorKey('ArrowRight', true, 30, 50)).toBe(35);
  });

  test('Page keys move a tenth of T (at least one step); Home and End go to the ends', () => {
    expect(cursorKey('PageUp', false, 300, 1000)).toBe(400);
    expect(cursorKey('PageDown', false, 3, 5)).toBe(2);
    expect(cursorKey('Home', false, 300, 1000)).toBe(0);
    expect(cursorKey('End', false, 3, 50)).toBe(50);
  });

  test('ignores other keys', () => {
    expect(cursorKey('a', false, 3, 50)).toBeUndefined();
    expect(cursorKey('Tab', true, 3, 50)).toBeUndefined();
  });
});
