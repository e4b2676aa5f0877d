import type { FigureMeta } from '../../meta.ts';

export default {
  id: 'compare-samples',
  title: 'Same faces, three eras',
  caption:
    'Eight faces from each of the four generators, all trained on the same Tiny Headshots, beside eight real faces they never saw. One seed draws them all: press New faces to re-roll, or type a seed to share. The latent model is prompted with the factors of the real faces shown; the others draw freely.',
  controls: {
    reroll: 'New faces button',
    seed: 'Seed',
    download: 'Download PNG',
  },
  models: ['vae', 'gan', 'ddpm', 'ldm', 'ldm-ae', 'probe'],
} satisfies FigureMeta;
