/**
 * The race figure's Web Worker: TensorFlow.js (wasm, else plain JavaScript) and two models
 * training on the same points, turn about, each for the same slice of time, so the chart's
 * clock is fair to both. About ten times a second (twice with reduced motion) it samples
 * each model from fixed noise, measures the samples' energy distance to the data and posts
 * one frame; the page draws it. Heavy work never runs on the page's main thread.
 */
import * as tf from '@tensorflow/tfjs-core';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { BackendName } from '../../../models/backends.ts';
import { RaceLane } from './raceLane.ts';
import type { FromWorker, RaceSettings, ToWorker } from './race2dProtocol.ts';

/** Training time each lane gets per turn, and the least time between two frames. */
const SLICE_MS = 6;
const FRAME_MS = 100;
const REDUCED_MOTION_FRAME_MS = 500;
/**
 * Sampling and measuring both models for a frame took about 20 ms per denoiser (measured in
 * Node on wasm): frames come no more often than keeps that under a fifth of the time.
 */
const MEASURING_SHARE = 0.2;
let frameCost = 0;

const scope = self as unknown as {
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
};

let lanes: RaceLane[] = [];
let settings: RaceSettings | null = null;
let playing = false;
let reduced = false;
let clock = 0;
let run = 0;
let lastFrame = 0;
let ready: Promise<BackendName> | null = null;
/** A zero-delay turn of the event loop that lets the page's messages in between turns. */
const channel = new MessageChannel();
channel.port1.onmessage = () => tick();

async function start(): Promise<BackendName> {
  try {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    const { registerInferenceKernels } = await import('../../../models/training/wasmKernels.ts');
    registerInferenceKernels();
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    wasm.setWasmPaths({
      'tfjs-backend-wasm.wasm': wasmUrl,
      'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
      'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedUrl,
    });
    if (await tf.setBackend('wasm')) return 'wasm';
  } catch {
    // Falls through to plain JavaScript, which every browser runs.
  }
  await import('@tensorflow/tfjs-backend-cpu');
  if (await tf.setBackend('cpu')) return 'cpu';
  throw new Error('TensorFlow.js could not start in this browser.');
}

function rebuild(next: RaceSettings, show = true): void {
  for (const lane of lanes) lane.dispose();
  settings = next;
  lanes = next.lanes.map((kind, i) => new RaceLane(kind, next, i));
  clock = 0;
  run++;
  if (show) post();
}

function post(): void {
  const started = performance.now();
  const frames = lanes.map((lane) => lane.frame(reduced));
  frameCost = performance.now() - started;
  const transfer = frames.flatMap((f) => [
    f.samples.buffer,
    f.hues.buffer,
    ...f.paths.map((p) => p.buffer),
  ]);
  scope.postMessage(
    { type: 'frame', clock, playing, run, lanes: frames },
    transfer as Transferable[],
  );
  lastFrame = performance.now();
}

function tick(): void {
  if (!playing || lanes.length === 0) return;
  const started = performance.now();
  try {
    for (const lane of lanes) lane.train(SLICE_MS);
    const every = Math.max(
      reduced ? REDUCED_MOTION_FRAME_MS : FRAME_MS,
      frameCost / MEASURING_SHARE,
    );
    // The clock is the wall clock of play, measuring included: what the reader waited.
    if (performance.now() - lastFrame >= every) {
      clock += (performance.now() - started) / 1000;
      const before = performance.now();
      post();
      clock += (performance.now() - before) / 1000;
      channel.port2.postMessage(null);
      return;
    }
    clock += (performance.now() - started) / 1000;
  } catch (e) {
    fail(e);
    return;
  }
  channel.port2.postMessage(null);
}

function fail(e: unknown): void {
  playing = false;
  scope.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) });
}

scope.onmessage = async ({ data }) => {
  ready ??= start().then((backend) => {
    scope.postMessage({ type: 'ready', backend });
    return backend;
  });
  try {
    await ready;
    switch (data.type) {
      case 'configure':
        rebuild(data.settings);
        break;
      case 'redraw':
        if (settings) settings.drawn = data.drawn;
        for (const lane of lanes) lane.redraw(data.drawn);
        if (!playing) post();
        break;
      case 'play':
        if (!playing) {
          playing = true;
          for (const lane of lanes) lane.resetMeter();
          channel.port2.postMessage(null);
        }
        break;
      case 'pause':
        playing = false;
        post();
        break;
      case 'step':
        playing = false;
        for (const lane of lanes) lane.stepOnce();
        post();
        break;
      case 'motion':
        reduced = data.reduced;
        break;
      case 'save':
        scope.postMessage({
          type: 'weights',
          request: data.request,
          lanes: lanes.map((lane) => ({ weights: lane.weights(), steps: lane.steps })),
        });
        break;
      case 'adopt':
        playing = false;
        rebuild(data.settings, false);
        data.lanes.forEach((saved, i) => lanes[i]?.adopt(saved.weights, saved.steps));
        post();
        break;
    }
  } catch (e) {
    fail(e);
  }
};
