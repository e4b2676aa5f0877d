/**
 * Scores every shipped model with the same yardstick on fixed seeds and writes
 * public/models/metrics.json, which the chapters and the comparison page read.
 *
 *   npm run evaluate [-- --only vae,gan]
 *
 * Reference: 1,000 held-out faces (test seeds 1,000,000…). The data's own row scores another
 * 1,000 held-out faces against them: the floor every model's tiny FID should be read against.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { useWasmForTraining } from '../src/models/training/backend.ts';
import {
  MODELS_DIR,
  SAMPLE_SEED,
  evaluate2d,
  evaluateDdpm,
  evaluateGan,
  evaluateLdm,
  evaluateLdmAe,
  evaluateVae,
  factorDistributions,
  loadProbe,
  promptsOf,
  realSet,
} from './lib/evaluation.ts';
import { scoreSet } from '../src/models/yardstick.ts';

const N = 1000;
const DDPM_N = 500;
const args = process.argv.slice(2);
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? new Set(args[onlyAt + 1]!.split(',')) : null;
const out = join(MODELS_DIR, 'metrics.json');

await useWasmForTraining();
const probe = await loadProbe();
const reference = realSet(N);
const other = realSet(N, 5000);
const recon = realSet(N, 2000);

const previous = existsSync(out) ? JSON.parse(await readFile(out, 'utf8')) : { models: {} };
const models: Record<string, unknown> = { ...previous.models };
const has = (id: string) => existsSync(join(MODELS_DIR, id, 'model.json'));
const want = (id: string) => (!only || only.has(id)) && has(id);
const timed = async <T>(id: string, f: () => Promise<T>) => {
  const t0 = performance.now();
  models[id] = await f();
  console.log(`${id}: ${((performance.now() - t0) / 1000).toFixed(1)} s`, summary(models[id]));
};

if (want('vae')) await timed('vae', () => evaluateVae(probe, N, reference.set, recon));
if (want('gan')) await timed('gan', () => evaluateGan(probe, N, reference.set));
if (want('ddpm')) await timed('ddpm', () => evaluateDdpm(probe, DDPM_N, reference.set));
if (want('ldm-ae')) await timed('ldm-ae', () => evaluateLdmAe(probe, reference.set, recon));
if (want('ldm') && has('ldm-ae'))
  await timed('ldm', () => evaluateLdm(probe, N, reference.set, promptsOf(other.factors), 40));
if (want('diffusion-2d')) await timed('diffusion-2d', () => evaluate2d(2000));

const data = {
  samples: N,
  ...(await scoreSet(probe, other.set, reference.set)),
  distributions: await factorDistributions(probe, other.set),
};
const metrics = {
  description:
    'Every shipped model scored by the same yardstick (src/models/yardstick.ts) against 1,000 held-out Tiny Headshots (test seeds 1,000,000…1,000,999). fid: Fréchet distance of probe features (lower is better; "data" is 1,000 other held-out faces, the floor). coverage: share of the 25 eye colour × hair style combinations the probe finds. sharpness: Laplacian energy relative to real faces. tv: total variation between probe-read factor distributions. distributions: probe-read shares of each factor value, in the order of the factor lists in src/data/headshots.ts (glasses: [yes, no]).',
  generatedBy: 'npm run evaluate',
  backend: `tfjs-backend-wasm ${tf.version_core} in Node`,
  sampleSeed: SAMPLE_SEED,
  data,
  models,
};
await writeFile(out, `${JSON.stringify(metrics, round, 2)}\n`);
console.log(`wrote ${out}`);

/** Four significant digits are plenty for a figure and keep the file diffable. */
function round(_key: string, value: unknown) {
  return typeof value === 'number' && !Number.isInteger(value)
    ? Number(value.toPrecision(4))
    : value;
}

function summary(m: unknown) {
  const o = m as Record<string, unknown>;
  return Object.fromEntries(
    ['fid', 'coverage', 'sharpness', 'reconstructionMse', 'reconstructionSharpness']
      .filter((k) => k in o)
      .map((k) => [k, o[k]]),
  );
}
