import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readGanMetrics } from '../../../../../src/figures/gan/gan-diversity/ganMetricsFile.ts';

const dir = mkdtempSync(join(tmpdir(), 'gan-metrics-'));
const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(content));
  return path;
};
const shares = { eyeColour: [1], hairStyle: [1], hairColour: [1], backdrop: [1], glasses: [1, 0] };
const row = { samples: 10, coverage: 0.5, sharpness: 1.1, distributions: shares, fid: 3 };

describe('readGanMetrics', () => {
  test('reads the shipped file: the GAN and the data, with the VAE’s sharpness', () => {
    const m = readGanMetrics();
    expect(m).not.toBeNull();
    expect(m!.gan.distributions.eyeColour).toHaveLength(5);
    expect(m!.data.distributions.glasses).toHaveLength(2);
    expect(m!.gan.coverage).toBeGreaterThan(0);
    expect(typeof m!.sampleSeed).toBe('number');
  });

  test('is null without the file or without a GAN row', () => {
    expect(readGanMetrics(join(dir, 'missing.json'))).toBeNull();
    expect(readGanMetrics(file('nogan.json', { sampleSeed: 1, data: row, models: {} }))).toBeNull();
  });

  test('keeps only the fields it needs; the VAE’s sharpness is null before it is measured', () => {
    const m = readGanMetrics(file('gan.json', { sampleSeed: 4, data: row, models: { gan: row } }));
    expect(m).toEqual({
      sampleSeed: 4,
      data: { samples: 10, coverage: 0.5, sharpness: 1.1, distributions: shares },
      gan: { samples: 10, coverage: 0.5, sharpness: 1.1, distributions: shares },
      vaeSharpness: null,
    });
  });

  test('names the field when the file is malformed', () => {
    const bad = file('bad.json', { sampleSeed: 1, data: { ...row, coverage: 'x' }, models: {} });
    expect(() => readGanMetrics(bad)).toThrow(/data\.coverage/);
  });
});
