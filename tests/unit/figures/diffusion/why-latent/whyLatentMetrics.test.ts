import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  msPerExample,
  readWhyLatentMetrics,
} from '../../../../../src/figures/diffusion/why-latent/whyLatentMetrics.ts';

const row = { samples: 10, fid: 100, sharpness: 0.5, nodeMsPerImage: 3 };
const training = { parameters: 5, training: { steps: 10, batch: 4, wallTimeSeconds: 2 } };

function folder(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'why-latent-'));
  for (const [path, value] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), JSON.stringify(value));
  }
  return dir;
}

describe('readWhyLatentMetrics', () => {
  test('reads the ddpm and ldm rows, the unconditional FID and the cards', () => {
    const dir = folder({
      'metrics.json': {
        data: { fid: 6 },
        models: {
          ddpm: row,
          ldm: { ...row, fid: 50, unconditional: { fid: 70, extra: 1 } },
          'ldm-ae': { reconstructionSharpness: 0.6, reconstructionFid: 110, other: 2 },
        },
      },
      'ddpm/card.json': training,
      'ldm/card.json': training,
    });
    const m = readWhyLatentMetrics(dir);
    expect(m.dataFid).toBe(6);
    expect(m.ddpm?.fid).toBe(100);
    expect(m.ldm?.fid).toBe(50);
    expect(m.ldm?.unconditionalFid).toBe(70);
    expect(m.ldmAe).toMatchObject({ reconstructionSharpness: 0.6 });
    expect(m.training.ddpm).toEqual({ parameters: 5, steps: 10, batch: 4, seconds: 2 });
    expect(m.training.ldmAe).toBeNull();
  });

  test('models not evaluated and a missing file read as null', () => {
    expect(
      readWhyLatentMetrics(folder({ 'metrics.json': { data: { fid: 6 }, models: {} } })),
    ).toMatchObject({ ddpm: null, ldm: null, ldmAe: null });
    expect(readWhyLatentMetrics(folder({})).dataFid).toBeNull();
  });

  test('a malformed row fails the build with the path of the bad field', () => {
    const dir = folder({ 'metrics.json': { data: { fid: 6 }, models: { ddpm: { fid: 'x' } } } });
    expect(() => readWhyLatentMetrics(dir)).toThrow(/models\.ddpm\.samples/);
  });

  test('the shipped files parse, and the latent shape is read from the weights', () => {
    const m = readWhyLatentMetrics();
    expect(m.ddpm?.fid).toBeGreaterThan(0);
    expect(m.ldm?.nodeMsPerImage).toBeGreaterThan(0);
    expect(m.fid.vae).toBeGreaterThan(0);
    const l = m.latent!;
    expect(l.height * l.width * l.channels).toBe(l.size);
  });

  test('the latent shape comes from the denoiser input and the decoder channels', () => {
    const manifest = (name: string, shape: number[]) => ({
      weightsManifest: [{ paths: ['weights.bin'], weights: [{ name, shape }] }],
    });
    const dir = folder({
      'ldm/model.json': manifest('denoiser/in/kernel', [48, 64]),
      'ldm-ae/model.json': manifest('ae/dec1/kernel', [3, 3, 3, 64]),
    });
    expect(readWhyLatentMetrics(dir).latent).toEqual({
      height: 4,
      width: 4,
      channels: 3,
      size: 48,
    });
  });
});

describe('msPerExample', () => {
  test('is wall time over steps × batch', () => {
    expect(msPerExample({ parameters: 1, steps: 10, batch: 4, seconds: 2 })).toBe(50);
  });
});
