import type { FigureMeta } from '../../meta.ts';

export default {
  id: 'prompting',
  title: 'Prompting: guidance turns a dial between variety and obedience',
  caption:
    'Type a prompt. The words that name a factor the model knows light up; the rest are ignored. The slider sets the guidance weight w and redraws four faces; below, the same starting noise at several weights, with how often a separate probe finds what was asked for.',
  controls: {
    prompt: 'Prompt box',
    guidance: 'Guidance slider',
    seed: 'Seed',
  },
  models: ['ldm', 'ldm-ae', 'probe'],
} satisfies FigureMeta;
