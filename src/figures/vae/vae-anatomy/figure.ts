import type { FigureMeta } from '../../meta.ts';

export default {
  id: 'vae-anatomy',
  title: 'Anatomy of a VAE: one face, there and back',
  caption:
    'Pick a held-out face the model never trained on. The encoder turns it into two numbers with an uncertainty (the ellipse), one code is drawn at random from that ellipse, and the decoder paints a face from it. Draw again to pick another code from the same ellipse. Or choose your own picture: paint on the face, start from a blank, or open an image file, which is reduced to 32 × 32 pixels in your browser and never sent anywhere.',
  controls: {
    source: 'Held-out face or your own picture',
    face: 'Face picker',
    draw: 'Draw again button',
  },
  models: ['vae'],
} satisfies FigureMeta;
