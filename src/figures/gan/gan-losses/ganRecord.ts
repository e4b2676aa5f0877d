/**
 * The measured record the GAN chapter prints, read at build time (server only, node:fs):
 * the shipped `gan`'s card (its loss history, the final discriminator's verdicts, its size
 * and training time), the `vae`'s card for comparison, and both models' rows of
 * public/models/metrics.json. Anything not shipped or not evaluated yet reads as null, so
 * a figure can say so instead of the build failing or a number being made up.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'astro/zod';
import { METRICS_PATH } from '../../shell/metricsFile.ts';
import type { LossRow } from './ganLossStory.ts';

const cardSchema = z.object({
  parameters: z.number(),
  metrics: z.record(z.number()).optional(),
  training: z.object({
    steps: z.number(),
    batch: z.number(),
    wallTimeSeconds: z.number(),
    history: z.array(z.record(z.number())),
  }),
});

const scoresSchema = z.object({
  fid: z.number(),
  coverage: z.number(),
  sharpness: z.number(),
  /** Milliseconds to sample one image in Node (WebAssembly backend), for models. */
  nodeMsPerImage: z.number().optional(),
});

const metricsSchema = z.object({
  data: scoresSchema,
  models: z.object({ gan: scoresSchema.optional(), vae: scoresSchema.optional() }).passthrough(),
});

export interface ModelCost {
  parameters: number;
  steps: number;
  batch: number;
  wallTimeSeconds: number;
}

export interface GanRecord {
  history: LossRow[];
  cost: ModelCost;
  /** Held-out images the final discriminator scored, and its mean verdicts (1 = real). */
  verdicts: { images: number; onReal: number; onFakes: number } | null;
}

export type Scores = z.infer<typeof scoresSchema>;

const cardPath = (id: string) => join('public', 'models', id, 'card.json');

function readJson<T>(path: string, schema: z.ZodType<T>): T | null {
  if (!existsSync(path)) return null;
  const parsed = schema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    throw new Error(
      `${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}

function readCard(id: string): { card: z.infer<typeof cardSchema>; cost: ModelCost } | null {
  const card = readJson(cardPath(id), cardSchema);
  if (!card) return null;
  const { steps, batch, wallTimeSeconds } = card.training;
  return { card, cost: { parameters: card.parameters, steps, batch, wallTimeSeconds } };
}

/** The shipped gan's card, or null before it has been trained. */
export function readGanRecord(): GanRecord | null {
  const read = readCard('gan');
  if (!read) return null;
  const history = read.card.training.history.map((row) => ({
    step: row.step ?? Number.NaN,
    discriminator: row.discriminator ?? Number.NaN,
    generator: row.generator ?? Number.NaN,
  }));
  const m = read.card.metrics;
  const verdicts =
    m?.heldOutImages !== undefined && m.meanDOnReal !== undefined && m.meanDOnFakes !== undefined
      ? { images: m.heldOutImages, onReal: m.meanDOnReal, onFakes: m.meanDOnFakes }
      : null;
  return { history, cost: read.cost, verdicts };
}

/** Size and training time of a shipped model, from its card. */
export const readCost = (id: 'gan' | 'vae'): ModelCost | null => readCard(id)?.cost ?? null;

/** A model's scores in metrics.json ('data' is held-out real faces: the floor), or null. */
export function readScores(id: 'gan' | 'vae' | 'data', path = METRICS_PATH): Scores | null {
  const file = readJson(path, metricsSchema);
  if (!file) return null;
  return id === 'data' ? file.data : (file.models[id] ?? null);
}
