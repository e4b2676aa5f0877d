/**
 * The backend for training in Node: TensorFlow.js's wasm backend (XNNPACK, SIMD, one thread)
 * plus the training kernels of `wasmKernels.ts`. tfjs-node cannot be installed here and the
 * pure-JS cpu backend is 100–500× slower for conv training, so falling back silently would
 * turn minutes into days: this throws instead.
 */
import * as tf from '@tensorflow/tfjs-core';
import { ensureGradients } from './gradients.ts';
import { registerTrainingKernels } from './wasmKernels.ts';

/**
 * Makes 'wasm' the active backend with the training kernels (and tfjs-core's gradient
 * functions, see `gradients.ts`) registered, or throws.
 * `tf.setBackend` resolves `false` (rather than throwing) when a backend fails to start,
 * so its result and `tf.getBackend()` are both checked.
 */
export async function useWasmForTraining(): Promise<void> {
  // Registers the 'wasm' backend and its kernels (and makes it the default backend).
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  if (typeof process !== 'undefined' && process.versions?.node !== undefined) {
    // The Node build looks for its .wasm files next to its own file, which works from
    // node_modules; point it there explicitly so a bundled copy of this code works too.
    // This must happen before the backend's first start (a failed start cannot be retried
    // with other paths), and setWasmPaths throws if the backend has already started.
    const { createRequire } = await import('node:module');
    const { dirname } = await import('node:path');
    const { pathToFileURL } = await import('node:url');
    const require = createRequire(import.meta.url);
    const dist = dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
    try {
      wasm.setWasmPaths(`${pathToFileURL(dist).href}/`);
    } catch {
      // Already started (by an earlier call or by someone else): its paths worked or not.
    }
  }
  let ok: boolean;
  let why = '';
  try {
    ok = await tf.setBackend('wasm');
  } catch (error) {
    ok = false;
    why = `: ${String(error)}`;
  }
  if (!ok || tf.getBackend() !== 'wasm') {
    throw new Error(
      `TensorFlow.js wasm backend failed to start (setBackend gave ${ok}, active backend ` +
        `${tf.getBackend()})${why}; refusing to train on a slower backend.`,
    );
  }
  await tf.ready();
  registerTrainingKernels();
  await ensureGradients();
}
