/** Every trainable model of the site by id (the probe has its own script). */
import type { Trainer } from '../lib/harness.ts';
import type { TrainerOptions } from './common.ts';
import { ddpmTrainer } from './ddpm.ts';
import { diffusion2dTrainer } from './diffusion2d.ts';
import { ganTrainer } from './gan.ts';
import { ldmTrainer } from './ldm.ts';
import { ldmAeTrainer } from './ldmAe.ts';
import { ldmAeEyesTrainer, ldmAeSharpTrainer } from './ldmAeStage.ts';
import { vaeTrainer } from './vae.ts';

export const TRAINERS = {
  vae: vaeTrainer,
  gan: ganTrainer,
  ddpm: ddpmTrainer,
  'ldm-ae': ldmAeTrainer,
  'ldm-ae-sharp': ldmAeSharpTrainer,
  'ldm-ae-eyes': ldmAeEyesTrainer,
  ldm: ldmTrainer,
  'diffusion-2d': diffusion2dTrainer,
} satisfies Record<string, (o: TrainerOptions) => Trainer | Promise<Trainer>>;
export type ModelId = keyof typeof TRAINERS;
