import { describe, expect, test } from 'vitest';
import { withUrlOverride } from '../../../src/models/runtime.ts';

describe('withUrlOverride', () => {
  test('keeps the figure’s order and appends the backends it did not name', () => {
    expect(withUrlOverride(['webgl'], '')).toEqual(['webgl', 'wasm', 'cpu']);
  });

  test('moves ?backend= to the front', () => {
    expect(withUrlOverride(['wasm', 'webgl', 'cpu'], '?backend=webgl')).toEqual([
      'webgl',
      'wasm',
      'cpu',
    ]);
  });

  test('ignores an unknown backend', () => {
    expect(withUrlOverride(['wasm', 'webgl', 'cpu'], '?backend=webgpu')).toEqual([
      'wasm',
      'webgl',
      'cpu',
    ]);
  });
});
