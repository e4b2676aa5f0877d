/**
 * The race's model file: its link settings (the lanes and the drawing among them), each
 * lane's steps and weights (the first lane's prefixed 'a/', the second's 'b/'), written and
 * checked by `src/data/modelFile.ts`: a file of another figure, another lane line-up or
 * another network is refused with the reason, and nothing changes.
 */
import { readModelFile, writeModelFile, type ReadResult } from '../../../data/modelFile.ts';
import { denoiserShapes } from '../../../models/denoiser2d.ts';
import { mlpShapes } from '../../../models/mlp2d.ts';
import { trainerSettings } from '../../../models/gan2dPresets.ts';
import { PRESET_GAN, race2dFields, raceSettings, type Race2dValues } from './race2dFields.ts';
import type { LaneKind, SavedLane } from './race2dProtocol.ts';
import type { LiveRace2d } from './liveRace2d.svelte.ts';

const FIGURE = 'race-2d';
const PREFIXES = ['a/', 'b/'] as const;

function laneShapes(kind: LaneKind, values: Race2dValues): Record<string, number[]> {
  if (kind !== 'gan') return denoiserShapes({ layers: values.layers, units: Number(values.units) });
  const gan = trainerSettings(PRESET_GAN);
  return { ...mlpShapes('g', gan.noiseDim, 2, gan.g!), ...mlpShapes('d', 2, 1, gan.d!) };
}

/** Every weight the settings build, by prefixed name. */
export function race2dShapes(values: Race2dValues): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  [values.left, values.right].forEach((kind, i) => {
    for (const [name, shape] of Object.entries(laneShapes(kind, values)))
      out[`${PREFIXES[i]}${name}`] = shape;
  });
  return out;
}

export function writeRace2dFile(values: Race2dValues, lanes: SavedLane[]): string {
  const weights: Record<string, Float32Array> = {};
  const progress: Record<string, number> = {};
  lanes.forEach((lane, i) => {
    progress[`steps${i + 1}`] = lane.steps;
    for (const [name, w] of Object.entries(lane.weights)) weights[`${PREFIXES[i]}${name}`] = w;
  });
  return writeModelFile(FIGURE, race2dFields(), { settings: values, progress, weights });
}

export function readRace2dFile(text: string): ReadResult<Race2dValues> {
  return readModelFile(text, FIGURE, race2dFields(), race2dShapes);
}

/** What the figure's "Download model" and "Load model…" buttons do. */
export function race2dModelFile(figure: { values: Race2dValues }, live: LiveRace2d) {
  return {
    async save(): Promise<string> {
      return writeRace2dFile(figure.values, await live.model());
    },
    load(text: string): string | null {
      const read = readRace2dFile(text);
      if (!read.ok) return read.message;
      const { settings, progress, weights } = read.file;
      const lanes = PREFIXES.map((prefix, i) => ({
        steps: progress[`steps${i + 1}`] ?? 0,
        weights: Object.fromEntries(
          Object.entries(weights)
            .filter(([name]) => name.startsWith(prefix))
            .map(([name, w]) => [name.slice(prefix.length), w]),
        ),
      }));
      live.adopt(raceSettings(settings), lanes);
      figure.values = settings;
      return null;
    },
  };
}
