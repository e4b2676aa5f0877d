/**
 * Trains the site's models in Node with pure TensorFlow.js (wasm backend plus the training
 * kernels of src/models/training) and ships them to public/models/<id>/.
 *
 *   npm run train -- <id> [--resume] [--smoke] [--steps N]   one model
 *   npm run train -- all [--resume]                every model, two processes at a time
 *
 * ids: probe, vae, gan, ddpm, ldm-ae, ldm-ae-sharp (ldm-ae's second stage: a sharper decoder),
 * ldm-ae-eyes (its third: eyes weighted up), ldm, diffusion-2d. Checkpoints go to
 * .checkpoints/<id>/ every 250 steps; `--resume` continues from the last one (weights, Adam
 * moments, EMA and loss history), so a long run can span several sittings; on a machine with
 * no checkpoint it continues from the shipped weights as a new stage. `--smoke` runs a
 * tiny configuration into .checkpoints/smoke/ (nothing is shipped) and checks the loss fell.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { useWasmForTraining } from '../src/models/training/backend.ts';
import { run, type Trainer } from './lib/harness.ts';
import { lossFell } from './lib/lossFell.ts';
import { TRAINERS, type ModelId } from './trainers/index.ts';

const args = process.argv.slice(2);
const id = args[0];
const resume = args.includes('--resume');
const smoke = args.includes('--smoke');

/** Two lanes, one per core; each lane trains in order (ldm needs the shipped ldm-ae). */
const LANES: ModelId[][] = [
  ['ddpm', 'gan', 'diffusion-2d'],
  ['vae', 'ldm-ae', 'ldm-ae-sharp', 'ldm-ae-eyes', 'ldm'],
];

if (id === 'all') {
  const results = await Promise.all(LANES.map((lane) => runLane(lane)));
  process.exit(results.every(Boolean) ? 0 : 1);
} else if (id === 'probe') {
  // The probe predates the shared harness and keeps its own script.
  const code = await child(['scripts/train-probe.ts', 'probe', ...args.slice(1)]);
  process.exit(code);
} else if (id && id in TRAINERS) {
  await useWasmForTraining();
  const trainer: Trainer = await TRAINERS[id as ModelId]({ smoke });
  // --steps N changes the length of a run (the cosine learning-rate schedule follows it), e.g.
  // to stop a resumed run earlier or extend it.
  const stepsAt = args.indexOf('--steps');
  if (stepsAt >= 0)
    trainer.steps = Math.max(1, Math.floor(Number(args[stepsAt + 1])) || trainer.steps);
  const dir = smoke ? join('.checkpoints', 'smoke', id) : undefined;
  const result = await run(trainer, {
    resume,
    ...(dir
      ? { checkpointDir: join(dir, 'checkpoint'), outDir: join(dir, 'model'), logEvery: 10 }
      : {}),
  });
  console.log(`${id}: ${tf.memory().numTensors} tensors alive at the end`);
  if (smoke && !lossFell(result.history)) {
    console.error(`${id}: smoke run failed: the loss did not fall`, result.history);
    process.exit(1);
  }
} else {
  console.error(
    `Usage: npm run train -- <${['all', 'probe', ...Object.keys(TRAINERS)].join('|')}> [--resume] [--smoke] [--steps N]`,
  );
  process.exit(2);
}

async function runLane(lane: ModelId[]): Promise<boolean> {
  for (const model of lane) {
    const code = await child(['scripts/train.ts', model, ...(resume ? ['--resume'] : [])]);
    if (code !== 0) {
      console.error(`${model} failed (exit ${code}); stopping this lane`);
      return false;
    }
  }
  return true;
}

function child(argv: string[]): Promise<number> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--import', 'tsx', ...argv], { stdio: 'inherit' });
    p.on('exit', (code) => resolve(code ?? 1));
  });
}
