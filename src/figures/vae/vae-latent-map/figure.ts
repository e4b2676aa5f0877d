import type { FigureMeta } from '../../meta.ts';

export default {
  id: 'vae-latent-map',
  title: 'The latent map: every face the decoder can draw',
  caption:
    'Each dot is a held-out face, placed where the encoder puts it; the dashed rings show the standard normal the codes are pushed towards. Drag the cursor anywhere, or use the arrow keys, and the decoder draws the face for that point as you move.',
  controls: {
    colour: 'Colour faces by',
    tiles: 'Tile the plane button',
  },
  models: ['vae'],
} satisfies FigureMeta;
