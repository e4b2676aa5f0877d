/**
 * Every figure, by id, with the folder under src/figures/ that holds it: `figure.ts` (title,
 * caption, hideable controls, preview), `Figure.astro` (its island and build-time data) and
 * its parts. Adding a figure is one folder plus one line here. Plain TypeScript, so Node
 * scripts (previews, bench) can read it too. The order is the embed index's.
 */
export const FIGURE_FOLDERS = {
  timeline: 'history/timeline',
  'meet-the-data': 'vae/meet-the-data',
  'forward-diffusion': 'diffusion/forward-diffusion',
  'noise-schedules': 'diffusion/noise-schedules',
  'forward-face': 'diffusion/forward-face',
  'reverse-process': 'diffusion/reverse-process',
  'vae-anatomy': 'vae/vae-anatomy',
  'vae-latent-map': 'vae/vae-latent-map',
  'vae-interpolate': 'vae/vae-interpolate',
  'vae-forgot': 'vae/vae-forgot',
  'vae-loss': 'vae/vae-loss',
  'gan-2d': 'gan/gan-2d',
  'gan-forger': 'gan/gan-forger',
  'gan-diversity': 'gan/gan-diversity',
  'gan-losses': 'gan/gan-losses',
  'gan-family': 'gan/gan-family',
  'diffusion-2d': 'diffusion/diffusion-2d',
  'race-2d': 'diffusion/race-2d',
  prompting: 'diffusion/prompting',
  'why-latent': 'diffusion/why-latent',
  'compare-samples': 'compare/compare-samples',
  'compare-metrics': 'compare/compare-metrics',
} as const;

export type FigureId = keyof typeof FIGURE_FOLDERS;
export const FIGURE_IDS = Object.keys(FIGURE_FOLDERS) as [FigureId, ...FigureId[]];

export function isFigureId(id: string): id is FigureId {
  return Object.hasOwn(FIGURE_FOLDERS, id);
}
