/**
 * The GAN chapter's measured numbers from `public/models/metrics.json` (see metricsFile.ts):
 * the probe-read factor shares and coverage of the GAN's samples and of real held-out faces,
 * and the sharpness of the GAN's and the VAE's samples. Read at build time (server only), so
 * they are in the page and its text alternative before any script runs. A model not evaluated
 * yet reads as null, and the figure says so.
 */
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'astro/zod';
import { METRICS_PATH } from '../../shell/metricsFile.ts';

const shares = z.array(z.number());
const distributions = z.object({
  eyeColour: shares,
  hairStyle: shares,
  hairColour: shares,
  backdrop: shares,
  glasses: shares,
});
const scored = z.object({
  samples: z.number(),
  coverage: z.number(),
  sharpness: z.number(),
  distributions,
});

const fileSchema = z.object({
  sampleSeed: z.number(),
  data: scored.passthrough(),
  models: z
    .object({
      gan: scored.passthrough().optional(),
      vae: z.object({ sharpness: z.number() }).passthrough().optional(),
    })
    .passthrough(),
});

export type Scored = z.infer<typeof scored>;

export interface GanMetrics {
  /** The seed of the samples every model was scored on. */
  sampleSeed: number;
  /** Real held-out faces read by the same probe: the shares to compare with. */
  data: Scored;
  gan: Scored;
  /** The VAE's samples' sharpness, or null before the VAE is evaluated. */
  vaeSharpness: number | null;
}

/** The GAN's row of metrics.json with the data's, or null if either is missing. */
export function readGanMetrics(path = METRICS_PATH): GanMetrics | null {
  if (!existsSync(path)) return null;
  const parsed = fileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    throw new Error(
      `${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  const { sampleSeed, data, models } = parsed.data;
  if (!models.gan) return null;
  const pick = (s: Scored): Scored => ({
    samples: s.samples,
    coverage: s.coverage,
    sharpness: s.sharpness,
    distributions: s.distributions,
  });
  return {
    sampleSeed,
    data: pick(data),
    gan: pick(models.gan),
    vaeSharpness: models.vae?.sharpness ?? null,
  };
}
