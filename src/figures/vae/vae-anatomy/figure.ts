import type { FigureMeta } from '../../meta.ts';

export default {
  id: 'vae-anatomy',
  title: 'Anatomy of a VAE: one face, there and back',
  caption:
    'Pick a held-out face the model never trained on. The encoder turns it into two numbers with an uncertainty (the ellipse), one code is drawn at random from that ellipse, and the decoder paints a face from it. Draw again to pick another code from the same ellipse.',
  controls: {
    face: 'Face picker',
    draw: 'Draw again button',
  },
} satisfies FigureMeta;
