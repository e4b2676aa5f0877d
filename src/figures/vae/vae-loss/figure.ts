import type { FigureMeta } from '../../meta.ts';

export default {
  id: 'vae-loss',
  title: 'The loss: a tug of war between two terms',
  caption:
    'You play the encoder. Move its answer for the chosen face (the cursor is the mean, the slider the spread) and watch the two terms of the loss: how badly the decoder redraws the face from codes drawn around that answer, and how far the answer strays from the standard normal.',
  controls: {
    face: 'Face picker',
    spread: 'Spread slider',
    back: 'Back to the encoder button',
  },
  models: ['vae'],
} satisfies FigureMeta;
