import type { FigureMeta } from '../../meta.ts';

export default {
  id: 'diffusion-2d',
  title: 'Diffusion in 2-D: noise into shapes, step by step',
  caption:
    'A trained denoiser moves 2,000 points of pure noise, one small step at a time, until they form the chosen shape; lines trace a few points’ paths. Play, step or scrub through the film, or switch to the forward direction to watch real points dissolve into noise.',
  controls: {
    direction: 'Direction',
    play: 'Playback buttons',
    scrub: 'Step slider',
    settings: 'All settings',
    shape: 'Shape',
    steps: 'Number of steps',
    seed: 'Seed',
  },
  models: ['diffusion-2d'],
} satisfies FigureMeta;
