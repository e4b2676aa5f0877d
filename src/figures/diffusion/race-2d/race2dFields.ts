/**
 * The race figure's link fields, parsed forgivingly (a bad value in a shared link falls back
 * to the default), and the worker's settings made from them.
 */
import { choiceField, intField, textField } from '../../shell/urlState.ts';
import { TOY_DISTRIBUTIONS } from '../../../data/toy2d.ts';
import { MAX_DRAWN_CHARS, decodeDrawn } from '../../../data/drawn2d.ts';
import type { Gan2dData } from '../../../models/gan2dTrainer.ts';
import { MAX_LAYERS } from '../../../models/mlp2d.ts';
import {
  OPTIMIZERS_2D,
  PRESETS,
  UNITS,
  type Optimizer2d,
  type Units,
} from '../../../models/gan2dPresets.ts';
import { LANE_KINDS, type LaneKind, type RaceSettings } from './race2dProtocol.ts';

/** The GAN every race runs: the chapter's healthy preset, on the race's data and seed. */
export const PRESET_GAN = PRESETS.healthy.settings;

export const DATA: Gan2dData[] = [...(Object.keys(TOY_DISTRIBUTIONS) as Gan2dData[]), 'draw'];
/** The denoiser's Adam learning rates (3e-3 measured best on the presets over a minute). */
export const DENOISER_RATES = ['0.0003', '0.001', '0.003', '0.01', '0.03'] as const;
export type DenoiserRate = (typeof DENOISER_RATES)[number];
export const SAMPLER_STEPS = ['2', '5', '10', '20', '50'] as const;
export type SamplerSteps = (typeof SAMPLER_STEPS)[number];

export function race2dFields() {
  return {
    distribution: choiceField<Gan2dData>('ring', DATA),
    left: choiceField<LaneKind>('gan', LANE_KINDS),
    right: choiceField<LaneKind>('diffusion', LANE_KINDS),
    layers: intField(3, 1, MAX_LAYERS),
    units: choiceField<Units>('64', UNITS),
    optimizer: choiceField<Optimizer2d>('adam', OPTIMIZERS_2D),
    lr: choiceField<DenoiserRate>('0.003', DENOISER_RATES),
    samplerSteps: choiceField<SamplerSteps>('20', SAMPLER_STEPS),
    seed: intField(1, 1, 9999),
    drawn: textField('', MAX_DRAWN_CHARS),
  };
}

type Values = {
  [K in keyof ReturnType<typeof race2dFields>]: ReturnType<typeof race2dFields>[K]['fallback'];
};
export type Race2dValues = Values;

export function raceSettings(v: Values): RaceSettings {
  return {
    distribution: v.distribution,
    drawn: decodeDrawn(v.drawn) ?? new Float32Array(0),
    lanes: [v.left, v.right],
    layers: v.layers,
    units: Number(v.units),
    optimizer: v.optimizer,
    lr: Number(v.lr),
    samplerSteps: Number(v.samplerSteps),
    seed: v.seed,
  };
}
