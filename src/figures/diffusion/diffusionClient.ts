/**
 * The diffusion chapter's figures talk to its models through this: one Web Worker per page
 * (diffusion.worker.ts) shared by the reverse process, the prompting figure and the "why
 * latent" race, so the models' start-up and every model call stay off the main thread.
 */
import type { Prompt } from '../../models/latentDenoiser.ts';
import type { ProbeReading } from '../../models/promptAgreement.ts';
import type { RuntimeOwner } from '../shell/liveSession.svelte.ts';
import { WorkerClient, sharedClient } from '../shell/workerClient.ts';
import type { DiffusionCall, DiffusionResult } from './diffusionProtocol.ts';
import type { RaceModels } from './why-latent/whyLatentSession.ts';
import type { LatentShape } from './why-latent/latentShape.ts';

/** The pixel-space ddpm, as the reverse-process figure uses it. */
export interface DdpmApi extends RuntimeOwner {
  /** ε̂ = ε_θ(xₜ, t) for one image xₜ (flat [32, 32, 3], model scale [−1, 1] plus noise). */
  predictNoise(x: Float32Array, t: number): Promise<Float32Array>;
  /** Model calls so far; tests read it to prove that looking back costs none. */
  readonly calls: number;
}

/** The prompted latent model and the probe, as the prompting figure uses them. */
export interface PromptApi extends RuntimeOwner {
  /** n faces (flat [n, 32, 32, 3] in [0, 1]) for one prompt at guidance w, from `seed`. */
  sample(prompt: Prompt, guidance: number, n: number, seed: number): Promise<Float32Array>;
  /** What the probe reads from each of n faces. */
  read(images: Float32Array, n: number): Promise<ProbeReading[]>;
}

export class DiffusionClient
  extends WorkerClient<DiffusionCall, DiffusionResult>
  implements DdpmApi, PromptApi
{
  calls = 0;

  constructor(worker: Worker, base: string, search?: string) {
    super(worker, base, 'diffusion', search);
  }

  predictNoise(x: Float32Array, t: number): Promise<Float32Array> {
    this.calls++;
    return this.call({ op: 'ddpm-noise', x, t });
  }

  sample(prompt: Prompt, guidance: number, n: number, seed: number): Promise<Float32Array> {
    return this.call({ op: 'prompt-sample', prompt, guidance, n, seed });
  }

  read(images: Float32Array, n: number): Promise<ProbeReading[]> {
    return this.call({ op: 'probe-read', images, n });
  }

  latentShape(): Promise<LatentShape> {
    return this.call({ op: 'latent-shape' });
  }

  /** The "why latent" race's calls: the ldm with no prompt, its decoder, the ddpm. */
  readonly race: RaceModels = {
    latentNoise: (z, t) => this.call({ op: 'ldm-noise', z, t, prompt: {}, guidance: 1 }),
    decode: (z0) => this.call({ op: 'ldm-decode', z0 }),
    pixelNoise: (x, t) => this.predictNoise(x, t),
  };
}

/** The page's diffusion worker, started on first use and shared by its figures. */
export const openDiffusion = sharedClient(
  (base) =>
    new DiffusionClient(
      new Worker(new URL('./diffusion.worker.ts', import.meta.url), {
        type: 'module',
        name: 'diffusion',
      }),
      base,
    ),
);
