import type { FigureMeta } from '../../meta.ts';

export default {
  id: 'why-latent',
  title: 'Why latent: the same process, in a small latent or on every pixel',
  caption:
    'The same reverse process, with the same seed and number of steps, run twice side by side: by the latent model on its small latent grid, decoded to a picture at every step so you can watch the face form, and by the pixel model on every pixel. Every model call is timed in your browser; the numbers below are measured, not quoted.',
  controls: {
    steps: 'Steps slider',
    seed: 'Seed',
    run: 'Run button',
  },
  models: ['ddpm', 'ldm', 'ldm-ae'],

  preview: { steps: [{ click: 'button.go' }, { waitText: ['.summary', 'faster'] }] },
} satisfies FigureMeta;
