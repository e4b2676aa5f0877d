/**
 * A latent grid as a picture the reader can look at: each of its c channels as a grey
 * h × w tile, the tiles in a near-square grid (2 × 2 for four channels) with one-pixel gaps. Latent values are roughly standard normal,
 * so ±`range` maps to black…white (beyond is clipped), and the noise of early steps looks
 * like static, just as it does in pixel space.
 */
export interface LatentShape {
  height: number;
  width: number;
  channels: number;
  /** height × width × channels: how many numbers the denoiser works on. */
  size: number;
}

export interface Mosaic {
  width: number;
  height: number;
  /** RGBA, row-major, ready for `new ImageData`. */
  rgba: Uint8ClampedArray<ArrayBuffer>;
}

export const GAP = 1;

/** Lays out a flat HWC latent (`shape.size` values) as c grey tiles; gaps are transparent. */
export function latentMosaic(z: ArrayLike<number>, shape: LatentShape, range = 2.5): Mosaic {
  const { height: h, width: w, channels: c } = shape;
  if (z.length !== h * w * c)
    throw new Error(`latentMosaic: ${z.length} values for ${h}×${w}×${c}`);
  const cols = Math.ceil(Math.sqrt(c));
  const rows = Math.ceil(c / cols);
  const width = cols * w + (cols - 1) * GAP;
  const height = rows * h + (rows - 1) * GAP;
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let k = 0; k < c; k++) {
    const left = (k % cols) * (w + GAP);
    const top = Math.floor(k / cols) * (h + GAP);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const v = Math.max(-range, Math.min(range, z[(y * w + x) * c + k]!));
        const o = ((top + y) * width + left + x) * 4;
        rgba[o] = rgba[o + 1] = rgba[o + 2] = Math.round(((v + range) / (2 * range)) * 255);
        rgba[o + 3] = 255;
      }
    }
  }
  return { width, height, rgba };
}
