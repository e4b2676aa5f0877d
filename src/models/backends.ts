/** TensorFlow.js backend names and their reader-facing labels (no tfjs import: cheap to load). */
export type BackendName = 'wasm' | 'webgl' | 'cpu';
export const BACKENDS: readonly BackendName[] = ['wasm', 'webgl', 'cpu'];

export const BACKEND_LABELS: Record<BackendName, string> = {
  wasm: 'WebAssembly',
  webgl: 'WebGL',
  cpu: 'CPU',
};

export interface RuntimeStatus {
  /** The backend running now, or null when every backend has failed. */
  backend: BackendName | null;
  /** Why the runtime is not on the backend that was asked for first, if it is not. */
  note: string | null;
  /** Set when no backend can run any more (the figure should show its error state). */
  error?: string;
}
