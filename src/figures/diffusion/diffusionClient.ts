/**
 * The diffusion chapter's figures talk to its models through this: one Web Worker per page
 * (diffusionServe.ts, run by the shared ../models.worker.ts) shared by the reverse process,
 * the prompting figure, the "why latent" race and the 2-D model, so the models' start-up and
 * every model call stay off the main thread.
 */
import type { ToyDistribution } from '../../data/toy2d.ts';
import { forwardFilm, type Trajectory } from '../../models/diffusion2dPaths.ts';
import type { Prompt } from '../../models/latentDenoiser.ts';
import type { ProbeReading } from '../../models/promptAgreement.ts';
import type { RuntimeOwner } from '../shell/liveSession.svelte.ts';
import { WorkerClient, sharedClient } from '../shell/workerClient.ts';
import type { DiffusionCall, DiffusionResult, Reverse2d } from './diffusionProtocol.ts';
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

/** The 2-D toy model, as the 2-D diffusion figure uses it. */
export interface Diffusion2dApi extends RuntimeOwner {
  /** n points of `which` denoised from N(0, I) noise by `steps` DDIM steps, every frame kept. */
  reverse(
    which: ToyDistribution,
    n: number,
    steps: number,
    seed: number,
    onProgress?: (done: number) => void,
  ): Promise<Trajectory>;
  /** n real points of `which` noised through the same steps, 0 first (no model: on the page). */
  forward(which: ToyDistribution, n: number, steps: number, seed: number): Trajectory;
  /** Milliseconds of the last reverse run's model calls, per step (for the readout). */
  readonly lastStepMs: number;
}

export class DiffusionClient
  extends WorkerClient<DiffusionCall, DiffusionResult>
  implements DdpmApi, PromptApi, Diffusion2dApi
{
  calls = 0;
  lastStepMs = 0;

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

  async reverse(
    which: ToyDistribution,
    n: number,
    steps: number,
    seed: number,
    onProgress?: (done: number) => void,
  ): Promise<Trajectory> {
    const film = await this.call<Reverse2d>(
      { op: '2d-reverse', which, n, steps, seed },
      { progress: onProgress },
    );
    this.lastStepMs = film.stepMs;
    return { times: film.times, frames: film.frames };
  }

  forward(which: ToyDistribution, n: number, steps: number, seed: number): Trajectory {
    return forwardFilm(which, n, steps, seed);
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
      new Worker(new URL('../models.worker.ts', import.meta.url), {
        type: 'module',
        name: 'diffusion',
      }),
      base,
    ),
);
