import type { FigureMeta } from '../../meta.ts';

export default {
  id: 'gan-diversity',
  title: 'Diversity, measured',
  caption:
    'How often each eye colour, hair style, hair colour, backdrop and pair of glasses turns up among the GAN’s faces, beside real faces, both read by the same probe. Measure it again in your browser, and compare the GAN’s samples with the VAE’s.',
  controls: {
    factor: 'Factor menu',
    measure: 'Measure in my browser',
    samples: 'Other samples button',
  },
  models: ['gan', 'probe', 'vae'],
} satisfies FigureMeta;
