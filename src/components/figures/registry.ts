/**
 * Every figure an article can embed with `<Figure id="…" />`, and that `/embed/<id>/`
 * renders alone. Adding a figure: add its id and metadata here and a branch in Figure.astro.
 */
export const FIGURE_IDS = ['timeline', 'meet-the-data', 'forward-diffusion'] as const;
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
};

export function isFigureId(id: string): id is FigureId {
  return (FIGURE_IDS as readonly string[]).includes(id);
}
