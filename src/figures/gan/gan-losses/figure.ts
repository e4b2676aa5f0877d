import type { FigureMeta } from '../../meta.ts';

export default {
  id: 'gan-losses',
  title: 'Training is hard: what the loss curves do not say',
  caption:
    'The two losses of this site’s face GAN, recorded every 50 steps while it trained. Drag along the chart, or use the slider, to read both at any step; the numbered notes say what the curves show, and what they cannot.',
  controls: {
    step: 'Step slider',
    notes: 'Numbered notes',
  },
} satisfies FigureMeta;
