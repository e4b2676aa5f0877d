/** The model families the site's history follows; each has one colour site-wide. */
export const FAMILIES = ['vae', 'gan', 'diffusion', 'other'] as const;
export type Family = (typeof FAMILIES)[number];

/** Reader-facing names of the families, used in legends and tables. */
export const FAMILY_LABELS: Record<Family, string> = {
  vae: 'VAE',
  gan: 'GAN',
  diffusion: 'Diffusion',
  other: 'Other',
};
