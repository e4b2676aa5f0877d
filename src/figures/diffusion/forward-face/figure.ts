import type { FigureMeta } from '../../meta.ts';

export default {
  id: 'forward-face',
  title: 'A face turning into static',
  caption:
    'Slide t from 0 to 1000 and the face fades while the noise grows: the picture on the right is exactly the sum of the two on the left. Below, the histogram of its 3,072 pixel values slides onto the bell curve of a standard normal. Pick another face, or draw new noise.',
  controls: {
    face: 'Face picker',
    step: 'Step slider',
    noise: 'New noise button',
  },
} satisfies FigureMeta;
