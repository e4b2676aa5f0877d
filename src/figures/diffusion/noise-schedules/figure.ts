import type { FigureMeta } from '../../meta.ts';

export default {
  id: 'noise-schedules',
  title: 'Three noise schedules, one face',
  caption:
    'How fast each schedule turns a picture into static. The charts show the noise added at each step (βₜ), the share of the picture left (ᾱₜ) and the signal-to-noise ratio, for the linear, cosine and sigmoid schedules; the faces show one picture noised to the cursor’s step by each schedule, with the same noise. Drag across the charts, use the arrow keys or the slider, and change the number of steps T.',
  controls: {
    step: 'Step slider',
    steps: 'Number of steps',
    show: 'Schedules shown',
    highlight: 'Highlighted schedule',
  },
} satisfies FigureMeta;
