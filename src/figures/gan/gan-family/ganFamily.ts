/**
 * The GAN family tree of the chapter's last figure: which milestone of content/timeline.yaml
 * each descendant built on most directly, and the problem it fixed, in a few words. Names,
 * years, authors, links and the longer account come from the timeline itself, so this file
 * holds only what the timeline has no field for: the edges, and the problem each one fixed.
 *
 * Real papers build on many others; the tree keeps one parent each. BigGAN branches off the
 * convolutional line rather than sitting between ProGAN and StyleGAN, which built on ProGAN.
 */
export interface Lineage {
  /** A milestone id in content/timeline.yaml. */
  id: string;
  /** The milestone it built on, or null for the root. */
  parent: string | null;
  /** The problem it fixed, a short phrase (it labels the node). */
  fixed: string;
}

export const GAN_LINEAGE: readonly Lineage[] = [
  { id: 'gan', parent: null, fixed: 'The need to write down a likelihood' },
  { id: 'dcgan', parent: 'gan', fixed: 'Convolutional GANs that train reliably' },
  { id: 'progan', parent: 'dcgan', fixed: 'Instability at high resolution' },
  { id: 'biggan', parent: 'dcgan', fixed: 'Too small for ImageNet’s variety' },
  { id: 'stylegan', parent: 'progan', fixed: 'No control over coarse versus fine traits' },
  { id: 'stylegan2', parent: 'stylegan', fixed: 'Blob-shaped artefacts' },
  { id: 'stylegan3', parent: 'stylegan2', fixed: 'Details stuck to the screen' },
];

/** Ids of `node` and its ancestors, root first. */
export function ancestry(lineage: readonly Lineage[], node: string): string[] {
  const byId = new Map(lineage.map((l) => [l.id, l]));
  const path: string[] = [];
  for (let at = byId.get(node); at; at = at.parent ? byId.get(at.parent) : undefined) {
    if (path.includes(at.id)) throw new Error(`ancestry: a cycle through ${at.id}`);
    path.unshift(at.id);
  }
  return path;
}
