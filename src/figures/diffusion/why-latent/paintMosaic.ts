/**
 * A Svelte action that draws a latent mosaic into its canvas, sized to the mosaic (the
 * canvas is cleared while there is none).
 */
import type { Mosaic } from './latentMosaic.ts';

export function paintMosaic(canvas: HTMLCanvasElement, m: Mosaic | null) {
  const draw = (next: Mosaic | null) => {
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    if (!next) return ctx.clearRect(0, 0, canvas.width, canvas.height);
    canvas.width = next.width;
    canvas.height = next.height;
    ctx.putImageData(new ImageData(next.rgba, next.width, next.height), 0, 0);
  };
  draw(m);
  return { update: draw };
}
