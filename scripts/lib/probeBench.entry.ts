/**
 * Browser entry for `npm run bench`: times the probe on 256 headshots with TensorFlow.js on
 * wasm in Chromium. Bundled by the bench with esbuild; never part of the site.
 */
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { SIZE, TEST_SEEDS, headshotBatch } from '../../src/data/headshots.ts';
import { disposeOutputs, probeForward } from '../../src/models/probe.ts';
import { loadWeightsFromUrl } from '../../src/models/training/weightsUrl.ts';

async function run() {
  setWasmPaths('/wasm/');
  if (!(await tf.setBackend('wasm'))) throw new Error('wasm backend did not start');
  const weights = await loadWeightsFromUrl('/models/probe/model.json');
  const n = 256;
  const batch = headshotBatch(TEST_SEEDS.first, n);
  const times: number[] = [];
  for (let i = 0; i < 6; i++) {
    const t0 = performance.now();
    const out = tf.tidy(() => probeForward(weights, tf.tensor4d(batch.pixels, [n, SIZE, SIZE, 3])));
    await out.features.data();
    disposeOutputs(out);
    times.push(performance.now() - t0);
  }
  // The first run compiles and warms caches; report the median of the rest.
  const warm = times.slice(1).sort((a, b) => a - b);
  return { backend: tf.getBackend(), first: times[0], median: warm[Math.floor(warm.length / 2)] };
}

(window as unknown as { probeBench: typeof run }).probeBench = run;
