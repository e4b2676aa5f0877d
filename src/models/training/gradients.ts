/**
 * Gradient functions for tfjs-core in Node.
 *
 * `@tensorflow/tfjs-core` alone registers no gradients: they live in
 * `dist/register_all_gradients.js`, which the `@tensorflow/tfjs` union package imports and
 * which is not part of core's Node (CommonJS) bundle. Without it every `tf.grads` /
 * `tf.variableGrads` / `optimizer.minimize` fails with "gradient function not found".
 *
 * A bundler (Vite, Vitest) loads that ES-module tree as is. Node cannot: its files import
 * each other without extensions (`./gradients/Abs_grad`), which Node's ESM resolver rejects.
 * So in Node a module-resolution hook (`module.register`) retries such specifiers, only when
 * they come from inside tfjs-core's dist/ and fail, with `.js` and `/index.js`. (The files
 * have ES syntax in a package that is not `"type": "module"`; Node ≥ 20.19 detects that.)
 *
 * The gradients' ops come from that ES-module copy of tfjs-core, which shares the engine,
 * kernel and gradient registries with the CommonJS copy (tfjs keeps them on `globalThis`).
 */
import * as tf from '@tensorflow/tfjs-core';

const HOOK = `
export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    const parent = context.parentURL ?? '';
    if (!parent.includes('/@tensorflow/tfjs-core/dist/') || !/^\\.\\.?\\//.test(specifier)) {
      throw error;
    }
    for (const suffix of ['.js', '/index.js']) {
      try {
        return await nextResolve(specifier + suffix, context);
      } catch {
        // try the next suffix
      }
    }
    throw error;
  }
}`;

let hookInstalled = false;

/** Registers tfjs-core's gradient functions unless they already are (idempotent). */
export async function ensureGradients(): Promise<void> {
  if (tf.getGradient(tf.Conv2D) !== undefined) return;
  if (!hookInstalled && typeof process !== 'undefined' && process.versions?.node !== undefined) {
    const { register } = await import('node:module');
    register(`data:text/javascript,${encodeURIComponent(HOOK)}`);
    hookInstalled = true;
  }
  await import('@tensorflow/tfjs-core/dist/register_all_gradients.js');
  if (tf.getGradient(tf.Conv2D) === undefined) {
    throw new Error('tfjs-core gradients did not register (several copies of tfjs-core?)');
  }
}
