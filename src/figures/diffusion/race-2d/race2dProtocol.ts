/**
 * What the race figure and its Web Worker say to each other (race2d.worker.ts). Plain data
 * only: settings in, frames out. The worker owns TensorFlow.js and both models; the page
 * only draws, so training never takes a frame from the reader's scrolling.
 */
import type { Gan2dData } from '../../../models/gan2dTrainer.ts';
import type { Optimizer2d } from '../../../models/gan2dPresets.ts';
import type { BackendName } from '../../../models/backends.ts';

export const LANE_KINDS = ['gan', 'diffusion', 'flow'] as const;
export type LaneKind = (typeof LANE_KINDS)[number];
export const LANE_LABELS: Record<LaneKind, string> = {
  gan: 'GAN',
  diffusion: 'Diffusion',
  flow: 'Flow matching',
};

export interface RaceSettings {
  distribution: Gan2dData;
  drawn: Float32Array;
  lanes: [LaneKind, LaneKind];
  /** The denoiser's network and optimiser (the GAN plays the chapter's healthy preset). */
  layers: number;
  units: number;
  optimizer: Optimizer2d;
  lr: number;
  /** Sampling steps of DDIM or Euler. */
  samplerSteps: number;
  seed: number;
  /** Points per denoiser batch; only the benchmark changes it. */
  batch?: number;
}

export type ToWorker =
  | { type: 'configure'; settings: RaceSettings }
  | { type: 'redraw'; drawn: Float32Array }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'step' }
  | { type: 'motion'; reduced: boolean }
  /** Asks for both lanes' weights (answered with 'weights'). */
  | { type: 'save'; request: number }
  /** A new race from saved lanes: the settings, then each lane's weights and steps. */
  | { type: 'adopt'; settings: RaceSettings; lanes: SavedLane[] };

export interface SavedLane {
  weights: Record<string, Float32Array>;
  steps: number;
}

export interface LaneFrame {
  kind: LaneKind;
  steps: number;
  /** Steps per second over the last half second of play (0 when paused). */
  speed: number;
  /** New losses since the last frame: one series for a denoiser, D then G for a GAN. */
  losses: { label: string; steps: number[]; values: number[] }[];
  /** The model's samples now (flat [x0, y0, …]), from fixed noise. */
  samples: Float32Array;
  /** Angle bucket of each sample's noise, so a reader can follow a region of it. */
  hues: Uint8Array;
  /** The sampling paths of the first few samples (denoisers only). */
  paths: Float32Array[];
  straightness: number;
  /** Energy distance of the samples to the data. */
  distance: number;
  /** Milliseconds this lane has trained for. */
  trainMs: number;
}

export type FromWorker =
  | { type: 'ready'; backend: BackendName }
  | {
      type: 'frame';
      /** Seconds of wall-clock time both models have trained side by side. */
      clock: number;
      playing: boolean;
      /** Which configuration the frame belongs to (older frames are dropped). */
      run: number;
      lanes: LaneFrame[];
    }
  | { type: 'weights'; request: number; lanes: SavedLane[] }
  | { type: 'error'; message: string };

/** Samples each lane shows and measures; paths drawn per denoiser lane. */
export const SAMPLES = 400;
export const PATHS = 14;
