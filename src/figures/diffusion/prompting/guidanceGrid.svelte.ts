/**
 * The prompting figure's grid: the same prompt and starting noise sampled at several guidance
 * weights, one column at a time, each column measured (how often the probe reads back what
 * was asked, how different the faces are). Runs are numbered so a newer prompt stops an
 * older run between columns.
 */
import type { PromptApi } from '../diffusionClient.ts';
import { IMAGE_LENGTH } from '../../../data/headshots.ts';
import type { Prompt } from '../../../models/latentDenoiser.ts';
import { meanPairwiseRms, promptAgreement } from '../../../models/promptAgreement.ts';

/** Guidance weights of the grid's columns. */
export const GRID_W = [0, 1, 2, 3, 5, 10];
/** Faces per grid column: the first GRID_ROWS are shown, all are measured. */
export const GRID_FACES = 12;
export const GRID_ROWS = 3;

export interface Column {
  w: number;
  images: Float32Array;
  /** Share of prompted factors the probe reads back (null: nothing was prompted). */
  agreement: number | null;
  /** Mean root-mean-square pixel difference between two faces of the column. */
  variety: number;
}

export class GuidanceGrid {
  /** The columns finished so far, in GRID_W order. */
  columns = $state.raw<Column[]>([]);
  busy = $state(false);
  #run = 0;

  async draw(s: PromptApi, r: { prompt: Prompt; seed: number }): Promise<void> {
    const run = ++this.#run;
    this.busy = true;
    const done: Column[] = [];
    try {
      for (const w of GRID_W) {
        const images = await s.sample(r.prompt, w, GRID_FACES, r.seed);
        if (run !== this.#run) return;
        const readings = await s.read(images, GRID_FACES);
        if (run !== this.#run) return;
        done.push({
          w,
          images,
          agreement: promptAgreement(r.prompt, readings),
          variety: meanPairwiseRms(images, IMAGE_LENGTH),
        });
        this.columns = [...done];
      }
    } finally {
      if (run === this.#run) this.busy = false;
    }
  }

  /** Stops the run in flight at its next column. */
  cancel(): void {
    this.#run++;
  }
}
