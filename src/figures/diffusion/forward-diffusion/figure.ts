import type { FigureMeta } from '../../meta.ts';

export default {
  id: 'forward-diffusion',
  title: 'The forward process: from data to static',
  caption:
    'A smiley made of 700 points is noised step by step. Each point becomes √ᾱₜ times where it was plus √(1 − ᾱₜ) times a fixed random offset; by the last step the smiley is gone and the cloud matches a standard normal.',
  controls: {
    step: 'Step slider',
    schedule: 'Noise schedule',
    play: 'Play button',
  },
} satisfies FigureMeta;
