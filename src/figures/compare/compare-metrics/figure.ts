import type { FigureMeta } from '../../meta.ts';

export default {
  id: 'compare-metrics',
  title: 'The yardstick, side by side',
  caption:
    'The same five measurements for every model, from the site’s own evaluation: how close the faces are to real ones (tiny FID), how much fine detail they keep, how many kinds of face they cover, how well the autoencoders redraw a face, and how long a face takes. Measure them again in your browser on a smaller sample.',
  controls: {
    measure: 'Measure in my browser',
    download: 'Download CSV',
  },
  models: ['vae', 'gan', 'ddpm', 'ldm', 'ldm-ae', 'probe'],
} satisfies FigureMeta;
