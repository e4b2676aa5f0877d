/**
 * Contact sheets of 32×32 images as PNG files, encoded here with node:zlib (no image
 * library needed for a few grids): used by the data and model sample-sheet scripts.
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { SIZE } from '../../src/data/headshots.ts';

// --- Minimal PNG writer ---------------------------------------------------------------

const CRC_TABLE = new Uint32Array(256);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  CRC_TABLE[n] = c >>> 0;
}

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** RGB8 pixels (width·height·3) → PNG bytes (colour type 2, filter "Up" on every row). */
export function encodePng(width: number, height: number, rgb: Uint8Array): Buffer {
  const stride = width * 3;
  const raw = new Uint8Array((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 2; // Up
    for (let x = 0; x < stride; x++) {
      const above = y > 0 ? rgb[(y - 1) * stride + x]! : 0;
      raw[y * (stride + 1) + 1 + x] = (rgb[y * stride + x]! - above) & 0xff;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // bit depth 8, RGB, deflate, adaptive filtering, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

// --- Sheets -----------------------------------------------------------------------------

export class Sheet {
  readonly rgb: Uint8Array;
  constructor(
    readonly width: number,
    readonly height: number,
    background = 255,
  ) {
    this.rgb = new Uint8Array(width * height * 3).fill(background);
  }

  /** Pastes a 32×32 float image at (left, top), upscaled `scale`× by nearest neighbour. */
  paste(pixels: Float32Array, left: number, top: number, scale: number): void {
    for (let y = 0; y < SIZE * scale; y++) {
      for (let x = 0; x < SIZE * scale; x++) {
        const src = (Math.floor(y / scale) * SIZE + Math.floor(x / scale)) * 3;
        const dst = ((top + y) * this.width + left + x) * 3;
        for (let c = 0; c < 3; c++) this.rgb[dst + c] = Math.round(pixels[src + c]! * 255);
      }
    }
  }

  save(path: string): void {
    writeFileSync(path, encodePng(this.width, this.height, this.rgb));
    console.log(path);
  }
}
