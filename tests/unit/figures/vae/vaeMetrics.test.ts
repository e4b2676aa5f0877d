import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readVaeMetrics } from '../../../../src/figures/vae/vaeMetrics.ts';

const dir = mkdtempSync(join(tmpdir(), 'metrics-'));
const write = (name: string, value: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
};
const vae = {
  samples: 1000,
  fid: 700,
  sharpness: 0.08,
  reconstructionMse: 0.009,
  reconstructionSharpness: 0.08,
  survives: {
    accuracy: { eyeColour: 0.1, hairStyle: 0.6, hairColour: 0.5, backdrop: 0.6, glasses: 0.7 },
    r2: { faceShape: 0, skinTone: 0.8, brows: 0, smile: 0 },
  },
};

describe('readVaeMetrics', () => {
  test('reads the VAE row with the data floor of the tiny FID', () => {
    const path = write('ok.json', { data: { fid: 6 }, models: { vae, gan: {} } });
    expect(readVaeMetrics(path)).toEqual({ ...vae, dataFid: 6 });
  });

  test('is null before the file or the VAE row exists', () => {
    expect(readVaeMetrics(join(dir, 'missing.json'))).toBeNull();
    expect(readVaeMetrics(write('empty.json', { data: { fid: 6 }, models: {} }))).toBeNull();
  });

  test('a malformed row fails naming the field', () => {
    const bad = { ...vae, survives: { ...vae.survives, r2: { faceShape: 'high' } } };
    const path = write('bad.json', { data: { fid: 6 }, models: { vae: bad } });
    expect(() => readVaeMetrics(path)).toThrow(/models\.vae\.survives\.r2\.faceShape/);
  });
});
