/**
 * Every figure an article can embed with `<Figure id="…" />`, and that `/embed/<id>/`
 * renders alone. Adding a figure: add its id and metadata here and a branch in Figure.astro.
 */
export const FIGURE_IDS = [
  'timeline',
  'meet-the-data',
  'forward-diffusion',
  'noise-schedules',
  'forward-face',
  'reverse-process',
  'vae-anatomy',
  'vae-latent-map',
  'vae-interpolate',
  'vae-forgot',
  'vae-loss',
  'gan-2d',
  'gan-forger',
  'gan-diversity',
  'gan-losses',
  'gan-family',
  'diffusion-2d',
  'prompting',
  'why-latent',
  'compare-samples',
  'compare-metrics',
] as const;
export type FigureId = (typeof FIGURE_IDS)[number];

export interface FigureMeta {
  title: string;
  /** Default caption, used by the embed page and where an article gives none. */
  caption: string;
  /**
   * Control groups a teacher link can hide (`?<id>-hide=seed,steps`), each marked in the
   * figure with `data-control="<name>"`, with the label the embed index shows. Every name
   * needs its rule in global.css (tests/unit/hiddenControls.test.ts checks).
   */
  controls: Record<string, string>;
}

/** Controls of FigureShell itself, hideable in every figure. */
export const SHELL_CONTROLS: Record<string, string> = {
  toolbar: 'Reset, link and Present buttons',
};

/** Everything a teacher link can hide in figure `id`: its own controls, then the shell's. */
export function hideableControls(id: FigureId): Record<string, string> {
  return { ...FIGURES[id].controls, ...SHELL_CONTROLS };
}

export const FIGURES: Record<FigureId, FigureMeta> = {
  'compare-samples': {
    title: 'Same faces, three eras',
    caption:
      'Eight faces from each of the four generators, all trained on the same Tiny Headshots, beside eight real faces they never saw. One seed draws them all: press New faces to re-roll, or type a seed to share. The latent model is prompted with the factors of the real faces shown; the others draw freely.',
    controls: { reroll: 'New faces button', seed: 'Seed', download: 'Download PNG' },
  },
  'compare-metrics': {
    title: 'The yardstick, side by side',
    caption:
      'The same five measurements for every model, from the site’s own evaluation: how close the faces are to real ones (tiny FID), how much fine detail they keep, how many kinds of face they cover, how well the autoencoders redraw a face, and how long a face takes. Measure them again in your browser on a smaller sample.',
    controls: { measure: 'Measure in my browser', download: 'Download CSV' },
  },
  'diffusion-2d': {
    title: 'Diffusion in 2-D: noise into shapes, step by step',
    caption:
      'A trained denoiser moves 2,000 points of pure noise, one small step at a time, until they form the chosen shape; lines trace a few points’ paths. Play, step or scrub through the film, or switch to the forward direction to watch real points dissolve into noise.',
    controls: {
      direction: 'Direction',
      play: 'Playback buttons',
      scrub: 'Step slider',
      settings: 'All settings',
      shape: 'Shape',
      steps: 'Number of steps',
      seed: 'Seed',
    },
  },
  prompting: {
    title: 'Prompting: guidance turns a dial between variety and obedience',
    caption:
      'Type a prompt. The words that name a factor the model knows light up; the rest are ignored. The slider sets the guidance weight w and redraws four faces; below, the same starting noise at several weights, with how often a separate probe finds what was asked for.',
    controls: { prompt: 'Prompt box', guidance: 'Guidance slider', seed: 'Seed' },
  },
  timeline: {
    title: 'A short history of image generators',
    caption:
      'Eleven years of image generators, one band per family. Select a milestone to read what it changed; drag across the strip below the chart, or use the From and To sliders, to zoom into a span of years.',
    controls: { range: 'From and To years', play: 'Play button' },
  },
  'meet-the-data': {
    title: 'Meet the data: Tiny Headshots',
    caption:
      'Every model on this site learns from the same procedural portraits, 32 by 32 pixels, each drawn from nine known factors. Choose a face to read its factors, change one factor at a time to see what it does, and compare how often each look occurs.',
    controls: { faces: 'Other faces button', editor: 'Face editor' },
  },
  'forward-diffusion': {
    title: 'The forward process: from data to static',
    caption:
      'A smiley made of 700 points is noised step by step. Each point becomes √ᾱₜ times where it was plus √(1 − ᾱₜ) times a fixed random offset; by the last step the smiley is gone and the cloud matches a standard normal.',
    controls: { step: 'Step slider', schedule: 'Noise schedule', play: 'Play button' },
  },
  'noise-schedules': {
    title: 'Three noise schedules, one face',
    caption:
      'How fast each schedule turns a picture into static. The charts show the noise added at each step (βₜ), the share of the picture left (ᾱₜ) and the signal-to-noise ratio, for the linear, cosine and sigmoid schedules; the faces show one picture noised to the cursor’s step by each schedule, with the same noise. Drag across the charts, use the arrow keys or the slider, and change the number of steps T.',
    controls: {
      step: 'Step slider',
      steps: 'Number of steps',
      show: 'Schedules shown',
      highlight: 'Highlighted schedule',
    },
  },
  'forward-face': {
    title: 'A face turning into static',
    caption:
      'Slide t from 0 to 1000 and the face fades while the noise grows: the picture on the right is exactly the sum of the two on the left. Below, the histogram of its 3,072 pixel values slides onto the bell curve of a standard normal. Pick another face, or draw new noise.',
    controls: { face: 'Face picker', step: 'Step slider', noise: 'New noise button' },
  },
  'reverse-process': {
    title: 'The reverse process, step by step',
    caption:
      'A trained network turns static into a face, one step at a time. Left, the sample xₜ; middle, the noise ε̂ the network sees in it; right, the clean face x̂₀ that noise implies, which settles long before the screen does. Play, step or scrub; switch between DDPM and DDIM, change the number of steps, or try new static.',
    controls: {
      play: 'Playback buttons',
      scrub: 'Step slider',
      settings: 'All sampler settings',
      sampler: 'Sampler method and η',
      steps: 'Number of steps',
      seed: 'Seed',
    },
  },
  'gan-2d': {
    title: 'A GAN learning, live, on points in the plane',
    caption:
      'Blue circles are real points; orange diamonds are the generator’s fakes. The background is the discriminator’s verdict on every spot of the plane, and the arrows show which way the generator’s loss pulls its fakes. Press Play, or try a preset: a healthy run, mode collapse, or a learning rate too high to settle.',
    controls: {
      presets: 'Presets',
      play: 'Training buttons',
      settings: 'All settings',
      data: 'Data',
      loss: 'Loss',
      rates: 'Learning rates',
      seed: 'Seed',
    },
  },
  'gan-losses': {
    title: 'Training is hard: what the loss curves do not say',
    caption:
      'The two losses of this site’s face GAN, recorded every 50 steps while it trained. Drag along the chart, or use the slider, to read both at any step; the numbered notes say what the curves show, and what they cannot.',
    controls: { step: 'Step slider', notes: 'Numbered notes' },
  },
  'gan-family': {
    title: 'The family tree',
    caption:
      'The GAN’s best-known descendants, oldest at the top, each with the problem it fixed. Select a model to read its story; the line back to the first GAN lights up. BigGAN grew from the same convolutional branch as ProGAN, while StyleGAN built on ProGAN.',
    controls: {},
  },
  'gan-forger': {
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
  },
  'gan-diversity': {
    title: 'Diversity, measured',
    caption:
      'How often each eye colour, hair style, hair colour, backdrop and pair of glasses turns up among the GAN’s faces, beside real faces, both read by the same probe. Measure it again in your browser, and compare the GAN’s samples with the VAE’s.',
    controls: {
      factor: 'Factor menu',
      measure: 'Measure in my browser',
      samples: 'Other samples button',
    },
  },
  'vae-anatomy': {
    title: 'Anatomy of a VAE: one face, there and back',
    caption:
      'Pick a held-out face the model never trained on. The encoder turns it into two numbers with an uncertainty (the ellipse), one code is drawn at random from that ellipse, and the decoder paints a face from it. Draw again to pick another code from the same ellipse.',
    controls: { face: 'Face picker', draw: 'Draw again button' },
  },
  'vae-latent-map': {
    title: 'The latent map: every face the decoder can draw',
    caption:
      'Each dot is a held-out face, placed where the encoder puts it; the dashed rings show the standard normal the codes are pushed towards. Drag the cursor anywhere, or use the arrow keys, and the decoder draws the face for that point as you move.',
    controls: { colour: 'Colour faces by', tiles: 'Tile the plane button' },
  },
  'vae-interpolate': {
    title: 'Walking from one face to another',
    caption:
      "Choose two faces. The strip decodes evenly spaced points on the straight line between their codes, and the slider walks along it. Beside the VAE's face, the same walk done by blending the two photos' pixels instead.",
    controls: { faces: 'Face pickers', walk: 'Walk slider' },
  },
  'vae-forgot': {
    title: 'What the bottleneck forgot',
    caption:
      'Real held-out faces above their reconstructions, each squeezed through the two latent numbers and drawn back. The bars show how much of each factor a separately trained probe can still read from 1,000 such reconstructions.',
    controls: { faces: 'Other faces button' },
  },
  'vae-loss': {
    title: 'The loss: a tug of war between two terms',
    caption:
      'You play the encoder. Move its answer for the chosen face (the cursor is the mean, the slider the spread) and watch the two terms of the loss: how badly the decoder redraws the face from codes drawn around that answer, and how far the answer strays from the standard normal.',
    controls: { face: 'Face picker', spread: 'Spread slider', back: 'Back to the encoder button' },
  },
  'why-latent': {
    title: 'Why latent: the same process, in a small latent or on every pixel',
    caption:
      'The same reverse process, with the same seed and number of steps, run twice side by side: by the latent model on its small latent grid, decoded to a picture at every step so you can watch the face form, and by the pixel model on every pixel. Every model call is timed in your browser; the numbers below are measured, not quoted.',
    controls: { steps: 'Steps slider', seed: 'Seed', run: 'Run button' },
  },
};

export function isFigureId(id: string): id is FigureId {
  return (FIGURE_IDS as readonly string[]).includes(id);
}
