/**
 * The measured numbers of the 2-D diffusion model and of the prompted ldm, read from
 * `public/models/metrics.json` at build time (server only, node:fs) for the figures'
 * readouts. A model not evaluated yet reads as null and the figure says so.
 */
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'astro/zod';
import { METRICS_PATH } from '../shell/metricsFile.ts';

const precisionRecall = z.object({ precision: z.number(), recall: z.number() });
const accuracy = z.record(z.string(), z.object({ accuracy: z.number() }).passthrough());
const ldmSchema = z
  .object({
    fid: z.number(),
    unconditional: z.object({ fid: z.number() }).passthrough().optional(),
    guidance3: z.object({ fid: z.number() }).passthrough().optional(),
    promptAccuracyAtGuidance1: accuracy.optional(),
    promptAccuracyAtGuidance3: accuracy.optional(),
  })
  .passthrough();
const fileSchema = z.object({
  models: z
    .object({
      'diffusion-2d': z.record(z.string(), precisionRecall).optional(),
      ldm: ldmSchema.optional(),
    })
    .passthrough(),
});

export type Diffusion2dMetrics = Record<string, { precision: number; recall: number }>;

export interface LdmPromptMetrics {
  /** Tiny FID at guidance 0 (unconditional), 1 and 3, where measured. */
  fid: { w: number; value: number }[];
  /** Share of prompted factors the probe reads back, per factor, at guidance 1 and 3. */
  accuracy: { w: number; factors: { factor: string; accuracy: number }[] }[];
}

function read(path: string) {
  if (!existsSync(path)) return null;
  const parsed = fileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    throw new Error(
      `${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data.models;
}

/** Precision and recall of the 2-D model per toy distribution, or null. */
export function readDiffusion2dMetrics(path = METRICS_PATH): Diffusion2dMetrics | null {
  return read(path)?.['diffusion-2d'] ?? null;
}

/** The ldm's prompt-following numbers, or null. */
export function readLdmPromptMetrics(path = METRICS_PATH): LdmPromptMetrics | null {
  const ldm = read(path)?.ldm;
  if (!ldm) return null;
  const fid = [
    ...(ldm.unconditional ? [{ w: 0, value: ldm.unconditional.fid }] : []),
    { w: 1, value: ldm.fid },
    ...(ldm.guidance3 ? [{ w: 3, value: ldm.guidance3.fid }] : []),
  ];
  const table = (w: number, a: z.infer<typeof accuracy> | undefined) =>
    a
      ? [
          {
            w,
            factors: Object.entries(a).map(([factor, v]) => ({ factor, accuracy: v.accuracy })),
          },
        ]
      : [];
  return {
    fid,
    accuracy: [
      ...table(1, ldm.promptAccuracyAtGuidance1),
      ...table(3, ldm.promptAccuracyAtGuidance3),
    ],
  };
}
