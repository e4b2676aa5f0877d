/**
 * Browser entry for `npm run bench`: the live 2-D GAN's training loop with nothing drawn,
 * on TensorFlow.js wasm in Chromium. The same trainer and settings as the figure's healthy
 * preset, stepped as fast as it goes: the ceiling the figure's steps per second is compared
 * with. Also times one picture (fakes, arrows, D's field) as the figure reads it each frame.
 * Bundled by the bench with esbuild; never part of the site.
 */
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { Gan2dTrainer } from '../../src/models/gan2dTrainer.ts';
import { PICTURE, PRESETS, trainerSettings } from '../../src/models/gan2dPresets.ts';

export interface Gan2dLoopResult {
  backend: string;
  /** Steps (D update + G update) per second, losses read once per 8 steps. */
  stepsPerSecond: number;
  /** Median time of one step and of one picture, ms. */
  stepMs: number;
  pictureMs: number;
  /** Live tensors before and after `steps` steps with pictures and reads. */
  tensorsBefore: number;
  tensorsAfter: number;
  steps: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function run(steps = 2000): Promise<Gan2dLoopResult> {
  setWasmPaths('/wasm/');
  if (!(await tf.setBackend('wasm'))) throw new Error('wasm backend did not start');
  const trainer = new Gan2dTrainer(trainerSettings(PRESETS.healthy.settings));
  // Warm up kernels and create Adam's moments and the picture's noise.
  for (let i = 0; i < 20; i++) trainer.round();
  trainer.takeLosses();
  trainer.snapshot(PICTURE);
  const tensorsBefore = tf.memory().numTensors;

  const stepTimes: number[] = [];
  const start = performance.now();
  for (let i = 1; i <= steps; i++) {
    const t0 = performance.now();
    trainer.round();
    stepTimes.push(performance.now() - t0);
    if (i % 8 === 0) trainer.takeLosses();
  }
  const stepsPerSecond = (steps * 1000) / (performance.now() - start);
  trainer.takeLosses();

  const pictureTimes: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t0 = performance.now();
    trainer.snapshot(PICTURE);
    pictureTimes.push(performance.now() - t0);
  }
  const tensorsAfter = tf.memory().numTensors;
  trainer.dispose();
  return {
    backend: tf.getBackend(),
    stepsPerSecond,
    stepMs: median(stepTimes),
    pictureMs: median(pictureTimes),
    tensorsBefore,
    tensorsAfter,
    steps,
  };
}

(window as unknown as { gan2dBench: typeof run }).gan2dBench = run;
