import { describe, expect, test } from 'vitest';
import {
  CATEGORICAL,
  CATEGORICAL_FACTORS as PROBE_FACTORS,
} from '../../../../../src/models/probe.ts';
import {
  CATEGORICAL_FACTORS,
  DIVERSITY_FACTORS,
  FACTOR_VALUES,
  READOUT_WIDTH,
  readShares,
  underProduced,
} from '../../../../../src/figures/gan/gan-diversity/ganDiversity.ts';

/** One face's read-out: the chosen value of each categorical head gets logit 5, glasses ±1. */
function face(picks: number[], glasses: boolean): number[] {
  const row: number[] = [];
  picks.forEach((p, f) => {
    const values = FACTOR_VALUES[CATEGORICAL_FACTORS[f]!].length;
    for (let j = 0; j < values; j++) row.push(j === p ? 5 : -j);
  });
  row.push(glasses ? 1 : -1);
  return row;
}

describe('reading the probe', () => {
  test('the heads and their values are the probe’s, in its order', () => {
    expect(CATEGORICAL_FACTORS).toEqual(PROBE_FACTORS);
    for (const f of PROBE_FACTORS) expect(FACTOR_VALUES[f]).toEqual(CATEGORICAL[f]);
    expect(DIVERSITY_FACTORS).toEqual([...PROBE_FACTORS, 'glasses']);
    expect(READOUT_WIDTH).toBe(21);
  });

  test('readShares takes the most likely value per head and glasses above logit 0', () => {
    const rows = [face([0, 1, 2, 3], true), face([0, 4, 2, 3], false), face([1, 1, 0, 0], false)];
    const { shares, coverage } = readShares(Float32Array.from(rows.flat()), 3);
    expect(shares.eyeColour).toEqual([2 / 3, 1 / 3, 0, 0, 0]);
    expect(shares.hairStyle).toEqual([0, 2 / 3, 0, 0, 1 / 3]);
    expect(shares.backdrop).toEqual([1 / 3, 0, 0, 2 / 3, 0]);
    expect(shares.glasses).toEqual([1 / 3, 2 / 3]);
    // Pairs seen: (dark-brown, long), (dark-brown, bald), (light-brown, long).
    expect(coverage).toBe(3 / 25);
  });

  test('readShares refuses a read-out of the wrong size', () => {
    expect(() => readShares(new Float32Array(20), 1)).toThrow(/20 numbers for 1 faces/);
  });
});

describe('underProduced', () => {
  test('flags values made under half as often as the data has them', () => {
    expect(underProduced([0.02, 0.3, 0.3, 0.38], [0.45, 0.15, 0.2, 0.2])).toEqual([0]);
    expect(underProduced([0.1, 0.1], [0.19, 0.21])).toEqual([1]);
  });

  test('ignores values the data itself has under 5 % of', () => {
    expect(underProduced([0, 1], [0.04, 0.96])).toEqual([]);
  });
});
