/**
 * The VAE chapter's measured numbers, read from `public/models/metrics.json` (written by
 * `npm run evaluate`) at build time, so they are in the server-rendered page and its text
 * alternatives. Server only (node:fs). A model not evaluated yet reads as null and the
 * figure says so, instead of the build failing or a number being made up.
 */
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'astro/zod';
import { METRICS_PATH } from '../shell/metricsFile.ts';
import { CATEGORICAL_SURVIVAL, CONTINUOUS_SURVIVAL } from './vae-forgot/vaeSurvival.ts';

const record = <K extends string>(keys: readonly K[]) =>
  z.object(Object.fromEntries(keys.map((k) => [k, z.number()])) as Record<K, z.ZodNumber>);

const vaeSchema = z.object({
  samples: z.number(),
  fid: z.number(),
  sharpness: z.number(),
  reconstructionMse: z.number(),
  reconstructionSharpness: z.number(),
  survives: z.object({
    accuracy: record(CATEGORICAL_SURVIVAL),
    r2: record(CONTINUOUS_SURVIVAL),
  }),
});

const fileSchema = z.object({
  data: z.object({ fid: z.number() }).passthrough(),
  models: z.object({ vae: vaeSchema.optional() }).passthrough(),
});

export interface VaeMetrics extends z.infer<typeof vaeSchema> {
  /** The tiny FID of held-out real faces against the reference: the floor to read fid against. */
  dataFid: number;
}

/** The VAE's row of metrics.json, or null if the file or the row does not exist yet. */
export function readVaeMetrics(path = METRICS_PATH): VaeMetrics | null {
  if (!existsSync(path)) return null;
  const parsed = fileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    throw new Error(
      `${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  const vae = parsed.data.models.vae;
  return vae ? { ...vae, dataFid: parsed.data.data.fid } : null;
}
