/**
 * The offline measurements the "why latent" figure and its prose print beside the live
 * timings: the ddpm's and the ldm's rows of `public/models/metrics.json` (tiny FID,
 * sharpness, Node sampling time, from `npm run evaluate`) and the training wall times and
 * sizes in their cards. Read at build time (server only, node:fs). Anything not shipped or
 * not evaluated yet reads as null, and the page says so instead of printing a number.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'astro/zod';

const scored = z
  .object({
    samples: z.number(),
    fid: z.number(),
    sharpness: z.number(),
    nodeMsPerImage: z.number(),
    sampler: z.string().optional(),
  })
  .passthrough();
const fileSchema = z.object({
  data: z.object({ fid: z.number() }).passthrough(),
  models: z
    .object({
      vae: z.object({ fid: z.number() }).passthrough().optional(),
      gan: z.object({ fid: z.number() }).passthrough().optional(),
      ddpm: scored.optional(),
      ldm: scored
        .extend({ unconditional: z.object({ fid: z.number() }).passthrough().optional() })
        .optional(),
      'ldm-ae': z
        .object({ reconstructionSharpness: z.number(), reconstructionFid: z.number() })
        .passthrough()
        .optional(),
    })
    .passthrough(),
});
const cardSchema = z
  .object({
    parameters: z.number(),
    training: z
      .object({ steps: z.number(), batch: z.number(), wallTimeSeconds: z.number() })
      .passthrough(),
  })
  .passthrough();

const manifestSchema = z.object({
  weightsManifest: z.array(
    z.object({ weights: z.array(z.object({ name: z.string(), shape: z.array(z.number()) })) }),
  ),
});

export type Scored = z.infer<typeof scored>;

export interface Training {
  parameters: number;
  steps: number;
  batch: number;
  seconds: number;
}

export interface WhyLatentMetrics {
  /** Tiny FID of held-out real faces: the floor the models' FIDs are read against. */
  dataFid: number | null;
  ddpm: Scored | null;
  /** The ldm scored with prompts (guidance 1); `unconditionalFid` without any prompt. */
  ldm: (Scored & { unconditionalFid: number | null }) | null;
  /** How much detail the latent autoencoder keeps when it redraws real faces. */
  ldmAe: { reconstructionSharpness: number; reconstructionFid: number } | null;
  training: { ddpm: Training | null; ldm: Training | null; ldmAe: Training | null };
  /** The other families' tiny FIDs, for the chapter's closing comparison. */
  fid: { vae: number | null; gan: number | null };
  /**
   * The latent grid as the shipped weights define it: the denoiser's input width is its
   * number of values, the decoder's first convolution its channels; the grid is square.
   */
  latent: { height: number; width: number; channels: number; size: number } | null;
}

/** The shape of weight `name` in the model.json of model `id`, or null. */
function weightShape(dir: string, id: string, name: string): number[] | null {
  const path = join(dir, id, 'model.json');
  if (!existsSync(path)) return null;
  const parsed = manifestSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw issues(path, parsed.error);
  const all = parsed.data.weightsManifest.flatMap((group) => group.weights);
  return all.find((w) => w.name === name)?.shape ?? null;
}

function latentShape(dir: string): WhyLatentMetrics['latent'] {
  const size = weightShape(dir, 'ldm', 'denoiser/in/kernel')?.[0];
  const channels = weightShape(dir, 'ldm-ae', 'ae/dec1/kernel')?.[2];
  if (!size || !channels) return null;
  const side = Math.round(Math.sqrt(size / channels));
  return side * side * channels === size ? { height: side, width: side, channels, size } : null;
}

const issues = (path: string, error: z.ZodError) =>
  new Error(`${path}: ${error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);

function card(dir: string, id: string): Training | null {
  const path = join(dir, id, 'card.json');
  if (!existsSync(path)) return null;
  const parsed = cardSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw issues(path, parsed.error);
  const { parameters, training } = parsed.data;
  // A model trained in stages (ldm-ae: a second stage for its decoder) keeps the earlier
  // stages' training in `stages`; its training time is the sum.
  const stages = Array.isArray(parsed.data['stages']) ? parsed.data['stages'] : [];
  const earlier = stages.reduce(
    (sum: number, stage: { training?: { wallTimeSeconds?: unknown } }) =>
      sum + (Number(stage.training?.wallTimeSeconds) || 0),
    0,
  );
  return {
    parameters,
    steps: training.steps,
    batch: training.batch,
    seconds: training.wallTimeSeconds + earlier,
  };
}

export function readWhyLatentMetrics(dir = join('public', 'models')): WhyLatentMetrics {
  const path = join(dir, 'metrics.json');
  const training = { ddpm: card(dir, 'ddpm'), ldm: card(dir, 'ldm'), ldmAe: card(dir, 'ldm-ae') };
  const latent = latentShape(dir);
  if (!existsSync(path)) {
    const fid = { vae: null, gan: null };
    return { dataFid: null, ddpm: null, ldm: null, ldmAe: null, training, fid, latent };
  }
  const parsed = fileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw issues(path, parsed.error);
  const { data, models } = parsed.data;
  const ldm = models.ldm;
  return {
    dataFid: data.fid,
    ddpm: models.ddpm ?? null,
    ldm: ldm ? { ...ldm, unconditionalFid: ldm.unconditional?.fid ?? null } : null,
    ldmAe: models['ldm-ae'] ?? null,
    training,
    fid: { vae: models.vae?.fid ?? null, gan: models.gan?.fid ?? null },
    latent,
  };
}

/** Training time per example seen, in milliseconds (wall time ÷ steps × batch). */
export const msPerExample = (t: Training): number => (1000 * t.seconds) / (t.steps * t.batch);
