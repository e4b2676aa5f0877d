import type { FigureMeta } from '../../meta.ts';

export default {
  id: 'meet-the-data',
  title: 'Meet the data: Tiny Headshots',
  caption:
    'Every model on this site learns from the same procedural portraits, 32 by 32 pixels, each drawn from nine known factors. Choose a face to read its factors, change one factor at a time to see what it does, and compare how often each look occurs.',
  controls: {
    faces: 'Other faces button',
    editor: 'Face editor',
  },
} satisfies FigureMeta;
