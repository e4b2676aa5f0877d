/**
 * The four generators of the comparison page in the reader's browser: one tfjs runtime, each
 * model's weights loaded the first time it is asked for (shared with the chapters' figures
 * through zoo.ts's cache), and the probe to score them. It draws faces exactly as
 * `npm run evaluate` does (src/models/sampling.ts, same seeds and samplers) but one model call
 * per task, with a pause between calls, so the page stays responsive while DDPM works, and it
 * times only the work, not the pauses. Figures import it with a dynamic `import()`.
 */
import { IMAGE_LENGTH, TEST_SEEDS, headshotBatch, sampleFactors } from '../../data/headshots.ts';
import { mulberry32 } from '../../data/random.ts';
import { sample } from '../../models/diffusion/sampler.ts';
import { promptOf, type Prompt } from '../../models/latentDenoiser.ts';
import type { Params } from '../../models/nn.ts';
import { getRuntime, type Runtime } from '../../models/runtime.ts';
import {
  PIXEL_CLIP,
  ddpmDenoiser,
  ldmDecode,
  ldmDenoiser,
  ldmSettings,
  sampleGan,
  sampleVae,
  toImages,
  trainedSchedule,
} from '../../models/sampling.ts';
import {
  probeSet,
  scoreProbed,
  type ImageSet,
  type Probed,
  type Score,
} from '../../models/yardstick.ts';
import { loadModel } from '../../models/zoo.ts';
import { LATENT_SIZE } from '../../models/latentAe.ts';
import { OTHER_OFFSET, type CompareModel } from './compareNumbers.ts';
import type { Drawn } from './compareProtocol.ts';

/** Faces per model call: small enough that one call stays well under a frame budget or two. */
const CHUNK: Record<CompareModel, number> = { vae: 32, gan: 32, ddpm: 8, ldm: 16 };
/**
 * Faces per task when the probe reads a set or the ldm-ae decodes latents: at 16 or 32 per
 * call, either was one main-thread task of 100–500 ms (measured on the live measurement).
 */
const SMALL_BATCH = 4;
/** The diffusion models are sampled as the file's rows were: DDIM, 50 steps, η = 0. */
const STEPS = 50;
export { OTHER_OFFSET };

export class Aborted extends Error {
  constructor() {
    super('Stopped.');
    this.name = 'Aborted';
  }
}

/** Wall time of the work, excluding the pauses taken to let the page breathe. */
class WorkClock {
  #start = performance.now();
  #paused = 0;
  constructor(private readonly signal?: AbortSignal) {}
  async pause(): Promise<void> {
    const t = performance.now();
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    this.#paused += performance.now() - t;
    if (this.signal?.aborted) throw new Aborted();
  }
  get ms(): number {
    return performance.now() - this.#start - this.#paused;
  }
}

/** The full prompt of each face (all six factors), as the file's ldm row was sampled with. */
export const promptsFor = (first: number, n: number): Prompt[] =>
  Array.from({ length: n }, (_, i) => promptOf(sampleFactors(first + i), () => true));

export type { Drawn };

export class CompareSession {
  constructor(
    readonly runtime: Runtime,
    readonly base: string,
  ) {}

  async #group(id: 'vae' | 'gan' | 'ddpm' | 'ldm' | 'ldm-ae', group: string): Promise<Params> {
    const p = (await loadModel(id, this.base)).groups[group];
    if (!p) throw new Error(`The ${id} model file has no "${group}" weights.`);
    return p;
  }

  /** Loads a model's weights without drawing (so a timing does not include the download). */
  async preload(model: CompareModel): Promise<void> {
    if (model === 'ldm')
      await Promise.all([this.#group('ldm', 'denoiser'), this.#group('ldm-ae', 'ae')]);
    else await this.#group(model, { vae: 'vae', gan: 'generator', ddpm: 'unet' }[model]);
  }

  /**
   * n faces of `model` from `seed`, `CHUNK[model]` at a time (chunk k uses seed + k, so the
   * first chunk is exactly sampleVae/sampleGan/sampleDdpm/sampleLdm at `seed`). The ldm is
   * prompted with `prompts` (one per face) at guidance 1. `progress` hears faces done.
   */
  async draw(
    model: CompareModel,
    n: number,
    seed: number,
    o: { prompts?: Prompt[]; signal?: AbortSignal; progress?: (done: number) => void } = {},
  ): Promise<Drawn> {
    await this.preload(model);
    const clock = new WorkClock(o.signal);
    const pixels = new Float32Array(n * IMAGE_LENGTH);
    const chunk = CHUNK[model];
    for (let k = 0, start = 0; start < n; k++, start += chunk) {
      const m = Math.min(chunk, n - start);
      const prompts = o.prompts?.slice(start, start + m);
      pixels.set(await this.#chunk(model, m, seed + k, clock, prompts), start * IMAGE_LENGTH);
      o.progress?.(start + m);
      if (start + m < n) await clock.pause();
    }
    return { pixels, n, msPerFace: clock.ms / n };
  }

  async #chunk(
    model: CompareModel,
    n: number,
    seed: number,
    clock: WorkClock,
    prompts: Prompt[] | undefined,
  ): Promise<Float32Array> {
    if (model === 'vae') return sampleVae(await this.#group('vae', 'vae'), n, seed);
    if (model === 'gan') return sampleGan(await this.#group('gan', 'generator'), n, seed);
    // The diffusion samplers, as sampleDdpm and sampleLdm run them, with a pause after each
    // of their 50 model calls: the reason this is not simply a call to those functions.
    const paced =
      (denoise: (x: Float32Array, t: number) => Promise<Float32Array>) =>
      async (x: Float32Array, t: number) => {
        const out = await denoise(x, t);
        await clock.pause();
        return out;
      };
    const common = { schedule: trainedSchedule, steps: STEPS, method: 'ddim', eta: 0 } as const;
    if (model === 'ddpm') {
      const x = await sample({
        ...common,
        n: n * IMAGE_LENGTH,
        rng: mulberry32(seed),
        clip: PIXEL_CLIP,
        denoise: paced(ddpmDenoiser(await this.#group('ddpm', 'unet'))),
      });
      return toImages(x);
    }
    const ldm = await loadModel('ldm', this.base);
    const { latentScale, prediction } = ldmSettings(ldm.meta as Record<string, unknown>);
    const den = await this.#group('ldm', 'denoiser');
    const z = await sample({
      ...common,
      n: n * LATENT_SIZE,
      rng: mulberry32(seed),
      denoise: paced(ldmDenoiser(den, { n, prompt: prompts ?? {}, guidance: 1, prediction })),
    });
    const ae = await this.#group('ldm-ae', 'ae');
    const pixels = new Float32Array(n * IMAGE_LENGTH);
    for (let start = 0; start < n; start += SMALL_BATCH) {
      const m = Math.min(SMALL_BATCH, n - start);
      const part = z.subarray(start * LATENT_SIZE, (start + m) * LATENT_SIZE);
      pixels.set(await ldmDecode(ae, part, latentScale), start * IMAGE_LENGTH);
      await clock.pause();
    }
    return pixels;
  }

  /** What the probe reads in `set`, a few faces per task. */
  async probe(set: ImageSet, signal?: AbortSignal): Promise<Probed> {
    const weights = (await loadModel('probe', this.base)).weights;
    const clock = new WorkClock(signal);
    return probeSet(weights, set, SMALL_BATCH, () => clock.pause());
  }

  /**
   * The yardstick's numbers for n generated faces against the held-out real ones, which the
   * probe has read once for the whole measurement (`probed`).
   */
  async score(
    pixels: Float32Array,
    n: number,
    reference: { set: ImageSet; probed: Probed },
    signal?: AbortSignal,
  ): Promise<Score> {
    const generated = { pixels, n };
    return scoreProbed(
      await this.probe(generated, signal),
      reference.probed,
      generated,
      reference.set,
    );
  }
}

/**
 * n held-out real faces from test seed `offset` on (offset 0: the reference of every score),
 * drawn 16 at a time with a pause between, since drawing a face in TypeScript takes a few ms.
 */
export async function referenceFaces(
  n: number,
  offset = 0,
  signal?: AbortSignal,
): Promise<Float32Array> {
  const clock = new WorkClock(signal);
  const pixels = new Float32Array(n * IMAGE_LENGTH);
  for (let start = 0; start < n; start += 16) {
    const m = Math.min(16, n - start);
    pixels.set(headshotBatch(TEST_SEEDS.first + offset + start, m).pixels, start * IMAGE_LENGTH);
    await clock.pause();
  }
  return pixels;
}

let session: Promise<CompareSession> | null = null;

/** The page's comparison session (the runtime starts here; models load on first use). */
export function openCompare(base: string): Promise<CompareSession> {
  session ??= (async () => new CompareSession(await getRuntime(), base))().catch((e: unknown) => {
    session = null; // "Try again" starts afresh
    throw e;
  });
  return session;
}
