import type { FigureMeta } from '../../meta.ts';

export default {
  id: 'gan-family',
  title: 'The family tree',
  caption:
    'The GAN’s best-known descendants, oldest at the top, each with the problem it fixed. Select a model to read its story; the line back to the first GAN lights up. BigGAN grew from the same convolutional branch as ProGAN, while StyleGAN built on ProGAN.',
  controls: {},
} satisfies FigureMeta;
