import { describe, expect, test } from 'vitest';
import {
  formatNumber,
  metricsCsv,
  type FileNumbers,
} from '../../../../src/figures/compare/compareNumbers.ts';

const row = (fid: number, ms: number | null) => ({
  samples: 1000,
  fid,
  sharpness: 0.5,
  coverage: 0.8,
  msPerFace: ms,
  sampler: null,
});

const file: FileNumbers = {
  sampleSeed: 4242,
  backend: 'wasm',
  data: { samples: 1000, fid: 6, sharpness: 1, coverage: 1 },
  models: { vae: row(700, 0.8), gan: row(370, 0.5), ddpm: null, ldm: row(137, 10) },
  reconstruction: { vae: 0.009, 'ldm-ae': 0.0014 },
};

describe('metricsCsv', () => {
  test('writes a header, the data row, one row per evaluated model and the latent autoencoder', () => {
    expect(metricsCsv(file).split('\r\n')).toEqual([
      'source,model,samples,tiny_fid,sharpness,coverage,reconstruction_mse,ms_per_face',
      'file,data,1000,6,1,1,,',
      'file,vae,1000,700,0.5,0.8,0.009,0.8',
      'file,gan,1000,370,0.5,0.8,,0.5',
      'file,ldm,1000,137,0.5,0.8,,10',
      'file,ldm-ae,,,,,0.0014,',
      '',
    ]);
  });

  test('adds the browser rows after the file rows, data first, in the models’ order', () => {
    const csv = metricsCsv(file, {
      ldm: { samples: 16, fid: 200, sharpness: 0.4, coverage: 0.3, msPerFace: 12 },
      data: { samples: 16, fid: 50, sharpness: 1, coverage: 0.4, msPerFace: null },
    });
    expect(csv.split('\r\n').slice(6, 8)).toEqual([
      'browser,data,16,50,1,0.4,,',
      'browser,ldm,16,200,0.4,0.3,,12',
    ]);
  });
});

describe('formatNumber', () => {
  test('keeps three significant figures, and whole numbers from 100 up', () => {
    expect([0, 0.009251, 0.07812, 1.086, 10.32, 136.6, 714.4].map(formatNumber)).toEqual([
      '0',
      '0.00925',
      '0.0781',
      '1.09',
      '10.3',
      '137',
      '714',
    ]);
  });
});
