import type { FigureMeta } from '../../meta.ts';

export default {
  id: 'timeline',
  title: 'A short history of image generators',
  caption:
    'Eleven years of image generators, one band per family. Select a milestone to read what it changed; drag across the strip below the chart, or use the From and To sliders, to zoom into a span of years.',
  controls: {
    range: 'From and To years',
    play: 'Play button',
  },
} satisfies FigureMeta;
