/**
 * What a diffusion sample cost, from the times of its model calls: the network's time per
 * step, the decoder's time (latent diffusion only), and the whole sample as a sampler pays
 * for it: every step plus one decode at the end (the decodes at every step are only there
 * to show the reader the picture forming).
 */
export interface CallTimes {
  /** Milliseconds of each denoising step's network call, in order. */
  stepMs: number[];
  /** Milliseconds of each decode from latent to picture (empty in pixel space). */
  decodeMs: number[];
}

export interface Cost {
  steps: number;
  /** Median time of one network call. */
  stepMs: number;
  /** Median time of one decode, or null in pixel space. */
  decodeMs: number | null;
  /** All steps plus the last decode: the cost of one picture. */
  sampleMs: number;
  /** What the decodes at every step added, for the display only. */
  displayMs: number;
}

export function median(xs: readonly number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

export function cost({ stepMs, decodeMs }: CallTimes): Cost {
  const last = decodeMs.at(-1) ?? 0;
  return {
    steps: stepMs.length,
    stepMs: median(stepMs),
    decodeMs: decodeMs.length ? median(decodeMs) : null,
    sampleMs: sum(stepMs) + last,
    displayMs: sum(decodeMs) - last,
  };
}

/** Time of `f` in milliseconds, pushed onto `into`; returns what `f` resolves to. */
export async function timed<T>(into: number[], f: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const result = await f();
  into.push(performance.now() - t0);
  return result;
}

/** Milliseconds as a reader reads them: 0.42 ms, 8.1 ms, 254 ms, 1.25 s. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '…';
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  return `${ms.toFixed(ms < 1 ? 2 : ms < 10 ? 1 : 0)} ms`;
}

/** How many times larger a is than b, e.g. "12×" or "2.4×". */
export function formatRatio(a: number, b: number): string {
  const r = a / b;
  if (!Number.isFinite(r)) return '…';
  return `${r >= 10 ? Math.round(r) : r.toFixed(1)}×`;
}

/** A time that may be missing (not measured yet): a dash, else as `formatMs`. */
export const msOrDash = (ms: number | null | undefined): string =>
  ms == null ? '—' : formatMs(ms);
