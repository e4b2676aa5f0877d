/**
 * The comparison page's numbers, read at build time (server only, node:fs) from
 * public/models/metrics.json (written by `npm run evaluate`) and the models' cards
 * (public/models/<id>/card.json: size, training time, loss history). A model not shipped
 * or not evaluated yet reads as null, so the page says so instead of inventing a number.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'astro/zod';
import { METRICS_PATH } from '../shell/metricsFile.ts';
import { COMPARE_MODELS, type CompareModel, type FileNumbers } from './compareNumbers.ts';

/** What a model's card says about its training. */
export interface CardFacts {
  parameters: number;
  steps: number;
  batch: number;
  wallTimeSeconds: number;
  /** The logged values of the card's "loss" column, in training order (empty for the GAN). */
  losses: number[];
  /** The first and last rows of the logged history (the GAN's has its two players' losses). */
  first: Record<string, number>;
  last: Record<string, number>;
}

/** Everything the claims on /compare/ are checked against (src/site/compareClaims.ts). */
export interface ClaimInputs {
  numbers: FileNumbers;
  /** Share of held-out faces whose eye colour the probe still reads after a VAE round trip. */
  vaeEyeColourAccuracy: number | null;
  /** The latent model's tiny FID without any prompt (its row is scored with prompts). */
  ldmUnconditionalFid: number | null;
  /** Share of latent-diffusion samples that show the one factor asked for, per factor (w = 3). */
  promptAccuracy: Record<string, number> | null;
  cards: Record<'vae' | 'gan' | 'ddpm' | 'ldm' | 'ldm-ae', CardFacts | null>;
}

const scored = z
  .object({
    samples: z.number(),
    fid: z.number(),
    sharpness: z.number(),
    coverage: z.number(),
    nodeMsPerImage: z.number().optional(),
    sampler: z.string().optional(),
    reconstructionMse: z.number().optional(),
  })
  .passthrough();

const accuracy = z.object({ accuracy: z.number() }).passthrough();

const fileSchema = z.object({
  sampleSeed: z.number(),
  backend: z.string(),
  data: z.object({
    samples: z.number(),
    fid: z.number(),
    sharpness: z.number(),
    coverage: z.number(),
  }),
  models: z
    .object({
      vae: scored
        .extend({
          survives: z
            .object({ accuracy: z.record(z.number()) })
            .passthrough()
            .optional(),
        })
        .optional(),
      gan: scored.optional(),
      ddpm: scored.optional(),
      ldm: scored
        .extend({
          promptAccuracyAtGuidance3: z.record(accuracy).optional(),
          unconditional: z.object({ fid: z.number() }).passthrough().optional(),
        })
        .optional(),
      'ldm-ae': z.object({ reconstructionMse: z.number() }).passthrough().optional(),
    })
    .passthrough(),
});

const cardSchema = z
  .object({
    parameters: z.number(),
    training: z
      .object({
        steps: z.number(),
        batch: z.number(),
        wallTimeSeconds: z.number(),
        history: z.array(z.record(z.number())),
      })
      .passthrough(),
  })
  .passthrough();

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

type CardId = keyof ClaimInputs['cards'];

function readCard(dir: string, id: CardId): CardFacts | null {
  const card = readJson(join(dir, id, 'card.json'), cardSchema);
  if (!card) return null;
  const { steps, batch, wallTimeSeconds, history } = card.training;
  // The loss each card logs under the name "loss" (the GAN logs its two players instead).
  const losses = history.map((row) => row['loss']).filter((v) => v !== undefined);
  return {
    parameters: card.parameters,
    steps,
    batch,
    wallTimeSeconds,
    losses,
    first: history[0] ?? {},
    last: history.at(-1) ?? {},
  };
}

/** Everything the comparison page prints, or null if metrics.json does not exist yet. */
export function readCompareInputs(
  path = METRICS_PATH,
  modelsDir = join('public', 'models'),
): ClaimInputs | null {
  const file = readJson(path, fileSchema);
  if (!file) return null;
  const m = file.models;
  const row = (id: CompareModel) => {
    const r = m[id];
    return r
      ? {
          samples: r.samples,
          fid: r.fid,
          sharpness: r.sharpness,
          coverage: r.coverage,
          msPerFace: r.nodeMsPerImage ?? null,
          sampler: r.sampler ?? null,
        }
      : null;
  };
  const numbers: FileNumbers = {
    sampleSeed: file.sampleSeed,
    backend: file.backend,
    data: file.data,
    models: Object.fromEntries(COMPARE_MODELS.map((id) => [id, row(id)])) as FileNumbers['models'],
    reconstruction: {
      vae: m.vae?.reconstructionMse ?? null,
      'ldm-ae': m['ldm-ae']?.reconstructionMse ?? null,
    },
  };
  const prompt = m.ldm?.promptAccuracyAtGuidance3;
  return {
    numbers,
    vaeEyeColourAccuracy: m.vae?.survives?.accuracy['eyeColour'] ?? null,
    ldmUnconditionalFid: m.ldm?.unconditional?.fid ?? null,
    promptAccuracy: prompt
      ? Object.fromEntries(Object.entries(prompt).map(([k, v]) => [k, v.accuracy]))
      : null,
    cards: {
      vae: readCard(modelsDir, 'vae'),
      gan: readCard(modelsDir, 'gan'),
      ddpm: readCard(modelsDir, 'ddpm'),
      ldm: readCard(modelsDir, 'ldm'),
      'ldm-ae': readCard(modelsDir, 'ldm-ae'),
    },
  };
}
