import { describe, expect, test } from 'vitest';
import {
  HAIR_STYLES,
  sampleFactors,
  type HeadshotFactors,
} from '../../../../src/data/headshots.ts';
import { hairdo } from '../../../../src/data/headshots/hair.ts';
import { faceLayout, type Nuisance } from '../../../../src/data/headshots/layout.ts';
import { FRAMES, SHIRTS } from '../../../../src/data/headshots/palette.ts';

const canonical: Nuisance = {
  dx: 0,
  dy: 0,
  scale: 1,
  shirt: SHIRTS[0]!,
  vNeck: false,
  part: -1,
  frame: FRAMES[0]!,
};
const factors: HeadshotFactors = { ...sampleFactors(0), faceShape: 0.5 };

describe('headshots: face layout', () => {
  test('the head is centred, the eye row is a pixel boundary inside the face', () => {
    const L = faceLayout(factors, canonical);
    expect(L.cx).toBe(16);
    expect(L.top).toBe(L.cy - L.ry);
    expect(L.chin).toBe(L.cy + L.ry);
    expect(Number.isInteger(L.ey)).toBe(true);
    expect(L.ey).toBeGreaterThan(L.top);
    expect(L.ey).toBeLessThan(L.chin);
    expect(L.shoulderY).toBeGreaterThan(L.chin);
  });

  test('a V neckline shows more neck than a crew neck', () => {
    const crew = faceLayout(factors, canonical),
      vee = faceLayout(factors, { ...canonical, vNeck: true });
    expect(vee.neckBottom).toBeGreaterThan(crew.neckBottom);
    const y = crew.neckBottom + 0.5;
    expect(crew.neckShape(crew.cx, y)).toBeGreaterThan(0);
    expect(vee.neckShape(vee.cx, y)).toBeLessThan(0);
  });

  test('the egg-shaped face is taller and narrower than the round one', () => {
    const round = faceLayout({ ...factors, faceShape: 0 }, canonical),
      egg = faceLayout({ ...factors, faceShape: 1 }, canonical);
    expect(egg.ry).toBeGreaterThan(round.ry);
    expect(egg.rx).toBeLessThan(round.rx);
    expect(egg.taper).toBeGreaterThan(round.taper);
  });
});

describe('headshots: hair styles', () => {
  const L = faceLayout(factors, canonical);
  test.each(HAIR_STYLES)('%s: covers the crown unless bald, leaves the eyes uncovered', (style) => {
    const hd = hairdo(style, canonical.part, L);
    const crown = hd.shape(L.cx, L.top + 0.5);
    if (style === 'bald') expect(crown).toBeGreaterThan(0);
    else expect(crown).toBeLessThan(0);
    for (const side of [-1, 1]) {
      const x = L.cx + side * 3;
      // Inside the face outline, so fd < 0; the window must contain the eye.
      expect(hd.window(x, L.ey, -1)).toBeLessThan(0);
    }
    const [x0, y0, x1, y1] = hd.box;
    expect(x0).toBeLessThan(L.cx);
    expect(x1).toBeGreaterThan(L.cx);
    // A bald head's fringe starts at the sides, below the bare crown.
    if (style === 'bald') expect(y0).toBeGreaterThan(L.top);
    else expect(y0).toBeLessThan(L.top);
    expect(y1).toBeGreaterThan(y0);
  });
});
