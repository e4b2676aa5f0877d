/**
 * The shipped models (public/models/) against the quality floors of the model factory,
 * measured here by loading them in Node on wasm and sampling with fixed seeds:
 *   - the vae's samples are clearly blurrier than the pixel-space ddpm's (at most 0.6 of it);
 *   - metrics.json reports numbers that were measured: the gan's and vae's rows recompute
 *     from the shipped weights, and the gan's coverage stands next to the data's;
 *   - every card tells the truth about its weights, the folder fits its 4 MB budget and no
 *     model is over 1.2 MB;
 *   - the ldm at guidance 3 draws the prompted hair style and glasses ≥ 90 % of the time
 *     (probe-read; 99 % and 97.5 % in metrics.json);
 *   - the ldm-ae's reconstructions score a tiny FID ≤ 20 (18.25 in metrics.json).
 * Not met yet, so not asserted here (the model-factory issue stays open; its note has the
 * numbers): ddpm sharpness ≥ 0.8 of real faces (0.52), the ldm's FID ≤ 40 (51.0), the
 * ldm's prompted eye colour ≥ 90 % (54.5 % at guidance 3) and the ldm-ae keeping eye colour
 * in ≥ 95 % of reconstructions (87.9 %; 48.7 % with the earlier 8×8×4 latent).
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  MODELS_DIR,
  evaluateDdpm,
  evaluateGan,
  evaluateLdmAe,
  evaluateVae,
  loadModel,
  loadProbe,
  promptAccuracy,
  realSet,
  type Probe,
} from '../../../scripts/lib/evaluation.ts';
import type { Params } from '../../../src/models/nn.ts';
import { ldmSettings } from '../../../src/models/sampling.ts';
import { useWasmForTraining } from '../../../src/models/training/backend.ts';

const IDS = ['probe', 'vae', 'gan', 'ddpm', 'ldm-ae', 'ldm', 'diffusion-2d'];
const metrics = JSON.parse(readFileSync(join(MODELS_DIR, 'metrics.json'), 'utf8'));
let probe: Probe;
/** metrics.json keeps four significant digits (scripts/evaluate.ts). */
const sig4 = (x: number) => (Number.isInteger(x) ? x : Number(x.toPrecision(4)));
const real = realSet(1000);

// Starting wasm and loading the probe takes a second idle, but far longer on a busy machine.
beforeAll(async () => {
  await useWasmForTraining();
  probe = await loadProbe();
}, 120_000);

describe('the shipped models', () => {
  test.each(IDS)('%s: the card matches its weights', async (id) => {
    const card = JSON.parse(readFileSync(join(MODELS_DIR, id, 'card.json'), 'utf8'));
    const bytes = readFileSync(join(MODELS_DIR, id, 'weights.bin'));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(card.weights.sha256);
    const { weights } = await loadModel(id);
    expect(Object.values(weights).reduce((n, t) => n + t.size, 0)).toBe(card.parameters);
    tf.dispose(Object.values(weights));
  });

  // 3 MB until the GAN was rebuilt for issue 15 (G 128→64→32→16 channels and a D without
  // normalisation, 303 KB → 796 KB of weights), 3.5 MB until the latent grew from 8×8×4 to
  // 8×8×8 (the ldm's first and last layers doubled, 773 KB → 1.04 MB); 4 MB is the budget
  // issue 15 sets. Each model is fetched only when one of its figures wakes, so a reader pays
  // for a model only on the chapters that show it.
  test('public/models/ weighs at most 4 MB, and no model over 1.2 MB', () => {
    const size = (dir: string): number =>
      readdirSync(dir).reduce((n, f) => {
        const path = join(dir, f);
        return n + (statSync(path).isDirectory() ? size(path) : statSync(path).size);
      }, 0);
    expect(size(MODELS_DIR)).toBeLessThanOrEqual(4 * 1024 * 1024);
    for (const id of IDS) {
      expect(statSync(join(MODELS_DIR, id, 'weights.bin')).size, id).toBeLessThanOrEqual(1.2e6);
    }
  });
});

describe('quality floors', () => {
  test('vae samples are clearly blurrier than ddpm samples (at most 0.6 of their sharpness)', async () => {
    const ddpm = await evaluateDdpm(probe, 64, real.set);
    const vae = await evaluateVae(probe, 256, real.set, realSet(64, 2000));
    expect(vae.sharpness).toBeLessThanOrEqual(0.6 * ddpm.sharpness);
  }, 300_000);

  test('ldm at guidance 3 draws the prompted hair style and glasses ≥ 90 % of the time', async () => {
    const ae = (await loadModel('ldm-ae')).groups.ae as Params;
    const { groups, modelJson } = await loadModel('ldm');
    const accuracy = await promptAccuracy(
      probe,
      ae,
      groups.denoiser as Params,
      ldmSettings(modelJson),
      20,
      3,
    );
    expect(accuracy.hairStyle!.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(accuracy.glasses!.accuracy).toBeGreaterThanOrEqual(0.9);
  }, 300_000);
});

describe('metrics.json reports what was measured', () => {
  test('the gan row recomputes from the shipped generator, beside the data’s coverage', async () => {
    const gan = await evaluateGan(probe, metrics.models.gan.samples, real.set);
    expect(sig4(gan.fid)).toBe(metrics.models.gan.fid);
    expect(sig4(gan.coverage)).toBe(metrics.models.gan.coverage);
    expect(sig4(gan.sharpness)).toBe(metrics.models.gan.sharpness);
    expect(metrics.data.coverage).toBeGreaterThan(0);
  }, 120_000);

  test('the vae row recomputes from the shipped VAE', async () => {
    const vae = await evaluateVae(probe, metrics.models.vae.samples, real.set, realSet(1000, 2000));
    expect(sig4(vae.fid)).toBe(metrics.models.vae.fid);
    expect(sig4(vae.reconstructionMse)).toBe(metrics.models.vae.reconstructionMse);
  }, 120_000);

  test('the ldm-ae row recomputes from the shipped autoencoder, its reconstruction FID ≤ 20', async () => {
    const ae = await evaluateLdmAe(probe, real.set, realSet(1000, 2000));
    expect(sig4(ae.reconstructionFid)).toBe(metrics.models['ldm-ae'].reconstructionFid);
    expect(ae.reconstructionFid).toBeLessThanOrEqual(20);
    expect(sig4(ae.survives.accuracy['eyeColour']!)).toBe(
      metrics.models['ldm-ae'].survives.accuracy.eyeColour,
    );
  }, 120_000);
});
