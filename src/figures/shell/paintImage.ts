/**
 * A Svelte action that draws a 32×32 RGB image (flat HWC Float32Array in [0, 1]) into its
 * canvas, and redraws when the image changes; CSS scales the canvas up without smoothing.
 * `null` leaves the canvas blank (its CSS background shows), e.g. before a model is ready.
 */
import { SIZE, toRgba8 } from '../../data/headshots.ts';

function draw(canvas: HTMLCanvasElement, pixels: Float32Array | null) {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  if (!pixels) {
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    return;
  }
  const rgba = toRgba8(pixels) as Uint8ClampedArray<ArrayBuffer>;
  ctx.putImageData(new ImageData(rgba, SIZE, SIZE), 0, 0);
}

export function paintImage(canvas: HTMLCanvasElement, pixels: Float32Array | null) {
  draw(canvas, pixels);
  return { update: (next: Float32Array | null) => draw(canvas, next) };
}
