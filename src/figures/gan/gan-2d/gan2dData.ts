/**
 * What the 2-D GAN figure shows of its data: the real points on the plane, the data's name
 * and its clusters (for the coverage readout). A drawing shows its own points and has no
 * clusters to count; a preset shows 400 of its samples.
 */
import { TOY_DISTRIBUTIONS } from '../../../data/toy2d.ts';
import { MODES, type Modes } from '../../../models/modeCoverage.ts';
import type { Gan2dData } from '../../../models/gan2dTrainer.ts';

export interface ShownData {
  real: Float32Array;
  label: string;
  modes: Modes | undefined;
}

export function shownData(distribution: Gan2dData, drawn: Float32Array): ShownData {
  if (distribution === 'draw') return { real: drawn, label: 'Your drawing', modes: undefined };
  const { label, sample } = TOY_DISTRIBUTIONS[distribution];
  return { real: sample(400, 5), label, modes: MODES[distribution] };
}
