/**
 * The numbers of the comparison page ("Same faces, three eras"): every generator's row of
 * public/models/metrics.json on one footing, the numbers a reader measures live beside them,
 * and the CSV both are exported as. Pure (no DOM, no node:fs): the page reads the file at
 * build time (compareFile.ts) and the browser adds its live rows.
 */

/** The four generators compared, in the order of the story (and of every chart and table). */
export const COMPARE_MODELS = ['vae', 'gan', 'ddpm', 'ldm'] as const;
/** Held-out faces the evaluation's "data" row and the ldm's prompts come from (evaluate.ts). */
export const OTHER_OFFSET = 5000;
export type CompareModel = (typeof COMPARE_MODELS)[number];

export const MODEL_LABELS: Record<CompareModel | 'data' | 'ldm-ae', string> = {
  data: 'Real faces',
  vae: 'VAE',
  gan: 'GAN',
  ddpm: 'DDPM (pixels)',
  ldm: 'Latent diffusion',
  'ldm-ae': 'Latent autoencoder',
};

/** One generator's yardstick row, as the file has it (null where not measured). */
export interface ModelRow {
  samples: number;
  fid: number;
  sharpness: number;
  coverage: number;
  msPerFace: number | null;
  /** How it was sampled, where the file says (the diffusion models). */
  sampler: string | null;
}

export interface FileNumbers {
  /** Seed of the file's samples, and the backend that timed them. */
  sampleSeed: number;
  backend: string;
  /** Held-out real faces scored against the reference: the floor of every number. */
  data: { samples: number; fid: number; sharpness: number; coverage: number };
  models: Record<CompareModel, ModelRow | null>;
  /** Mean squared pixel error of a reconstruction, for the two autoencoders. */
  reconstruction: { vae: number | null; 'ldm-ae': number | null };
}

/** A row measured in the reader's browser: quality on `samples` faces, time per face. */
export interface LiveRow {
  samples: number;
  fid: number;
  sharpness: number;
  coverage: number;
  msPerFace: number | null;
}
export type LiveNumbers = Partial<Record<CompareModel | 'data', LiveRow>>;

/** The metrics charted (the chart's labels and which way is better live with the chart). */
export const METRICS = ['fid', 'sharpness', 'coverage', 'reconstruction', 'msPerFace'] as const;
export type Metric = (typeof METRICS)[number];

/** A number as the page prints it: three significant figures, no exponent for these ranges. */
export function formatNumber(value: number): string {
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 100) return String(Math.round(value));
  return String(Number(value.toPrecision(3)));
}

const CSV_HEADER = [
  'source',
  'model',
  'samples',
  'tiny_fid',
  'sharpness',
  'coverage',
  'reconstruction_mse',
  'ms_per_face',
] as const;

const cell = (v: number | string | null | undefined) =>
  v === null || v === undefined ? '' : typeof v === 'number' ? String(v) : v;

/**
 * The file's numbers and any live ones as CSV (RFC 4180; no field needs quoting): one row per
 * model and source, empty cells where a number does not apply or was not measured.
 */
export function metricsCsv(file: FileNumbers, live: LiveNumbers = {}): string {
  const rows: (number | string | null | undefined)[][] = [[...CSV_HEADER]];
  const d = file.data;
  rows.push(['file', 'data', d.samples, d.fid, d.sharpness, d.coverage, null, null]);
  for (const id of COMPARE_MODELS) {
    const m = file.models[id];
    if (!m) continue;
    const rec = id === 'vae' ? file.reconstruction.vae : null;
    rows.push(['file', id, m.samples, m.fid, m.sharpness, m.coverage, rec, m.msPerFace]);
  }
  if (file.reconstruction['ldm-ae'] !== null) {
    rows.push(['file', 'ldm-ae', null, null, null, null, file.reconstruction['ldm-ae'], null]);
  }
  for (const id of ['data', ...COMPARE_MODELS] as const) {
    const m = live[id];
    if (!m) continue;
    rows.push(['browser', id, m.samples, m.fid, m.sharpness, m.coverage, null, m.msPerFace]);
  }
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
