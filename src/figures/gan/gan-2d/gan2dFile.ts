/**
 * The 2-D GAN's model file: its link settings (the drawing among them), its step counters
 * and both players' weights, written and checked by `src/data/modelFile.ts`.
 */
import { readModelFile, writeModelFile, type ReadResult } from '../../../data/modelFile.ts';
import { mlpShapes } from '../../../models/gan2d.ts';
import { trainerSettings, type Preset } from '../../../models/gan2dPresets.ts';
import { gan2dFields } from './gan2dFields.ts';
import type { LiveGan2d } from './liveGan2d.svelte.ts';

/** The figure's values: a preset's settings and the drawing's link text. */
export type Gan2dValues = Preset['settings'] & { drawn: string };

const FIGURE = 'gan-2d';

/** The weights the settings build, by name: G's then D's. */
export function gan2dShapes(values: Gan2dValues): Record<string, number[]> {
  const s = trainerSettings(values);
  return { ...mlpShapes('g', s.noiseDim, 2, s.g!), ...mlpShapes('d', 2, 1, s.d!) };
}

export function writeGan2dFile(
  values: Gan2dValues,
  progress: { step: number; dUpdates: number },
  weights: Record<string, Float32Array>,
): string {
  return writeModelFile(FIGURE, gan2dFields(), { settings: values, progress, weights });
}

export function readGan2dFile(text: string): ReadResult<Gan2dValues> {
  return readModelFile(text, FIGURE, gan2dFields(), gan2dShapes);
}

/** What the figure's "Download model" and "Load model…" buttons do. */
export function gan2dModelFile(figure: { values: Gan2dValues }, live: LiveGan2d) {
  return {
    save(): string {
      const model = live.model();
      if (!model) throw new Error('The model is not ready yet.');
      const { weights, ...progress } = model;
      return writeGan2dFile(figure.values, progress, weights);
    },
    load(text: string): string | null {
      const read = readGan2dFile(text);
      if (!read.ok) return read.message;
      const { settings, progress, weights } = read.file;
      live.adopt(
        trainerSettings(settings),
        weights,
        progress['step'] ?? 0,
        progress['dUpdates'] ?? 0,
      );
      figure.values = settings;
      return null;
    },
  };
}
