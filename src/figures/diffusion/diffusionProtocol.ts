/**
 * The calls the diffusion chapter's figures make of its worker (diffusionServe.ts, answered
 * on the shared session protocol, ../shell/sessionProtocol.ts).
 */
import type { ToyDistribution } from '../../data/toy2d.ts';
import type { Trajectory } from '../../models/diffusion2dPaths.ts';
import type { Prompt } from '../../models/latentDenoiser.ts';
import type { ProbeReading } from '../../models/promptAgreement.ts';
import type { LatentShape } from './why-latent/latentShape.ts';

export type DiffusionCall =
  | { op: 'ddpm-noise'; x: Float32Array; t: number }
  | { op: 'ldm-noise'; z: Float32Array; t: number; prompt: Prompt; guidance: number }
  | { op: 'ldm-decode'; z0: Float32Array }
  | { op: 'latent-shape' }
  | { op: 'prompt-sample'; prompt: Prompt; guidance: number; n: number; seed: number }
  | { op: 'probe-read'; images: Float32Array; n: number }
  | { op: '2d-reverse'; which: ToyDistribution; n: number; steps: number; seed: number };

/** A 2-D reverse film and the model's time per step in it. */
export type Reverse2d = Trajectory & { stepMs: number };

export type DiffusionResult = Float32Array | LatentShape | ProbeReading[] | Reverse2d;
