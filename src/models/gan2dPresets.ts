/**
 * The settings a reader can choose for the live 2-D GAN, and three presets that each show
 * one behaviour from a fixed seed: a healthy run, mode collapse, and a learning rate too
 * high to settle. `tests/unit/models/gan2d.test.ts` replays each preset with the same trainer the
 * page runs and checks that it still does what its name promises.
 */
import { decodeDrawn } from '../data/drawn2d.ts';
import { DEFAULT_SHAPE } from './gan2d.ts';
import type { Gan2dSettings, SnapshotOptions } from './gan2dTrainer.ts';

/**
 * What the figure draws each frame: 512 fakes (coverage is measured on these too), arrows
 * on 64 of them, D's belief on a 40 × 40 lattice over [−3.5, 3.5]².
 */
export const PICTURE: SnapshotOptions = { fakes: 512, arrows: 64, grid: 40, extent: 3.5 };

/** Learning rates on the sliders, as strings so a shared link names them exactly. */
export const LEARNING_RATES = [
  '0.0001',
  '0.0002',
  '0.0005',
  '0.001',
  '0.002',
  '0.004',
  '0.01',
  '0.02',
  '0.05',
  '0.1',
] as const;
export type LearningRate = (typeof LEARNING_RATES)[number];

export const NOISE_DIMS = ['1', '2', '4', '8', '16'] as const;
export type NoiseDim = (typeof NOISE_DIMS)[number];

export const MAX_D_STEPS = 5;

/** Both players' optimiser: Adam (Kingma & Ba 2014) or plain SGD, as GAN Lab offers. */
export const OPTIMIZERS_2D = ['adam', 'sgd'] as const;
export type Optimizer2d = (typeof OPTIMIZERS_2D)[number];

/** Units per hidden layer on offer, as strings so a link names them exactly. */
export const UNITS = ['8', '16', '32', '64', '128'] as const;
export type Units = (typeof UNITS)[number];

/** The networks every preset uses: two hidden layers of 64 units, trained by Adam. */
const NETWORKS = {
  gLayers: DEFAULT_SHAPE.layers,
  gUnits: String(DEFAULT_SHAPE.units) as Units,
  dLayers: DEFAULT_SHAPE.layers,
  dUnits: String(DEFAULT_SHAPE.units) as Units,
  optimizer: 'adam' as Optimizer2d,
};

export const PRESET_IDS = ['healthy', 'collapse', 'unstable'] as const;
export type PresetId = (typeof PRESET_IDS)[number];

export interface Preset {
  label: string;
  /** What the reader should watch for, one sentence. */
  watch: string;
  settings: Omit<Gan2dSettings, 'lrD' | 'lrG' | 'noiseDim' | 'drawn' | 'g' | 'd' | 'optimizer'> & {
    lrD: LearningRate;
    lrG: LearningRate;
    noiseDim: NoiseDim;
  } & typeof NETWORKS;
}

export const PRESETS: Record<PresetId, Preset> = {
  healthy: {
    label: 'Healthy run',
    watch: 'The fakes spread out until they sit on all eight clusters.',
    settings: {
      distribution: 'ring',
      loss: 'non-saturating',
      lrD: '0.002',
      lrG: '0.001',
      dSteps: 1,
      noiseDim: '2',
      seed: 3,
      ...NETWORKS,
    },
  },
  collapse: {
    label: 'Mode collapse',
    watch: 'The fakes crowd onto two clusters and stay there for thousands of steps.',
    settings: {
      distribution: 'ring',
      loss: 'non-saturating',
      lrD: '0.004',
      lrG: '0.004',
      dSteps: 1,
      noiseDim: '16',
      seed: 1,
      ...NETWORKS,
    },
  },
  unstable: {
    label: 'Learning rate too high',
    watch: 'The fakes leap about the plane and the losses swing wildly instead of settling.',
    settings: {
      distribution: 'ring',
      loss: 'non-saturating',
      lrD: '0.05',
      lrG: '0.05',
      dSteps: 1,
      noiseDim: '2',
      seed: 1,
      ...NETWORKS,
    },
  },
};

/** The trainer's settings for the figure's string-valued ones (a drawing as its link text). */
export function trainerSettings(s: Preset['settings'] & { drawn?: string }): Gan2dSettings {
  const { gLayers, gUnits, dLayers, dUnits, ...rest } = s;
  return {
    ...rest,
    lrD: Number(s.lrD),
    lrG: Number(s.lrG),
    noiseDim: Number(s.noiseDim),
    drawn: decodeDrawn(s.drawn ?? '') ?? new Float32Array(0),
    g: { layers: gLayers, units: Number(gUnits) },
    d: { layers: dLayers, units: Number(dUnits) },
  };
}
