/** The ldm's latent shape, read from the shipped weights (in the diffusion worker). */
import type { Params } from '../../../models/nn.ts';
import type { LatentShape } from './latentMosaic.ts';

export type { LatentShape };

/**
 * The latent's shape from the weights themselves: the denoiser's input width is the number of
 * values, the decoder's first convolution says how many channels, and the grid is square.
 */
export function latentShapeOf(ae: Params, denoiser: Params): LatentShape {
  const size = denoiser['in/kernel']?.shape[0];
  const channels = ae['dec1/kernel']?.shape[2];
  if (!size || !channels) throw new Error('The ldm or ldm-ae weights do not give a latent shape.');
  const side = Math.round(Math.sqrt(size / channels));
  if (side * side * channels !== size)
    throw new Error(`A latent of ${size} values is not a square grid of ${channels} channels.`);
  return { height: side, width: side, channels, size };
}
