import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  readDiffusion2dMetrics,
  readLdmPromptMetrics,
} from '../../../../src/figures/diffusion/diffusionMetrics.ts';

const file = (models: unknown) => {
  const path = join(mkdtempSync(join(tmpdir(), 'metrics-')), 'metrics.json');
  writeFileSync(path, JSON.stringify({ models }));
  return path;
};

describe('readDiffusion2dMetrics', () => {
  test('returns precision and recall per shape, or null when absent', () => {
    const path = file({ 'diffusion-2d': { ring: { precision: 0.9, recall: 1 } } });
    expect(readDiffusion2dMetrics(path)).toEqual({ ring: { precision: 0.9, recall: 1 } });
    expect(readDiffusion2dMetrics(file({}))).toBeNull();
    expect(readDiffusion2dMetrics('/nonexistent/metrics.json')).toBeNull();
  });
});

describe('readLdmPromptMetrics', () => {
  test('collects FID by guidance and prompt accuracy at the guidances measured', () => {
    const path = file({
      ldm: {
        fid: 136,
        unconditional: { fid: 208 },
        guidance3: { fid: 116 },
        promptAccuracyAtGuidance3: { glasses: { accuracy: 0.875, perValue: {} } },
      },
    });
    expect(readLdmPromptMetrics(path)).toEqual({
      fid: [
        { w: 0, value: 208 },
        { w: 1, value: 136 },
        { w: 3, value: 116 },
      ],
      accuracy: [{ w: 3, factors: [{ factor: 'glasses', accuracy: 0.875 }] }],
    });
    expect(readLdmPromptMetrics(file({}))).toBeNull();
  });

  test('the shipped metrics.json parses', () => {
    expect(readLdmPromptMetrics()).not.toBeNull();
    expect(Object.keys(readDiffusion2dMetrics() ?? {})).toContain('swiss');
  });
});
