import { describe, expect, test } from 'vitest';
import {
  DRAW,
  evenlySpacedRows,
  lossStory,
  nearestRow,
  storyMarks,
  verdictOnFakes,
  type LossRow,
} from '../../../../../src/figures/gan/gan-losses/ganLossStory.ts';
import { layoutLossCurves } from '../../../../../src/charts/lossCurvesLayout.ts';
import { svgDocument } from '../../../svgSnapshot.ts';

/** A made-up run of 16 rows, every 50 steps: the detective pulls ahead, then both settle. */
const d = [0.9, 0.5, 0.25, 0.4, 0.6, 0.62, 0.6, 0.58, 0.61, 0.6, 0.57, 0.55, 0.54, 0.52, 0.5, 0.49];
const g = [0.9, 1.6, 2.6, 2.1, 1.8, 1.75, 1.8, 1.82, 1.78, 1.8, 1.9, 1.95, 2.0, 2.05, 2.1, 2.15];
const history: LossRow[] = d.map((v, i) => ({
  step: 50 * (i + 1),
  discriminator: v,
  generator: g[i]!,
}));

describe('lossStory', () => {
  const story = lossStory(history);

  test('finds where the detective was furthest ahead', () => {
    expect(story.detectiveAhead).toEqual({ step: 150, discriminator: 0.25, generator: 2.6 });
  });

  test('bands both losses after the opening eighth of the run', () => {
    expect(story.band).toEqual({
      fromStep: 150,
      toStep: 800,
      discriminator: { min: 0.25, max: 0.62 },
      generator: { min: 1.75, max: 2.6 },
    });
    expect(lossStory(history, 1 / 2).band).toEqual({
      fromStep: 450,
      toStep: 800,
      discriminator: { min: 0.49, max: 0.61 },
      generator: { min: 1.78, max: 2.15 },
    });
  });

  test('keeps the first and last rows', () => {
    expect([story.first.step, story.last.step]).toEqual([50, 800]);
  });

  test('refuses an empty history', () => {
    expect(() => lossStory([])).toThrow(/empty/);
  });
});

describe('nearestRow', () => {
  test('snaps any step to the closest recorded row, earlier on a tie, clamped at the ends', () => {
    expect(nearestRow(history, 0)).toBe(0);
    expect(nearestRow(history, 174)).toBe(2);
    expect(nearestRow(history, 175)).toBe(2);
    expect(nearestRow(history, 176)).toBe(3);
    expect(nearestRow(history, 10_000)).toBe(15);
  });
});

describe('evenlySpacedRows', () => {
  test('keeps the first row and every multiple of the spacing', () => {
    expect(evenlySpacedRows(history, 200).map((r) => r.step)).toEqual([50, 200, 400, 600, 800]);
  });

  test('keeps the last row too when the run stops between two multiples', () => {
    const stopped = history.filter((r) => r.step <= 700);
    expect(
      evenlySpacedRows(stopped, 200)
        .map((r) => r.step)
        .at(-1),
    ).toBe(stopped.at(-1)!.step);
    expect(evenlySpacedRows(stopped, 200).map((r) => r.step)).toEqual([
      50,
      200,
      400,
      600,
      ...(stopped.at(-1)!.step % 200 ? [stopped.at(-1)!.step] : []),
    ]);
  });
});

describe('verdictOnFakes and DRAW', () => {
  test('a draw means D answers one half: both losses and the verdict agree', () => {
    expect(DRAW.discriminator).toBeCloseTo(-Math.log(0.5) * 2, 12);
    expect(verdictOnFakes(DRAW.generator)).toBeCloseTo(0.5, 12);
  });

  test('the verdict is the geometric mean of D(G(z)) when L_G is the mean of −log D(G(z))', () => {
    const verdicts = [0.1, 0.4, 0.9];
    const loss = verdicts.reduce((s, v) => s - Math.log(v), 0) / verdicts.length;
    expect(verdictOnFakes(loss)).toBeCloseTo(Math.cbrt(0.1 * 0.4 * 0.9), 12);
  });
});

describe('the gan-losses chart', () => {
  test('draws the curves, the draw levels, the numbered notes and the cursor (SVG snapshot)', async () => {
    const [width, height] = [420, 220];
    const steps = history.map((r) => r.step);
    const layout = layoutLossCurves(
      [
        { label: 'D', className: 'd', steps, values: d },
        { label: 'G', className: 'g', steps, values: g },
      ],
      [
        { label: 'D at a draw', value: DRAW.discriminator, className: 'd' },
        { label: 'G at a draw', value: DRAW.generator, className: 'g' },
      ],
      { width, height, yMax: 2.5, yCap: 4 },
    );
    const colour = (c: string) => (c === 'd' || c === 'discriminator' ? '#1f6f8b' : '#b93d0c');
    const cursor = history[nearestRow(history, 420)]!;
    const cx = layout.x(cursor.step);
    const body = [
      ...layout.yTicks.map(
        (t) =>
          `<text x="${layout.margin.left - 5}" y="${t.y + 4}" text-anchor="end">${t.value}</text>`,
      ),
      ...layout.xTicks.map(
        (t) => `<text x="${t.x}" y="${height - 6}" text-anchor="middle">${t.value}</text>`,
      ),
      ...layout.references.map(
        (r) =>
          `<line x1="${layout.margin.left}" x2="${width - layout.margin.right}" y1="${r.y}" y2="${r.y}" stroke="${colour(r.className)}" stroke-dasharray="5 4"/>`,
      ),
      ...layout.paths.map(
        (p) => `<path d="${p.d}" fill="none" stroke="${colour(p.className)}" stroke-width="2"/>`,
      ),
      `<line x1="${cx}" x2="${cx}" y1="${layout.margin.top}" y2="${height - layout.margin.bottom}" stroke="#1c1a17"/>`,
      `<circle cx="${cx}" cy="${layout.y(cursor.discriminator)}" r="4.5" fill="#fff" stroke="${colour('d')}"/>`,
      `<circle cx="${cx}" cy="${layout.y(cursor.generator)}" r="4.5" fill="#fff" stroke="${colour('g')}"/>`,
      ...storyMarks(history, lossStory(history)).map(
        (m, i) =>
          `<g transform="translate(${layout.x(m.step)},${layout.y(m.value) + (m.series === 'discriminator' ? 12 : -14)})"><circle r="8"/><text y="4" fill="#fff" text-anchor="middle">${i + 1}</text></g>`,
      ),
    ];
    await expect(svgDocument(width, height, body)).toMatchFileSnapshot(
      '__snapshots__/ganLosses.svg',
    );
  });
});
