/**
 * A reader's 32×32 picture in a link: at most 16 colours (median cut, Heckbert 1982) and
 * four bits a pixel, as base64url. 1 + 3·colours + 512 bytes, at most 748 characters: short
 * enough for any link. Faces of the data set have few distinct colours, so a drawing on one
 * survives nearly unchanged; a photo is posterised, which the VAE, seeing only 32×32 pixels,
 * hardly notices.
 */
import { fromBase64, toBase64 } from './base64.ts';
import { IMAGE_LENGTH, SIZE } from './headshots.ts';

export const MAX_COLOURS = 16;
export const MAX_PICTURE_CHARS = Math.ceil(((1 + 3 * MAX_COLOURS + (SIZE * SIZE) / 2) * 4) / 3);

type Colour = [number, number, number];
type Channel = 0 | 1 | 2;

/** Up to `k` colours that stand for the pixels (8-bit), by median cut. */
function medianCut(pixels: Colour[], k: number): Colour[] {
  let boxes: Colour[][] = [pixels];
  const range = (box: Colour[], c: Channel) => {
    let lo = 255;
    let hi = 0;
    for (const p of box) {
      lo = Math.min(lo, p[c]);
      hi = Math.max(hi, p[c]);
    }
    return hi - lo;
  };
  while (boxes.length < k) {
    // Split the box with the widest channel range at its median along that channel.
    let best = -1;
    let bestChannel: Channel = 0;
    let bestRange = 0;
    boxes.forEach((box, i) => {
      for (const c of [0, 1, 2] as const) {
        const r = range(box, c);
        if (box.length > 1 && r > bestRange) [best, bestChannel, bestRange] = [i, c, r];
      }
    });
    if (best < 0) break; // every box holds one colour only
    const box = [...boxes[best]!].sort((a, b) => a[bestChannel] - b[bestChannel]);
    const half = box.length >> 1;
    boxes = [
      ...boxes.slice(0, best),
      box.slice(0, half),
      box.slice(half),
      ...boxes.slice(best + 1),
    ];
  }
  return boxes.map((box) => {
    const sum = box.reduce<Colour>((s, p) => [s[0] + p[0], s[1] + p[1], s[2] + p[2]], [0, 0, 0]);
    return sum.map((v) => Math.round(v / box.length)) as Colour;
  });
}

/** A picture (HWC RGB in [0, 1], SIZE×SIZE) as link text. */
export function encodePicture(pixels: Float32Array): string {
  const colours: Colour[] = [];
  for (let i = 0; i < SIZE * SIZE; i++) {
    colours.push([0, 1, 2].map((c) => Math.round(clamp01(pixels[3 * i + c]!) * 255)) as Colour);
  }
  const distinct = new Map(colours.map((c) => [c.join(','), c]));
  const palette =
    distinct.size <= MAX_COLOURS ? [...distinct.values()] : medianCut(colours, MAX_COLOURS);
  const bytes = new Uint8Array(1 + 3 * palette.length + (SIZE * SIZE) / 2);
  bytes[0] = palette.length - 1;
  palette.forEach((c, i) => bytes.set(c, 1 + 3 * i));
  const at = 1 + 3 * palette.length;
  colours.forEach((c, i) => {
    const index = nearest(palette, c);
    bytes[at + (i >> 1)]! |= i % 2 === 0 ? index << 4 : index;
  });
  return toBase64(bytes, true);
}

/** The picture back (HWC RGB in [0, 1]), or null for text that is not a picture. */
export function decodePicture(text: string): Float32Array | null {
  if (text === '' || text.length > MAX_PICTURE_CHARS) return null;
  const bytes = fromBase64(text, true);
  if (!bytes) return null;
  const count = (bytes[0] ?? 0) + 1;
  const at = 1 + 3 * count;
  if (count > MAX_COLOURS || bytes.length !== at + (SIZE * SIZE) / 2) return null;
  const out = new Float32Array(IMAGE_LENGTH);
  for (let i = 0; i < SIZE * SIZE; i++) {
    const byte = bytes[at + (i >> 1)]!;
    const index = i % 2 === 0 ? byte >> 4 : byte & 15;
    if (index >= count) return null;
    for (let c = 0; c < 3; c++) out[3 * i + c] = bytes[1 + 3 * index + c]! / 255;
  }
  return out;
}

function nearest(palette: Colour[], c: Colour): number {
  let best = 0;
  let bestD = Infinity;
  palette.forEach((p, i) => {
    const d = (p[0] - c[0]) ** 2 + (p[1] - c[1]) ** 2 + (p[2] - c[2]) ** 2;
    if (d < bestD) [best, bestD] = [i, d];
  });
  return best;
}

const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);
