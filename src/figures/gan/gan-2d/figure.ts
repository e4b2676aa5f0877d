import type { FigureMeta } from '../../meta.ts';

export default {
  id: 'gan-2d',
  title: 'A GAN learning, live, on points in the plane',
  caption:
    'Blue circles are real points; orange diamonds are the generator’s fakes. The background is the discriminator’s verdict on every spot of the plane, and the arrows show which way the generator’s loss pulls its fakes. Press Play, or try a preset: a healthy run, mode collapse, or a learning rate too high to settle. Or pick Draw your own under Data and draw the points it should learn, and give either player more or fewer layers.',
  controls: {
    presets: 'Presets',
    play: 'Training buttons',
    settings: 'All settings',
    data: 'Data (and the drawing tools)',
    loss: 'Loss',
    rates: 'Learning rates',
    seed: 'Seed',
    networks: 'Networks and optimiser',
    file: 'Download and load the model',
  },
  preview: {
    steps: [{ click: '.transport .play' }, { wait: 8000 }, { click: '.transport .play' }],
  },
} satisfies FigureMeta;
