import type { FigureMeta } from '../../meta.ts';

export default {
  id: 'reverse-process',
  title: 'The reverse process, step by step',
  caption:
    'A trained network turns static into a face, one step at a time. Left, the sample xₜ; middle, the noise ε̂ the network sees in it; right, the clean face x̂₀ that noise implies, which settles long before the screen does. Play, step or scrub; switch between DDPM and DDIM, change the number of steps, or try new static.',
  controls: {
    play: 'Playback buttons',
    scrub: 'Step slider',
    settings: 'All sampler settings',
    sampler: 'Sampler method and η',
    steps: 'Number of steps',
    seed: 'Seed',
  },
  models: ['ddpm'],

  preview: {
    query: '?reverse-process.sampler=ddim&reverse-process.steps=50',
    steps: [{ click: '.transport .play' }, { waitFor: '[data-taken="50"][data-playing="false"]' }],
  },
} satisfies FigureMeta;
