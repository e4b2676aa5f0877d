/**
 * Exports of the comparison page, made in the page itself (no server, no other origin): a
 * Blob offered as a download through a temporary object URL, and the sample grids drawn onto
 * one canvas for the PNG.
 */
import { SIZE, toRgba8 } from '../../data/headshots.ts';

/** Offers `blob` as a file called `name`, then frees its object URL. */
export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started by the next task; revoking at once can cancel it in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export interface SheetRow {
  label: string;
  /** Faces [n, 32, 32, 3] in [0, 1]. */
  pixels: Float32Array;
  n: number;
}

const SCALE = 3;
const GAP = 4;
const LABEL = 150;

/** The grids as one PNG: a row per source, its name on the left, faces enlarged 3× without smoothing. */
export async function sheetPng(rows: SheetRow[], title: string): Promise<Blob> {
  const face = SIZE * SCALE;
  const cols = Math.max(...rows.map((r) => r.n));
  const canvas = document.createElement('canvas');
  canvas.width = LABEL + cols * (face + GAP) + GAP;
  canvas.height = 36 + rows.length * (face + GAP) + GAP;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot draw the PNG (no 2-D canvas).');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#1c1a17';
  ctx.font = 'bold 16px system-ui, sans-serif';
  ctx.fillText(title, GAP * 2, 24);
  ctx.font = '14px system-ui, sans-serif';
  ctx.imageSmoothingEnabled = false;
  const tile = document.createElement('canvas');
  tile.width = tile.height = SIZE;
  const tileCtx = tile.getContext('2d')!;
  rows.forEach((row, r) => {
    const y = 36 + r * (face + GAP);
    ctx.fillText(row.label, GAP * 2, y + face / 2 + 5);
    for (let i = 0; i < row.n; i++) {
      const rgba = toRgba8(row.pixels, i) as Uint8ClampedArray<ArrayBuffer>;
      tileCtx.putImageData(new ImageData(rgba, SIZE, SIZE), 0, 0);
      ctx.drawImage(tile, LABEL + i * (face + GAP), y, face, face);
    }
  });
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (b) => (b ? resolve(b) : reject(new Error('Could not encode the PNG.'))),
      'image/png',
    ),
  );
}
