import type { FigureMeta } from '../../meta.ts';

export default {
  id: 'race-2d',
  title: 'Same points, same clock: a GAN and a diffusion model learn side by side',
  caption:
    'Both models train at once on the same points, taking turns of equal length in a background thread. Each plane shows a model’s samples over the faint data; a denoiser also shows the paths a few points take from noise. The chart plots how far each model’s samples are from the data over seconds of training. Put flow matching in either lane, pick other data, or draw your own on the first plane.',
  controls: {
    play: 'Training buttons',
    lanes: 'The model in each lane',
    settings: 'All settings',
    data: 'Data (and the drawing tools)',
    sampler: 'Sampling steps',
    networks: 'The denoiser’s network',
    seed: 'Seed',
    file: 'Download and load the models',
  },
  preview: {
    steps: [{ click: '.transport .play' }, { wait: 12000 }, { click: '.transport .play' }],
  },
} satisfies FigureMeta;
