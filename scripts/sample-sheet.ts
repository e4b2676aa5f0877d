/**
 * `npx tsx scripts/sample-sheet.ts [outDir] [ids]`: grids of samples from every shipped model (or only the comma-separated ids), to
 * look at them (default /tmp/samples/). Each sheet is 8 × 4 faces at 4×:
 *  - vae.png, gan.png, ddpm.png (50-step DDIM), ldm.png (unconditional, guidance 1);
 *  - ldm-prompts.png: one row per prompt (blue eyes; curly red hair; glasses; bun, dark
 *    skin) at guidance 3;
 *  - recon.png: rows of held-out faces, their vae and their ldm-ae reconstructions.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { IMAGE_LENGTH, SIZE } from '../src/data/headshots.ts';
import { aeDecode, aeEncode } from '../src/models/latentAe.ts';
import type { Prompt } from '../src/models/latentDenoiser.ts';
import type { Params } from '../src/models/nn.ts';
import {
  ldmSettings,
  readOut,
  sampleDdpm,
  sampleGan,
  sampleLdm,
  sampleVae,
} from '../src/models/sampling.ts';
import { useWasmForTraining } from '../src/models/training/backend.ts';
import { decode, encode } from '../src/models/vae.ts';
import { MODELS_DIR, loadModel, realSet } from './lib/evaluation.ts';
import { Sheet } from './lib/sheet.ts';

const outDir = process.argv[2] ?? '/tmp/samples';
mkdirSync(outDir, { recursive: true });
await useWasmForTraining();
// An optional second argument names the models to draw (comma-separated; default all).
const only = process.argv[3]?.split(',');
const has = (id: string) =>
  existsSync(join(MODELS_DIR, id, 'model.json')) && (!only || only.includes(id));
const COLS = 8;
const SCALE = 4;
const GAP = 4;
const CELL = SIZE * SCALE + GAP;

function grid(name: string, pixels: Float32Array, cols = COLS): void {
  const n = pixels.length / IMAGE_LENGTH;
  const rows = Math.ceil(n / cols);
  const sheet = new Sheet(cols * CELL + GAP, rows * CELL + GAP);
  for (let k = 0; k < n; k++) {
    const image = pixels.subarray(k * IMAGE_LENGTH, (k + 1) * IMAGE_LENGTH);
    sheet.paste(image, GAP + (k % cols) * CELL, GAP + Math.floor(k / cols) * CELL, SCALE);
  }
  sheet.save(join(outDir, name));
}

if (has('vae'))
  grid('vae.png', await sampleVae((await loadModel('vae')).groups.vae as Params, 32, 1));
if (has('gan'))
  grid('gan.png', await sampleGan((await loadModel('gan')).groups.generator as Params, 32, 1));
if (has('ddpm'))
  grid(
    'ddpm.png',
    await sampleDdpm((await loadModel('ddpm')).groups.unet as Params, { n: 32, seed: 1 }),
  );
if (has('ldm') && has('ldm-ae')) {
  const ae = (await loadModel('ldm-ae')).groups.ae as Params;
  const { groups, modelJson } = await loadModel('ldm');
  const den = groups.denoiser as Params;
  const settings = ldmSettings(modelJson);
  grid(
    'ldm.png',
    await sampleLdm(ae, den, { n: 32, prompt: {}, guidance: 1, ...settings, seed: 1 }),
  );
  const prompts: Prompt[] = [
    { eyeColour: 'blue' },
    { hairStyle: 'curly', hairColour: 'red' },
    { glasses: true },
    { hairStyle: 'bun', skinTone: 0.9 },
  ];
  const rows = prompts.flatMap((p) => new Array<Prompt>(COLS).fill(p));
  grid(
    'ldm-prompts.png',
    await sampleLdm(ae, den, { n: rows.length, prompt: rows, guidance: 3, ...settings, seed: 2 }),
  );
}
if (has('vae') && has('ldm-ae')) {
  const real = realSet(COLS, 2000).set;
  const x = () => tf.tensor4d(real.pixels, [COLS, SIZE, SIZE, 3]);
  const v = (await loadModel('vae')).groups.vae as Params;
  const ae = (await loadModel('ldm-ae')).groups.ae as Params;
  const vae = await readOut(() => decode(v, encode(v, x()).mu));
  const ldm = await readOut(() => aeDecode(ae, aeEncode(ae, x()).mu));
  const all = new Float32Array(3 * real.pixels.length);
  all.set(real.pixels);
  all.set(vae, real.pixels.length);
  all.set(ldm, 2 * real.pixels.length);
  grid('recon.png', all);
}
