import { describe, expect, test } from 'vitest';
import {
  contrastRatio,
  over,
  parseColor,
  relativeLuminance,
  textContrast,
  type Rgba,
} from '../../e2e/lib/projector.ts';

const WHITE: Rgba = [255, 255, 255, 1];
const BLACK: Rgba = [0, 0, 0, 1];

describe('parseColor', () => {
  test('reads the rgb() and rgba() forms a computed style returns', () => {
    expect(parseColor('rgb(255, 0, 0)')).toEqual([255, 0, 0, 1]);
    expect(parseColor('rgba(0, 0, 0, 0.5)')).toEqual([0, 0, 0, 0.5]);
    expect(parseColor('rgb(10 20 30 / 50%)')).toEqual([10, 20, 30, 0.5]);
  });
  test('reads color(srgb …), whose channels run from 0 to 1', () => {
    expect(parseColor('color(srgb 1 0.5 0 / 0.25)')).toEqual([255, 127.5, 0, 0.25]);
    expect(parseColor('color(srgb 0 0 1)')).toEqual([0, 0, 255, 1]);
  });
  test('reads hex with 3, 4, 6 and 8 digits, and transparent', () => {
    expect(parseColor('#fff')).toEqual([255, 255, 255, 1]);
    expect(parseColor('#0008')).toEqual([0, 0, 0, 136 / 255]);
    expect(parseColor('#1f6f8b')).toEqual([31, 111, 139, 1]);
    expect(parseColor('#11223380')).toEqual([17, 34, 51, 128 / 255]);
    expect(parseColor('transparent')).toEqual([0, 0, 0, 0]);
  });
  test('returns null for forms it does not know, so the page asks a canvas', () => {
    expect(parseColor('oklch(0.5 0.1 200)')).toBeNull();
    expect(parseColor('color(display-p3 1 0 0)')).toBeNull();
    expect(parseColor('#12345')).toBeNull();
    expect(parseColor('red')).toBeNull();
  });
});

describe('relativeLuminance', () => {
  test('is 0 for black, 1 for white and 0.2159 for #808080 (WCAG 2)', () => {
    expect(relativeLuminance(BLACK)).toBe(0);
    expect(relativeLuminance(WHITE)).toBeCloseTo(1, 10);
    expect(relativeLuminance([128, 128, 128, 1])).toBeCloseTo(0.2159, 4);
  });
  test('weighs green most and blue least', () => {
    const g = relativeLuminance([0, 255, 0, 1]);
    const r = relativeLuminance([255, 0, 0, 1]);
    const b = relativeLuminance([0, 0, 255, 1]);
    expect([r, g, b].map((v) => +v.toFixed(4))).toEqual([0.2126, 0.7152, 0.0722]);
  });
});

describe('contrastRatio', () => {
  test('is 21 for black on white and 1 for a colour on itself, either way round', () => {
    expect(contrastRatio(BLACK, WHITE)).toBeCloseTo(21, 10);
    expect(contrastRatio(WHITE, BLACK)).toBeCloseTo(21, 10);
    expect(contrastRatio([31, 111, 139, 1], [31, 111, 139, 1])).toBe(1);
  });
  test('matches the well-known greys: #767676 is 4.54:1 and #595959 is 7.0:1 on white', () => {
    expect(contrastRatio(parseColor('#767676')!, WHITE)).toBeCloseTo(4.54, 2);
    expect(contrastRatio(parseColor('#595959')!, WHITE)).toBeCloseTo(7.0, 1);
  });
});

describe('over', () => {
  test('half-transparent black on white is mid grey; transparent leaves the bottom', () => {
    expect(over([0, 0, 0, 0.5], WHITE)).toEqual([127.5, 127.5, 127.5, 1]);
    expect(over([9, 9, 9, 0], [1, 2, 3, 1])).toEqual([1, 2, 3, 1]);
    expect(over([1, 2, 3, 1], WHITE)).toEqual([1, 2, 3, 1]);
  });
  test('two half-transparent layers add up to three quarters', () => {
    expect(over([0, 0, 0, 0.5], [0, 0, 0, 0.5])).toEqual([0, 0, 0, 0.75]);
    expect(over([0, 0, 0, 0], [0, 0, 0, 0])).toEqual([0, 0, 0, 0]);
  });
});

describe('textContrast', () => {
  test('is plain contrast for opaque ink on the base', () => {
    expect(textContrast(BLACK, [])).toBeCloseTo(21, 10);
  });
  test('composites faded ink before comparing', () => {
    expect(textContrast([0, 0, 0, 0.5], [])).toBeCloseTo(
      contrastRatio([127.5, 127.5, 127.5, 1], WHITE),
      10,
    );
  });
  test('paints the background layers bottom-up on the base', () => {
    // A translucent black veil over an opaque blue: white text sees the darkened blue.
    const layers: Rgba[] = [
      [0, 0, 0, 0.5],
      [0, 0, 255, 1],
    ];
    expect(textContrast(WHITE, layers)).toBeCloseTo(contrastRatio(WHITE, [0, 0, 127.5, 1]), 10);
    // A layer that lets the base through: a 7% family tint on white.
    const tint = textContrast([21, 78, 99, 1], [[21, 78, 99, 0.07]]);
    expect(tint).toBeLessThan(contrastRatio([21, 78, 99, 1], WHITE));
    expect(tint).toBeGreaterThan(7);
  });
});
