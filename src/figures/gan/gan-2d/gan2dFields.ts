/**
 * The 2-D GAN figure's link fields: every setting a reader can change, parsed forgivingly
 * (a bad value in a shared link falls back to the healthy preset's). Kept out of the
 * component so its markup stays readable.
 */
import { choiceField, intField, textField } from '../../shell/urlState.ts';
import { TOY_DISTRIBUTIONS } from '../../../data/toy2d.ts';
import { MAX_DRAWN_CHARS } from '../../../data/drawn2d.ts';
import type { Gan2dData } from '../../../models/gan2dTrainer.ts';
import { GAN_LOSSES, MAX_LAYERS, type GanLoss } from '../../../models/gan2d.ts';
import {
  LEARNING_RATES,
  MAX_D_STEPS,
  NOISE_DIMS,
  OPTIMIZERS_2D,
  PRESETS,
  UNITS,
  type LearningRate,
  type NoiseDim,
  type Optimizer2d,
  type Units,
} from '../../../models/gan2dPresets.ts';

const DATA: Gan2dData[] = [...(Object.keys(TOY_DISTRIBUTIONS) as Gan2dData[]), 'draw'];

export function gan2dFields() {
  const start = PRESETS.healthy.settings;
  return {
    distribution: choiceField<Gan2dData>(start.distribution, DATA),
    loss: choiceField<GanLoss>(start.loss, GAN_LOSSES),
    lrD: choiceField<LearningRate>(start.lrD, LEARNING_RATES),
    lrG: choiceField<LearningRate>(start.lrG, LEARNING_RATES),
    dSteps: intField(start.dSteps, 1, MAX_D_STEPS),
    noiseDim: choiceField<NoiseDim>(start.noiseDim, NOISE_DIMS),
    seed: intField(start.seed, 1, 9999),
    gLayers: intField(start.gLayers, 1, MAX_LAYERS),
    gUnits: choiceField<Units>(start.gUnits, UNITS),
    dLayers: intField(start.dLayers, 1, MAX_LAYERS),
    dUnits: choiceField<Units>(start.dUnits, UNITS),
    optimizer: choiceField<Optimizer2d>(start.optimizer, OPTIMIZERS_2D),
    drawn: textField('', MAX_DRAWN_CHARS),
  };
}
