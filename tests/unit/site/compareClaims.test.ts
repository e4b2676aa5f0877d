import { describe, expect, test } from 'vitest';
import {
  checkClaims,
  worstRebound,
  type CardFacts,
  type ClaimInputs,
} from '../../../src/site/compareClaims.ts';
import { readCompareInputs } from '../../../src/figures/compare/compareFile.ts';
import { FIGURE_IDS } from '../../../src/figures/ids.ts';

const card = (o: Partial<CardFacts> = {}): CardFacts => ({
  parameters: 1000,
  steps: 1000,
  batch: 32,
  wallTimeSeconds: 600,
  losses: [1, 0.5, 0.3, 0.2, 0.2],
  first: { generator: 1 },
  last: { generator: 2 },
  ...o,
});
const model = (fid: number, sharpness: number, coverage: number, msPerFace: number) => ({
  samples: 1000,
  fid,
  sharpness,
  coverage,
  msPerFace,
  sampler: 'DDIM, 50 steps, η = 0',
});

function inputs(o: Partial<ClaimInputs['numbers']['models']> = {}): ClaimInputs {
  return {
    numbers: {
      sampleSeed: 1,
      backend: 'wasm',
      data: { samples: 1000, fid: 6, sharpness: 1, coverage: 1 },
      models: {
        vae: model(700, 0.08, 0.24, 0.8),
        gan: model(370, 1.08, 0.96, 0.5),
        ddpm: model(300, 0.52, 0.84, 250),
        ldm: model(137, 0.52, 0.92, 10),
        ...o,
      },
      reconstruction: { vae: 0.009, 'ldm-ae': 0.0014 },
    },
    vaeEyeColourAccuracy: 0.1,
    ldmUnconditionalFid: 208,
    promptAccuracy: { eyeColour: 0.4, hairStyle: 0.98, glasses: 0.9 },
    cards: {
      vae: card(),
      gan: card({ wallTimeSeconds: 1800 }),
      ddpm: card(),
      ldm: card(),
      'ldm-ae': card(),
    },
  };
}

const verdicts = (i: ClaimInputs) =>
  Object.fromEntries(checkClaims(i).map((c) => [c.id, c.verdict]));

describe('checkClaims', () => {
  test('gives the nine claims a verdict each from the numbers', () => {
    expect(verdicts(inputs())).toEqual({
      'vae-blur': 'supported',
      'vae-gaussian': 'supported',
      'gan-hard': 'qualified',
      'gan-diverse': 'contradicted',
      'gan-compute': 'supported',
      'diffusion-quality': 'qualified',
      'diffusion-stable': 'supported',
      'diffusion-prompt': 'qualified',
      'latent-fast': 'supported',
    });
  });

  test('a GAN that covers less than both diffusion models supports "less diverse"', () => {
    expect(verdicts(inputs({ gan: model(370, 1, 0.5, 0.5) }))['gan-diverse']).toBe('supported');
  });

  test('a GAN between the two diffusion models qualifies "less diverse"', () => {
    const i = inputs({ gan: model(370, 1, 0.9, 0.5), ldm: model(137, 0.5, 1, 10) });
    expect(verdicts(i)['gan-diverse']).toBe('qualified');
  });

  test('diffusion with a worse FID than the GAN contradicts "better quality"', () => {
    const i = inputs({ ddpm: model(400, 1, 0.8, 250), ldm: model(380, 1, 0.9, 10) });
    expect(verdicts(i)['diffusion-quality']).toBe('contradicted');
  });

  test('the quality evidence follows the numbers: sharper diffusion, and an unprompted latent model behind the GAN', () => {
    const evidence = (i: ClaimInputs) => checkClaims(i).find((c) => c.id === 'diffusion-quality')!;
    // The shipped case of issue 15: the latent model the sharpest, the GAN ahead of it unprompted.
    const i = inputs({ gan: model(162, 0.59, 1, 0.5), ldm: model(94, 0.68, 1, 10) });
    const c = evidence({ ...i, ldmUnconditionalFid: 167 });
    expect(c.verdict).toBe('supported');
    expect(c.evidence).toContain('Fine detail agrees: the latent model keeps 68%');
    expect(c.evidence).toContain('Without a prompt, though, the latent model comes no closer');
    expect(c.evidence).not.toContain('But our diffusion samples');
    // A GAN far sharper than both: the old caveat, and no unprompted remark when it is ahead.
    const sharp = evidence(inputs());
    expect(sharp.verdict).toBe('qualified');
    expect(sharp.evidence).toContain('But our diffusion samples keep only 52%');
    expect(sharp.evidence).not.toContain('Without a prompt');
  });

  test('a GAN that covers as much as the best diffusion model is "no less diverse", in words too', () => {
    const c = checkClaims(
      inputs({ gan: model(162, 0.59, 1, 0.5), ldm: model(94, 0.68, 1, 10) }),
    ).find((x) => x.id === 'gan-diverse')!;
    expect(c.verdict).toBe('contradicted');
    expect(c.evidence).toContain('it misses no more than the best diffusion model');
  });

  test('a model not evaluated yet leaves its claims unmeasured instead of guessing', () => {
    const v = verdicts(inputs({ ldm: null }));
    expect(v['latent-fast']).toBe('unmeasured');
    expect(v['gan-diverse']).toBe('unmeasured');
  });

  test('every claim links to a registered figure of its chapter', () => {
    for (const c of checkClaims(inputs())) expect(FIGURE_IDS).toContain(c.figure.id);
  });

  test('the shipped numbers give every claim a verdict', () => {
    const real = readCompareInputs();
    expect(real).not.toBeNull();
    expect(checkClaims(real!).map((c) => c.verdict)).not.toContain('unmeasured');
  });
});

describe('worstRebound', () => {
  test('is the largest rise above the best value so far, after the first tenth', () => {
    expect(worstRebound([1, 0.5, 0.4, 0.6, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3])).toBeCloseTo(0.5);
    expect(worstRebound([1, 0.8, 0.6, 0.4])).toBe(0);
  });
});
