/**
 * Every figure an article can embed with `<Figure id="…" />`, and that `/embed/<id>/`
 * renders alone. Adding a figure: add its id and metadata here and a branch in Figure.astro.
 */
export const FIGURE_IDS = [
  'timeline',
  'meet-the-data',
  'forward-diffusion',
  'vae-anatomy',
  'vae-latent-map',
  'vae-interpolate',
  'vae-forgot',
  'vae-loss',
  'gan-2d',
] as const;
export type FigureId = (typeof FIGURE_IDS)[number];

export interface FigureMeta {
  title: string;
  /** Default caption, used by the embed page and where an article gives none. */
  caption: string;
}

export const FIGURES: Record<FigureId, FigureMeta> = {
  timeline: {
    title: 'A short history of image generators',
    caption:
      'Eleven years of image generators, one band per family. Select a milestone to read what it changed; drag across the strip below the chart, or use the From and To sliders, to zoom into a span of years.',
  },
  'meet-the-data': {
    title: 'Meet the data: Tiny Headshots',
    caption:
      'Every model on this site learns from the same procedural portraits, 32 by 32 pixels, each drawn from nine known factors. Choose a face to read its factors, change one factor at a time to see what it does, and compare how often each look occurs.',
  },
  'forward-diffusion': {
    title: 'The forward process: from data to static',
    caption:
      'A smiley made of 700 points is noised step by step. Each point becomes √ᾱₜ times where it was plus √(1 − ᾱₜ) times a fixed random offset; by the last step the smiley is gone and the cloud matches a standard normal.',
  },
  'gan-2d': {
    title: 'A GAN learning, live, on points in the plane',
    caption:
      'Blue circles are real points; orange diamonds are the generator’s fakes. The background is the discriminator’s verdict on every spot of the plane, and the arrows show which way the generator’s loss pulls its fakes. Press Play, or try a preset: a healthy run, mode collapse, or a learning rate too high to settle.',
  },
  'vae-anatomy': {
    title: 'Anatomy of a VAE: one face, there and back',
    caption:
      'Pick a held-out face the model never trained on. The encoder turns it into two numbers with an uncertainty (the ellipse), one code is drawn at random from that ellipse, and the decoder paints a face from it. Draw again to pick another code from the same ellipse.',
  },
  'vae-latent-map': {
    title: 'The latent map: every face the decoder can draw',
    caption:
      'Each dot is a held-out face, placed where the encoder puts it; the dashed rings show the standard normal the codes are pushed towards. Drag the cursor anywhere, or use the arrow keys, and the decoder draws the face for that point as you move.',
  },
  'vae-interpolate': {
    title: 'Walking from one face to another',
    caption:
      "Choose two faces. The strip decodes evenly spaced points on the straight line between their codes, and the slider walks along it. Beside the VAE's face, the same walk done by blending the two photos' pixels instead.",
  },
  'vae-forgot': {
    title: 'What the bottleneck forgot',
    caption:
      'Real held-out faces above their reconstructions, each squeezed through the two latent numbers and drawn back. The bars show how much of each factor a separately trained probe can still read from 1,000 such reconstructions.',
  },
  'vae-loss': {
    title: 'The loss: a tug of war between two terms',
    caption:
      'You play the encoder. Move its answer for the chosen face (the cursor is the mean, the slider the spread) and watch the two terms of the loss: how badly the decoder redraws the face from codes drawn around that answer, and how far the answer strays from the standard normal.',
  },
};

export function isFigureId(id: string): id is FigureId {
  return (FIGURE_IDS as readonly string[]).includes(id);
}
