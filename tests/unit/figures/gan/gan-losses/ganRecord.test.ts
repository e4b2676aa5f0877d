import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  readCost,
  readGanRecord,
  readScores,
} from '../../../../../src/figures/gan/gan-losses/ganRecord.ts';

describe('readGanRecord', () => {
  test('reads the shipped card: one loss row every 50 steps up to the last step', () => {
    const record = readGanRecord()!;
    expect(record.history.at(-1)!.step).toBe(record.cost.steps);
    expect(record.history.map((r) => r.step)).toEqual(
      Array.from({ length: record.cost.steps / 50 }, (_, i) => 50 * (i + 1)),
    );
    for (const row of record.history) {
      expect(Number.isFinite(row.discriminator) && Number.isFinite(row.generator)).toBe(true);
    }
    expect(record.verdicts!.onReal).toBeGreaterThan(record.verdicts!.onFakes);
  });

  test('reads both models’ sizes and training times', () => {
    for (const id of ['gan', 'vae'] as const) {
      const cost = readCost(id)!;
      expect(cost.parameters).toBeGreaterThan(0);
      expect(cost.wallTimeSeconds).toBeGreaterThan(0);
    }
  });
});

describe('readScores', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gan-record-'));
  const file = (name: string, body: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(body));
    return path;
  };
  const data = { fid: 6, coverage: 1, sharpness: 1 };

  test('is null before the file exists, or before a model has been evaluated', () => {
    expect(readScores('gan', join(dir, 'missing.json'))).toBeNull();
    expect(readScores('gan', file('no-gan.json', { data, models: {} }))).toBeNull();
    expect(readScores('data', file('data-only.json', { data, models: {} }))).toEqual(data);
  });

  test('names the file and the field when a score is malformed', () => {
    const bad = file('bad.json', { data: { ...data, fid: 'six' }, models: {} });
    expect(() => readScores('data', bad)).toThrow(/bad\.json: data\.fid/);
  });
});
