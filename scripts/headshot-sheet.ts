/**
 * `npx tsx scripts/headshot-sheet.ts [outDir]`: contact sheets of the Tiny Headshots data
 * set (src/data/headshots.ts), for looking at the faces. Writes PNGs, encoded here with
 * node:zlib, to /tmp/headshots/ (or outDir):
 *  - random.png: 8 × 6 random faces (seeds SEED …, default 0) at 8×, nearest neighbour,
 *    with 4 px gaps;
 *  - factors.png: one row per factor, a single face with only that factor varying, rows
 *    in the order faceShape, skinTone (0 … 1 in 7 steps), eyeColour (5 values), brows
 *    (7 steps), hairStyle, hairColour (5 values each), smile (7 steps), glasses (off, on),
 *    backdrop (5 values);
 *  - native.png: 16 × 12 faces at 1× with 2 px gaps, the whole sheet doubled, to judge
 *    them at their real size;
 *  - zoom.png: 4 × 3 faces (seeds ZOOM …, default SEED) at 8×, small enough to view whole.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Sheet } from './lib/sheet.ts';
import {
  BACKDROPS,
  EYE_COLOURS,
  HAIR_COLOURS,
  HAIR_STYLES,
  SIZE,
  headshot,
  renderHeadshot,
  type HeadshotFactors,
} from '../src/data/headshots.ts';

const outDir = process.argv[2] ?? '/tmp/headshots';

mkdirSync(outDir, { recursive: true });
const firstSeed = Number(process.env['SEED'] ?? 0);

// (a) 8 × 6 random faces at 8×, 4 px gaps.
{
  const scale = 8,
    gap = 4,
    cols = 8,
    rows = 6,
    cell = SIZE * scale + gap;
  const sheet = new Sheet(cols * cell + gap, rows * cell + gap);
  for (let k = 0; k < cols * rows; k++) {
    const { pixels } = headshot(firstSeed + k);
    sheet.paste(pixels, gap + (k % cols) * cell, gap + Math.floor(k / cols) * cell, scale);
  }
  sheet.save(join(outDir, 'random.png'));
}

// (b) One row per factor: a fixed face with only that factor varying.
{
  const base: HeadshotFactors = {
    faceShape: 0.5,
    skinTone: 0.4,
    eyeColour: 'blue',
    brows: 0.5,
    hairStyle: 'short',
    hairColour: 'brown',
    smile: 0.5,
    glasses: false,
    backdrop: 'sage',
  };
  const steps = [0, 1 / 6, 2 / 6, 3 / 6, 4 / 6, 5 / 6, 1];
  const rows: HeadshotFactors[][] = [
    steps.map((faceShape) => ({ ...base, faceShape })),
    steps.map((skinTone) => ({ ...base, skinTone })),
    EYE_COLOURS.map((eyeColour) => ({ ...base, eyeColour })),
    steps.map((brows) => ({ ...base, brows })),
    HAIR_STYLES.map((hairStyle) => ({ ...base, hairStyle })),
    HAIR_COLOURS.map((hairColour) => ({ ...base, hairColour })),
    steps.map((smile) => ({ ...base, smile })),
    [false, true].map((glasses) => ({ ...base, glasses })),
    BACKDROPS.map((backdrop) => ({ ...base, backdrop })),
  ];
  const scale = 6,
    gap = 4,
    cell = SIZE * scale + gap;
  const sheet = new Sheet(steps.length * cell + gap, rows.length * cell + gap);
  rows.forEach((row, r) =>
    row.forEach((f, c) => sheet.paste(renderHeadshot(f), gap + c * cell, gap + r * cell, scale)),
  );
  sheet.save(join(outDir, 'factors.png'));
}

// (c) 16 × 12 faces at 1× with 2 px gaps, shown at 2×.
{
  const cols = 16,
    rows = 12,
    gap = 2,
    cell = SIZE + gap;
  const small = new Sheet(cols * cell + gap, rows * cell + gap);
  for (let k = 0; k < cols * rows; k++) {
    const { pixels } = headshot(firstSeed + 1000 + k);
    small.paste(pixels, gap + (k % cols) * cell, gap + Math.floor(k / cols) * cell, 1);
  }
  const big = new Sheet(small.width * 2, small.height * 2);
  for (let y = 0; y < big.height; y++)
    for (let x = 0; x < big.width; x++)
      for (let c = 0; c < 3; c++)
        big.rgb[(y * big.width + x) * 3 + c] =
          small.rgb[(Math.floor(y / 2) * small.width + Math.floor(x / 2)) * 3 + c]!;
  big.save(join(outDir, 'native.png'));
}

// (d) A close look: 4 × 3 faces at 8×, small enough to view at full size.
{
  const scale = 8,
    gap = 4,
    cols = 4,
    rows = 3,
    cell = SIZE * scale + gap;
  const sheet = new Sheet(cols * cell + gap, rows * cell + gap);
  const zoomSeed = Number(process.env['ZOOM'] ?? firstSeed);
  for (let k = 0; k < cols * rows; k++) {
    const { pixels } = headshot(zoomSeed + k);
    sheet.paste(pixels, gap + (k % cols) * cell, gap + Math.floor(k / cols) * cell, scale);
  }
  sheet.save(join(outDir, 'zoom.png'));
}
