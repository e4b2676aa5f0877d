import type { FigureMeta } from '../../meta.ts';

export default {
  id: 'vae-forgot',
  title: 'What the bottleneck forgot',
  caption:
    'Real held-out faces above their reconstructions, each squeezed through the two latent numbers and drawn back. The bars show how much of each factor a separately trained probe can still read from 1,000 such reconstructions.',
  controls: {
    faces: 'Other faces button',
  },
  models: ['vae'],
} satisfies FigureMeta;
