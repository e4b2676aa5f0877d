import type { FigureMeta } from '../../meta.ts';

export default {
  id: 'gan-forger',
  title: 'The forger’s faces',
  caption:
    'Sixty-four faces drawn by the trained generator from random numbers, each with the discriminator’s verdict beneath it. Pick two and walk between them; see how the same discriminator judges real faces; then play detective against it.',
  controls: {
    reroll: 'New faces button',
    ends: 'A click sets A or B',
    walk: 'Walk slider',
    real: 'Other real faces button',
    game: 'Detective game',
  },
  models: ['gan', 'probe', 'vae'],
} satisfies FigureMeta;
