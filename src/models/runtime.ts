/**
 * The TensorFlow.js runtime every live figure shares. Figures import this module with a
 * dynamic `import()`, so tfjs is never on an article's critical path.
 *
 * Backends load one at a time in the order asked for (wasm first for tiny models: a small
 * MLP step measured 0.2 ms on wasm against 13.9 ms on WebGL in headless Chromium), so a
 * page downloads only the backend it runs. `tf.setBackend` resolves `false` rather than
 * throwing when a backend cannot start; that is checked and the next one is tried.
 * A lost WebGL context makes tfjs return zeros silently, so it is watched for and the
 * runtime moves to the next backend, telling its listeners why.
 */
import * as tf from '@tensorflow/tfjs-core';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

import {
  BACKENDS,
  BACKEND_LABELS as NAMES,
  type BackendName,
  type RuntimeStatus,
} from './backends.ts';

export { BACKENDS, type BackendName, type RuntimeStatus };

/** Thrown by `read` when the backend went away mid-computation; figures simply recompute. */
export class BackendChanged extends Error {
  constructor() {
    super('The TensorFlow.js backend changed during a computation.');
    this.name = 'BackendChanged';
  }
}

type Listener = (status: RuntimeStatus) => void;

/** Each backend is its own chunk: a page pays only for the one it runs. */
const loaders: Record<BackendName, () => Promise<void>> = {
  wasm: async () => {
    const [wasm, kernels] = await Promise.all([
      import('@tensorflow/tfjs-backend-wasm'),
      import('./training/wasmKernels.ts'),
    ]);
    kernels.registerInferenceKernels();
    // Threads need cross-origin isolation, which a blog under a sub-path cannot promise.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    // Served by this site under its base path (Vite fingerprints them), never a CDN. tfjs
    // insists on all three entries; the threaded one is never fetched with threads off.
    wasm.setWasmPaths({
      'tfjs-backend-wasm.wasm': wasmUrl,
      'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
      'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedUrl,
    });
  },
  webgl: async () => {
    await import('@tensorflow/tfjs-backend-webgl');
  },
  cpu: async () => {
    await import('@tensorflow/tfjs-backend-cpu');
  },
};

export class Runtime {
  readonly tf = tf;
  #status: RuntimeStatus;
  #listeners = new Set<Listener>();
  #order: BackendName[];
  /** Rejects the reads in flight when the backend is lost (a lost WebGL context never answers). */
  #abandon: (() => void) | null = null;
  #abandoned = this.#newAbandonSignal();
  /** True while switching backends: a read started then would land on the dying context. */
  #recovering = false;

  private constructor(status: RuntimeStatus, order: BackendName[]) {
    this.#status = status;
    this.#order = order;
  }

  /** Starts the first backend of `order` that works; rejects only if none does. */
  static async start(order: readonly BackendName[]): Promise<Runtime> {
    const failures: string[] = [];
    for (const backend of order) {
      if (await activate(backend)) {
        const note = failures.length
          ? `${failures.join('; ')}: running on ${NAMES[backend]}`
          : null;
        const runtime = new Runtime({ backend, note }, [...order]);
        runtime.#watchContextLoss();
        return runtime;
      }
      failures.push(`${NAMES[backend]} unavailable`);
    }
    throw new Error(`No TensorFlow.js backend could start (${failures.join(', ')}).`);
  }

  get status(): RuntimeStatus {
    return this.#status;
  }

  /** Calls `listener` now and whenever the backend changes; returns an unsubscribe. */
  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    listener(this.#status);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Runs `build` inside `tf.tidy`, reads the resulting tensor back and disposes it, so
   * a figure gets plain numbers and cannot leak a tensor. (Reading inside tidy would make
   * tidy walk the returned array: slow for large outputs.)
   */
  async read(build: () => tf.Tensor): Promise<Float32Array> {
    if (this.#status.error) throw new Error(this.#status.error);
    if (this.#recovering) throw new BackendChanged(); // the switch itself notifies listeners
    const result = tf.tidy(build);
    try {
      return (await Promise.race([result.data(), this.#abandoned])) as Float32Array;
    } finally {
      result.dispose();
    }
  }

  #newAbandonSignal(): Promise<never> {
    const signal = new Promise<never>((_, reject) => {
      this.#abandon = () => reject(new BackendChanged());
    });
    signal.catch(() => {}); // only reads that race it should see the rejection
    return signal;
  }

  #watchContextLoss(): void {
    if (this.#status.backend !== 'webgl') return;
    const backend = tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } };
    const canvas = backend.gpgpu?.gl?.canvas;
    if (!canvas || !('addEventListener' in canvas)) return;
    canvas.addEventListener('webglcontextlost', () => void this.#recover(), { once: true });
  }

  async #recover(): Promise<void> {
    this.#recovering = true;
    this.#abandon?.();
    const next = this.#order.filter((b) => b !== 'webgl');
    let status: RuntimeStatus = {
      backend: null,
      note: null,
      error: 'The graphics context was lost and no other TensorFlow.js backend could start.',
    };
    for (const backend of next) {
      if (await activate(backend)) {
        status = { backend, note: `WebGL context lost: switched to ${NAMES[backend]}` };
        break;
      }
    }
    // Only now a fresh signal: until here, reads were refused rather than left to hang.
    this.#abandoned = this.#newAbandonSignal();
    this.#recovering = false;
    this.#status = status;
    this.#listeners.forEach((listener) => listener(status));
  }
}

async function activate(backend: BackendName): Promise<boolean> {
  try {
    await loaders[backend]();
    const ok = await tf.setBackend(backend);
    if (ok) await tf.ready();
    return ok && tf.getBackend() === backend;
  } catch {
    return false;
  }
}

let shared: Promise<Runtime> | null = null;

/**
 * The page-wide runtime: tfjs has one global backend, so the first figure to ask picks the
 * order and starts it; later figures share it.
 * `?backend=webgl|wasm|cpu` in the page URL moves that backend to the front (useful for
 * classrooms on machines where one backend misbehaves, and for the tests).
 */
export function getRuntime(preferred: readonly BackendName[] = BACKENDS): Promise<Runtime> {
  if (!shared) {
    const order = withUrlOverride(preferred, globalThis.location?.search ?? '');
    shared = Runtime.start(order).catch((error: unknown) => {
      shared = null; // let a retry try again
      throw error;
    });
  }
  return shared;
}

/** Puts the backend named by `?backend=` first; unknown values are ignored. */
export function withUrlOverride(order: readonly BackendName[], search: string): BackendName[] {
  const asked = new URLSearchParams(search).get('backend');
  const rest = BACKENDS.filter((b) => !order.includes(b));
  const full = [...order, ...rest];
  if (!asked || !(BACKENDS as readonly string[]).includes(asked)) return full;
  return [asked as BackendName, ...full.filter((b) => b !== asked)];
}
