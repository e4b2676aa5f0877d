import type { FigureMeta } from '../../meta.ts';

export default {
  id: 'vae-interpolate',
  title: 'Walking from one face to another',
  caption:
    "Choose two faces. The strip decodes evenly spaced points on the straight line between their codes, and the slider walks along it. Beside the VAE's face, the same walk done by blending the two photos' pixels instead.",
  controls: {
    faces: 'Face pickers',
    walk: 'Walk slider',
  },
  models: ['vae'],
} satisfies FigureMeta;
