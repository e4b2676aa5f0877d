/**
 * A picture file the reader picks, as a 32×32 face for the VAE: the centred square of the
 * image, reduced by the browser's own high-quality resampling. It never leaves the page.
 * Null when the file is no picture this browser can decode.
 */
import { IMAGE_LENGTH, SIZE } from '../../../data/headshots.ts';

export async function pictureFromFile(file: Blob): Promise<Float32Array | null> {
  let full: ImageBitmap;
  try {
    full = await createImageBitmap(file);
  } catch {
    return null;
  }
  const side = Math.min(full.width, full.height);
  const small = await createImageBitmap(
    full,
    Math.floor((full.width - side) / 2),
    Math.floor((full.height - side) / 2),
    side,
    side,
    { resizeWidth: SIZE, resizeHeight: SIZE, resizeQuality: 'high' },
  );
  full.close();
  const canvas = new OffscreenCanvas(SIZE, SIZE);
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.drawImage(small, 0, 0);
  small.close();
  const rgba = ctx.getImageData(0, 0, SIZE, SIZE).data;
  const out = new Float32Array(IMAGE_LENGTH);
  for (let i = 0; i < SIZE * SIZE; i++) {
    for (let c = 0; c < 3; c++) out[3 * i + c] = rgba[4 * i + c]! / 255;
  }
  return out;
}
